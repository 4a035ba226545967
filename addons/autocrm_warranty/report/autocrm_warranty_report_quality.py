from odoo import api, models
from odoo.tools import SQL

# the claims that count as failures: submitted and not rejected
FAILURE_STATES = ("submitted", "approved", "paid")
# a production month raises an alert with at least ALERT_MIN_CLAIMS claims and more
# than ALERT_RATIO times the average of the TRAILING_MONTHS production months before
ALERT_RATIO = 2.0
ALERT_MIN_CLAIMS = 3
TRAILING_MONTHS = 6


class AutocrmWarrantyReportQuality(models.AbstractModel):
    """What the OEM's quality analyses share (failures per 1,000 vehicles, the
    early warning, and both by fault code): which claims count as failures, the
    vehicles sold per model, the failure rate, and the alert of a production month
    against the months before. Each analysis builds its view from these pieces, so
    that a change of rule (or another module's extension) reaches all of them."""

    _name = "autocrm.warranty.report.quality"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Warranty Quality Analysis Base"

    @api.model
    def _failure_states(self):
        """The claim states that count as a failure, for ``state IN %s``."""
        return FAILURE_STATES

    @api.model
    def _fleet_query(self):
        """``model_id, vehicle_count``: the vehicles sold per model, the base of
        the failure rates."""
        return SQL(
            """
            SELECT model_id, count(*) AS vehicle_count
              FROM autocrm_vehicle
             WHERE sale_date IS NOT NULL
             GROUP BY model_id
            """
        )

    @api.model
    def _failure_rate_sql(self, claim_count, vehicle_count):
        """Claims per 1,000 vehicles (0 without vehicles), of two SQL columns."""
        return SQL(
            "CASE WHEN %(vehicles)s > 0 THEN %(claims)s * 1000.0 / %(vehicles)s "
            "ELSE 0 END",
            claims=claim_count,
            vehicles=vehicle_count,
        )

    @api.model
    def _failure_rate_measures(self):
        """The ratio measures (``autocrm.report.mixin``) of an analysis of
        ``claim_count`` per ``model_id``: ``failure_rate``, the claims per 1,000
        vehicles sold of the group's models, and ``vehicle_count``, those
        vehicles, each model's once."""
        fleet = {
            "denominator": ("autocrm.warranty.report.fleet", "vehicle_count"),
            "dimensions": {"model_id": "model_id"},
        }
        return {
            "failure_rate": {**fleet, "numerator": "claim_count", "factor": 1000},
            "vehicle_count": {**fleet, "numerator": None, "factor": 1},
        }

    @api.model
    def _times_usual_measures(self):
        """The ratio measure ``ratio`` of an early-warning analysis: a group's
        claims against the usual claims of its months."""
        return {
            "ratio": {
                "numerator": "claim_count",
                "denominator": "usual_count",
                "factor": 1,
            }
        }

    @api.model
    def _early_warning_query(self, monthly, keys):
        """The rows of ``monthly`` (a query of ``claim_count`` per the columns
        ``keys`` and ``production_month``) with ``usual_count``, the average of
        the same keys' claims over the production months before, ``ratio`` to it
        and ``is_alert``. A row without a production month raises no alert."""
        same_keys = SQL(" AND ").join(
            SQL("p.%(key)s = m.%(key)s", key=SQL.identifier(key)) for key in keys
        )
        return SQL(
            """
            WITH monthly AS (%(monthly)s),
            compared AS (
                SELECT m.*,
                       coalesce((
                           SELECT sum(p.claim_count)
                             FROM monthly p
                            WHERE %(same_keys)s
                              AND p.production_month
                                  >= m.production_month
                                     - make_interval(months => %(months)s)
                              AND p.production_month < m.production_month
                       ), 0) / %(months)s::float AS usual_count
                  FROM monthly m
            )
            SELECT compared.*,
                   CASE WHEN usual_count > 0 THEN claim_count / usual_count
                   END AS ratio,
                   production_month IS NOT NULL
                       AND claim_count >= %(min_claims)s
                       AND claim_count > %(ratio)s * usual_count
                       AS is_alert
              FROM compared
            """,
            monthly=monthly,
            same_keys=same_keys,
            months=TRAILING_MONTHS,
            min_claims=ALERT_MIN_CLAIMS,
            ratio=ALERT_RATIO,
        )
