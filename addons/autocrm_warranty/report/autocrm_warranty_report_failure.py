from odoo import api, fields, models
from odoo.tools import SQL


class AutocrmWarrantyReportFailure(models.Model):
    """Quality feedback for the OEM: per vehicle model and causal part, the claims
    (submitted and not rejected) per 1,000 vehicles of the model sold."""

    _name = "autocrm.warranty.report.failure"
    _inherit = ["autocrm.warranty.report.quality"]
    _description = "Failures per 1,000 Vehicles"
    _auto = False
    _order = "failure_rate desc, id"

    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    causal_part_id = fields.Many2one(
        "product.product", string="Causal Part", readonly=True
    )
    claim_count = fields.Integer(string="Claims", readonly=True)
    vehicle_count = fields.Integer(
        string="Vehicles Sold",
        readonly=True,
        help="The vehicles sold of the model; at every level of a pivot, those of "
        "its models, each model's once.",
    )
    failure_rate = fields.Float(
        string="Failures per 1,000 Vehicles",
        readonly=True,
        aggregator="sum",
        digits=(16, 2),
        help="The claims per 1,000 vehicles of the model sold; at every level of a "
        "pivot, the group's claims per 1,000 vehicles sold of its models.",
    )

    @api.model
    def _autocrm_ratio_measures(self):
        return {
            **super()._autocrm_ratio_measures(),
            **self._failure_rate_measures(),
        }

    @api.model
    def _with(self):
        return SQL(
            """
            fleet AS (%(fleet)s),
            failures AS (
                SELECT c.model_id, c.causal_part_id, count(*) AS claim_count
                  FROM autocrm_warranty_claim c
                 WHERE c.state IN %(states)s
                   AND c.causal_part_id IS NOT NULL
                 GROUP BY c.model_id, c.causal_part_id
            )
            """,
            fleet=self._fleet_query(),
            states=self._failure_states(),
        )

    @api.model
    def _select(self):
        return SQL(
            """
            row_number() OVER (ORDER BY f.model_id, f.causal_part_id) AS id,
            f.model_id,
            f.causal_part_id,
            f.claim_count,
            coalesce(fleet.vehicle_count, 0) AS vehicle_count,
            round(%(failure_rate)s, 2) AS failure_rate
            """,
            failure_rate=self._failure_rate_sql(
                SQL("f.claim_count"), SQL("fleet.vehicle_count")
            ),
        )

    @api.model
    def _from(self):
        return SQL("failures f LEFT JOIN fleet ON fleet.model_id = f.model_id")
