from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.models.res_company import DEFAULT_TZ
from odoo.addons.autocrm_customer.tools.selection import selection_of


class AutocrmComplaintReport(models.Model):
    """One row per complaint, with what the analyses measure: how many per 100
    workshop visits of the dealership that month, whether it was handled late, the
    hours it took to acknowledge and to resolve, the satisfaction after resolution
    and whether an improvement plan was made. The rows name no customer.

    A complaint's day and month are its dealership's, in the dealership's time zone
    (received at 16:30 UTC on 31 December counts on 1 January in Shanghai)."""

    _name = "autocrm.complaint.report"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Complaint Analysis"
    _auto = False
    _rec_name = "complaint_id"
    _order = "received_date desc, id desc"

    complaint_id = fields.Many2one(
        "autocrm.complaint", string="Complaint", readonly=True
    )
    received_date = fields.Date(string="Received", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    dealer_region = fields.Selection(
        selection_of("res.company", "dealer_region"), string="Region", readonly=True
    )
    dealer_grade = fields.Selection(
        selection_of("res.company", "dealer_grade"), readonly=True
    )
    category_id = fields.Many2one(
        "autocrm.complaint.category", string="Category", readonly=True
    )
    is_process_failure = fields.Boolean(string="Process Failure", readonly=True)
    channel = fields.Selection(
        selection_of("autocrm.complaint", "channel"), readonly=True
    )
    priority = fields.Selection(
        selection_of("autocrm.complaint", "priority"), readonly=True
    )
    stage_id = fields.Many2one("autocrm.complaint.stage", string="Stage", readonly=True)
    user_id = fields.Many2one("res.users", string="Handled by", readonly=True)
    escalated = fields.Boolean(readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    per_100_visits = fields.Float(
        string="Complaints per 100 Visits",
        readonly=True,
        digits=(16, 2),
        help="The complaints per 100 done workshop visits of the same dealerships "
        "and days, at every level: a dealership's month, a region, the network. "
        "Grouped or filtered by what visits do not have (category, channel, "
        "stage...), the complaints of the group per 100 of all those visits. Empty "
        "without visits.",
    )
    late_rate = fields.Float(
        string="Handled Late (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a complaint acknowledged or resolved after its deadline, or "
        "still overdue; its average is the share handled late.",
    )
    hours_to_acknowledge = fields.Float(readonly=True, aggregator="avg", digits=(16, 1))
    hours_to_resolve = fields.Float(readonly=True, aggregator="avg", digits=(16, 1))
    satisfaction_score = fields.Float(
        string="Satisfaction after Resolution",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="The customer's satisfaction (1 to 5) with how the complaint was "
        "handled; average over the rated complaints.",
    )
    improvement_plan_rate = fields.Float(
        string="With Improvement Plan (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a complaint with an improvement and a prevention plan; its "
        "average is the share with a plan.",
    )

    @api.model
    def _autocrm_ratio_measures(self):
        return {
            **super()._autocrm_ratio_measures(),
            "per_100_visits": {
                "numerator": "complaint_count",
                "denominator": ("autocrm.vehicle.report.visit", "visit_count"),
                "dimensions": {
                    "company_id": "company_id",
                    "dealer_region": "dealer_region",
                    "dealer_grade": "dealer_grade",
                    "received_date": "visit_date",
                },
                "factor": 100,
            },
        }

    @api.model
    def _with(self):
        return SQL(
            """
            visits AS (
                SELECT repair.company_id,
                       date_trunc('month', repair.visit_date)::date AS month,
                       count(*) AS visit_count
                  FROM repair_order repair
                 WHERE repair.state = 'done'
                   AND repair.visit_date IS NOT NULL
                   AND repair.vehicle_id IS NOT NULL
              GROUP BY repair.company_id, 2
            )
            """
        )

    @api.model
    def _select(self):
        return SQL(
            """
            complaint.id,
            complaint.id AS complaint_id,
            received.day AS received_date,
            complaint.company_id,
            dealer.dealer_region,
            dealer.dealer_grade,
            complaint.category_id,
            coalesce(category.is_process_failure, FALSE) AS is_process_failure,
            complaint.channel,
            complaint.priority,
            complaint.stage_id,
            complaint.user_id,
            complaint.escalated,
            1 AS complaint_count,
            100.0 / nullif(visits.visit_count, 0) AS per_100_visits,
            CASE WHEN complaint.is_late
                   OR (complaint.acknowledged_at IS NULL
                       AND complaint.acknowledge_deadline
                           < now() AT TIME ZONE 'UTC')
                   OR (complaint.resolved_at IS NULL
                       AND complaint.deadline < now() AT TIME ZONE 'UTC')
                 THEN 100.0 ELSE 0.0 END AS late_rate,
            extract(epoch FROM complaint.acknowledged_at - complaint.received_at)
                / 3600.0 AS hours_to_acknowledge,
            extract(epoch FROM complaint.resolved_at - complaint.received_at)
                / 3600.0 AS hours_to_resolve,
            CASE WHEN complaint.resolved_at IS NOT NULL
                 THEN complaint.satisfaction::numeric END AS satisfaction_score,
            CASE WHEN complaint.has_improvement_plan
                 THEN 100.0 ELSE 0.0 END AS improvement_plan_rate
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            autocrm_complaint complaint
            JOIN res_company dealer ON dealer.id = complaint.company_id
            CROSS JOIN LATERAL (
                  SELECT (complaint.received_at AT TIME ZONE 'UTC'
                          AT TIME ZONE COALESCE(dealer.autocrm_tz, %(default_tz)s))
                         ::date AS day
                 ) received
            LEFT JOIN autocrm_complaint_category category
                   ON category.id = complaint.category_id
            LEFT JOIN visits
                   ON visits.company_id = complaint.company_id
                  AND visits.month = date_trunc('month', received.day)::date
            """,
            default_tz=DEFAULT_TZ,
        )
