from odoo import models

CLAIM_MODEL = "autocrm.warranty.claim"


class AutocrmFollowup(models.Model):
    _inherit = "autocrm.followup"

    def action_done(self):
        """An OEM call-back where the customer says they paid for free work flags
        the warranty claim it follows up and notifies the claim's reviewer."""
        res = super().action_done()
        paid = self.filtered(
            lambda f: f.followup_type == "oem_callback"
            and f.customer_paid
            and f.res_model == CLAIM_MODEL
            and f.res_id
        )
        for followup in paid:
            # as superuser: the OEM user who made the call may only read claims;
            # the flag, note and activity are the call-back's own outcome
            claim = self.env[CLAIM_MODEL].sudo().browse(followup.res_id).exists()
            claim._flag_customer_paid(followup)
        return res
