from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

ALERT_RATIO = 2.0
ALERT_MIN_CLAIMS = 3
TRAILING_MONTHS = 6


class AutocrmWarrantyReportEarlyWarning(models.Model):
    """Early warning for the OEM's quality desk: per vehicle model, causal part and
    production month of the vehicles, the claims against the average of the six
    production months before. A month with at least 3 claims and more than twice
    that average raises an alert: a batch of parts may be bad."""

    _name = "autocrm.warranty.report.early.warning"
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
        aggregator="avg",
        help="Average over the six production months before.",
    )
    ratio = fields.Float(
        string="Times the Usual", readonly=True, digits=(16, 2), aggregator="max"
    )
    is_alert = fields.Boolean(string="Alert", readonly=True)

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    WITH monthly AS (
                        SELECT c.model_id, c.causal_part_id,
                               date_trunc('month', v.production_date)::date
                                   AS production_month,
                               count(*) AS claim_count
                          FROM autocrm_warranty_claim c
                          JOIN autocrm_vehicle v ON v.id = c.vehicle_id
                         WHERE c.state IN ('submitted', 'approved', 'paid')
                           AND c.causal_part_id IS NOT NULL
                           AND v.production_date IS NOT NULL
                         GROUP BY 1, 2, 3
                    ), compared AS (
                        SELECT m.*,
                               coalesce((
                                   SELECT sum(p.claim_count)
                                     FROM monthly p
                                    WHERE p.model_id = m.model_id
                                      AND p.causal_part_id = m.causal_part_id
                                      AND p.production_month
                                          >= m.production_month
                                             - make_interval(months => %(months)s)
                                      AND p.production_month < m.production_month
                               ), 0) / %(months)s::float AS usual_count
                          FROM monthly m
                    )
                    SELECT row_number() OVER (
                               ORDER BY model_id, causal_part_id, production_month
                           ) AS id,
                           model_id, causal_part_id, production_month, claim_count,
                           usual_count,
                           CASE WHEN usual_count > 0
                                THEN claim_count / usual_count
                           END AS ratio,
                           claim_count >= %(min_claims)s
                               AND claim_count > %(ratio)s * usual_count
                               AS is_alert
                      FROM compared
                )
                """,
                view=SQL.identifier(self._table),
                months=TRAILING_MONTHS,
                min_claims=ALERT_MIN_CLAIMS,
                ratio=ALERT_RATIO,
            )
        )
