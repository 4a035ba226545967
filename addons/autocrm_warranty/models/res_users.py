from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _autocrm_home_action_xmlid(self):
        """The OEM's claims reviewers land on the claims waiting for them, its
        after-sales managers on the network's claims analysis."""
        if self.has_group("base.group_system"):
            return super()._autocrm_home_action_xmlid()
        if self.has_group("autocrm_warranty.group_claims_reviewer"):
            return "autocrm_warranty.autocrm_warranty_claim_action_review"
        if self.has_group("autocrm_customer.group_oem_manager"):
            return "autocrm_warranty.autocrm_warranty_claim_report_action"
        return super()._autocrm_home_action_xmlid()
