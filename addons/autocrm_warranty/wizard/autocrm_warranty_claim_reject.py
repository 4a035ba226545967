from odoo import fields, models

from ..models.autocrm_warranty_claim import REJECTION_CATEGORIES


class AutocrmWarrantyClaimReject(models.TransientModel):
    _name = "autocrm.warranty.claim.reject"
    _description = "Reject Warranty Claims"

    claim_ids = fields.Many2many("autocrm.warranty.claim", string="Claims")
    rejection_category = fields.Selection(REJECTION_CATEGORIES, required=True)
    rejection_reason = fields.Text(
        required=True, help="The dealer reads it: say why and what would be accepted."
    )

    def action_reject(self):
        self.ensure_one()
        self.claim_ids.write(
            {
                "rejection_category": self.rejection_category,
                "rejection_reason": self.rejection_reason,
            }
        )
        self.claim_ids.action_reject()
        return {"type": "ir.actions.act_window_close"}
