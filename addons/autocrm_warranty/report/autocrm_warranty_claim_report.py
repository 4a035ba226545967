from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.tools.selection import selection_of


class AutocrmWarrantyClaimReport(models.Model):
    """One row per submitted claim: claims and amounts by dealership, model, causal
    part and month; cycle time from submission to payment; rejection rate and
    reasons. A row belongs to the claim's dealership."""

    _name = "autocrm.warranty.claim.report"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Warranty Claim Analysis"
    _auto = False
    _rec_name = "claim_id"
    _order = "repair_date desc, id desc"

    claim_id = fields.Many2one("autocrm.warranty.claim", string="Claim", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    dealer_grade = fields.Selection(
        selection_of("res.company", "dealer_grade"), readonly=True
    )
    dealer_region = fields.Selection(
        selection_of("res.company", "dealer_region"), string="Region", readonly=True
    )
    vehicle_id = fields.Many2one("autocrm.vehicle", string="Vehicle", readonly=True)
    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    production_date = fields.Date(string="Vehicle Production Date", readonly=True)
    causal_part_id = fields.Many2one(
        "product.product", string="Causal Part", readonly=True
    )
    claim_type = fields.Selection(
        selection_of("autocrm.warranty.claim", "claim_type"), readonly=True
    )
    state = fields.Selection(
        selection_of("autocrm.warranty.claim", "state"), readonly=True
    )
    rejection_category = fields.Selection(
        selection_of("autocrm.warranty.claim", "rejection_category"),
        string="Rejection Reason",
        readonly=True,
    )
    repair_date = fields.Date(readonly=True)
    submitted_date = fields.Date(readonly=True)
    paid_date = fields.Date(readonly=True)
    claim_count = fields.Integer(string="Claims", readonly=True)
    flagged_count = fields.Integer(string="Flagged Claims", readonly=True)
    rejection_rate = fields.Float(
        string="Rejection Rate (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a rejected claim, 0 for a decided one: its average is the share "
        "rejected.",
    )
    cycle_days = fields.Float(
        string="Cycle Time (days)",
        readonly=True,
        aggregator="avg",
        help="Days from submission to payment, for paid claims.",
    )
    amount_claimed = fields.Monetary(readonly=True)
    amount_approved = fields.Monetary(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)

    @api.model
    def _select(self):
        return SQL(
            """
            c.id,
            c.id AS claim_id,
            c.company_id,
            dealer.dealer_grade,
            dealer.dealer_region,
            c.vehicle_id,
            c.model_id,
            vehicle.production_date,
            c.causal_part_id,
            c.claim_type,
            c.state,
            c.rejection_category,
            c.repair_date,
            c.submitted_date,
            c.paid_date,
            1 AS claim_count,
            CASE WHEN c.fraud_flag_count > 0 THEN 1 ELSE 0 END AS flagged_count,
            CASE WHEN c.state = 'rejected' THEN 100.0
                 WHEN c.state IN ('approved', 'paid') THEN 0.0
            END AS rejection_rate,
            CASE WHEN c.state = 'paid'
                 THEN (c.paid_date - c.submitted_date)::float
            END AS cycle_days,
            c.amount_claimed,
            coalesce(c.amount_approved, 0) AS amount_approved,
            dealer.currency_id
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            autocrm_warranty_claim c
            JOIN autocrm_vehicle vehicle ON vehicle.id = c.vehicle_id
            JOIN res_company dealer ON dealer.id = c.company_id
            """
        )

    @api.model
    def _where(self):
        return SQL("c.state != 'draft'")
