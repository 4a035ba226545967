from odoo import fields, models

FRAUD_CODES = [
    ("duplicate", "Duplicate Claim"),
    ("late", "Late Submission"),
    ("odometer", "Odometer Lower than Before"),
    ("hours", "Hours above Flat Rate"),
    ("customer_paid", "Customer Paid for Free Work"),
]


class AutocrmWarrantyFraudFlag(models.Model):
    _name = "autocrm.warranty.fraud.flag"
    _description = "Warranty Claim Fraud Flag"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "claim_id, id"

    claim_id = fields.Many2one(
        "autocrm.warranty.claim", required=True, index=True, ondelete="cascade"
    )
    code = fields.Selection(FRAUD_CODES, required=True, index=True)
    note = fields.Text(
        required=True, help="Why the claim was flagged, for the claims reviewer."
    )
    company_id = fields.Many2one(
        related="claim_id.company_id", store=True, index=True, string="Dealership"
    )

    _sql_constraints = [
        (
            "claim_code_uniq",
            "unique(claim_id, code)",
            "A claim carries each fraud flag once.",
        )
    ]
