from odoo import api, fields, models
from odoo.tools import SQL

from ..models.autocrm_followup import CALLBACK_SCORES


class AutocrmWarrantyReportCallback(models.Model):
    """One row per OEM call-back done after a warranty repair: what the customer
    said of the dealership that made the repair. Satisfaction, convenience and
    courtesy (1–5) are averaged over the customers who gave them, the paid rate
    over the customers reached, so that every total of the pivot is the average
    of its call-backs, not of its groups. A row belongs to the serviced dealership
    (its own results) and to the OEM (the network's)."""

    _name = "autocrm.warranty.report.callback"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "OEM Call-back Analysis"
    _auto = False
    _rec_name = "followup_id"
    _order = "done_date desc, id desc"

    followup_id = fields.Many2one("autocrm.followup", string="Call-back", readonly=True)
    claim_id = fields.Many2one("autocrm.warranty.claim", string="Claim", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    user_id = fields.Many2one("res.users", string="Called by", readonly=True)
    done_date = fields.Date(string="Call-back Date", readonly=True)
    satisfaction = fields.Selection(
        [(str(score), str(score)) for score in range(1, 6)], readonly=True
    )
    convenience = fields.Selection(CALLBACK_SCORES, readonly=True)
    courtesy = fields.Selection(CALLBACK_SCORES, readonly=True)
    customer_paid = fields.Boolean(readonly=True)
    callback_count = fields.Integer(string="Call-backs", readonly=True)
    reached_count = fields.Integer(string="Customers Reached", readonly=True)
    paid_count = fields.Integer(string="Customers Made to Pay", readonly=True)
    satisfaction_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average satisfaction (1–5) of the customers who gave one.",
    )
    convenience_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average convenience (1–5) of the customers who gave one.",
    )
    courtesy_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average courtesy (1–5) of the customers who gave one.",
    )
    paid_rate = fields.Float(
        string="Made-to-Pay Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the customers reached who said they were made to pay for "
        "free work.",
    )

    @api.model
    def _select(self):
        return SQL(
            """
            f.id,
            f.id AS followup_id,
            f.warranty_claim_id AS claim_id,
            f.serviced_dealer_id AS company_id,
            c.model_id,
            f.user_id,
            f.done_date,
            f.satisfaction,
            f.convenience,
            f.courtesy,
            coalesce(f.customer_paid, false) AS customer_paid,
            1 AS callback_count,
            CASE WHEN f.reached THEN 1 ELSE 0 END AS reached_count,
            CASE WHEN f.reached AND f.customer_paid THEN 1 ELSE 0 END AS paid_count,
            nullif(f.satisfaction, '')::float AS satisfaction_score,
            nullif(f.convenience, '')::float AS convenience_score,
            nullif(f.courtesy, '')::float AS courtesy_score,
            CASE WHEN f.reached AND f.customer_paid THEN 100.0
                 WHEN f.reached THEN 0.0
            END AS paid_rate
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            autocrm_followup f
            JOIN autocrm_warranty_claim c ON c.id = f.warranty_claim_id
            """
        )

    @api.model
    def _where(self):
        return SQL("f.followup_type = 'oem_callback' AND f.state = 'done'")
