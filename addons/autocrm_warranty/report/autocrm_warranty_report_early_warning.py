from odoo import api, fields, models
from odoo.tools import SQL


class AutocrmWarrantyReportEarlyWarning(models.Model):
    """Early warning for the OEM's quality desk: per vehicle model, causal part and
    production month of the vehicles, the claims against the average of the six
    production months before. A month with at least 3 claims and more than twice
    that average raises an alert: a batch of parts may be bad."""

    _name = "autocrm.warranty.report.early.warning"
    _inherit = ["autocrm.warranty.report.quality"]
    _description = "Warranty Early Warning"
    _auto = False
    _order = "production_month desc, claim_count desc, id"

    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    causal_part_id = fields.Many2one(
        "product.product", string="Causal Part", readonly=True
    )
    production_month = fields.Date(readonly=True)
    claim_count = fields.Integer(string="Claims", readonly=True)
    usual_count = fields.Float(
        string="Usual Claims per Month",
        readonly=True,
        digits=(16, 2),
        help="Average over the six production months before.",
    )
    ratio = fields.Float(
        string="Times the Usual",
        readonly=True,
        digits=(16, 2),
        help="The claims against the usual claims of their months, at every level.",
    )
    is_alert = fields.Boolean(string="Alert", readonly=True)

    @api.model
    def _autocrm_ratio_measures(self):
        return {
            **super()._autocrm_ratio_measures(),
            **self._times_usual_measures(),
        }

    @api.model
    def _select(self):
        return SQL(
            """
            row_number() OVER (
                ORDER BY model_id, causal_part_id, production_month
            ) AS id,
            model_id, causal_part_id, production_month, claim_count,
            usual_count, ratio, is_alert
            """
        )

    @api.model
    def _from(self):
        return SQL(
            "(%s) compared",
            self._early_warning_query(
                self._monthly_query(), ["model_id", "causal_part_id"]
            ),
        )

    @api.model
    def _monthly_query(self):
        """The failures per model, causal part and production month."""
        return SQL(
            """
            SELECT c.model_id, c.causal_part_id,
                   date_trunc('month', v.production_date)::date AS production_month,
                   count(*) AS claim_count
              FROM autocrm_warranty_claim c
              JOIN autocrm_vehicle v ON v.id = c.vehicle_id
             WHERE c.state IN %(states)s
               AND c.causal_part_id IS NOT NULL
               AND v.production_date IS NOT NULL
             GROUP BY 1, 2, 3
            """,
            states=self._failure_states(),
        )
