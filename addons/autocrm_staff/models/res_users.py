from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _autocrm_home_action_xmlid(self):
        """A dealership's HR officers land on the appraisals they run."""
        if self.has_group("hr.group_hr_user") and self.has_group(
            "autocrm_customer.group_dealer_user"
        ):
            return "autocrm_staff.autocrm_appraisal_action"
        return super()._autocrm_home_action_xmlid()
