from odoo import api, fields, models
from odoo.tools import SQL

# kinds of rows; their positions are part of each row's id: add at the end only
# (autocrm_staff_complaint adds the complaints)
QUALITY_KINDS = [
    ("followup", "Follow-up"),
    ("visit", "Visit"),
]
# a visit is fixed the first time when no repair or warranty visit of the same
# vehicle follows within these days
FIRST_TIME_FIX_DAYS = 30
COMEBACK_VISIT_TYPES = ("repair", "warranty")


class AutocrmStaffReportQuality(models.Model):
    """Service quality per staff member and dealership: one row per follow-up
    (due in the row's date), per done visit and, with autocrm_staff_complaint,
    per complaint against the staff member (on the day it was received at the
    dealership, in its time zone). Rates are averages of
    100/0 columns that are empty on the rows they do not apply to, so the pivot's
    average is the rate."""

    _name = "autocrm.staff.report.quality"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Service Quality Analysis"
    _auto = False
    _order = "date desc, id desc"

    date = fields.Date(readonly=True)
    kind = fields.Selection(QUALITY_KINDS, readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    user_id = fields.Many2one("res.users", string="Staff Member", readonly=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True)
    done_count = fields.Integer(string="Follow-ups Done", readonly=True)
    on_time_count = fields.Integer(string="Done on Time", readonly=True)
    completion_rate = fields.Float(
        string="Completion Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the follow-ups due that were done.",
    )
    on_time_rate = fields.Float(
        string="On-Time Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the follow-ups due that were done on or before the due date.",
    )
    satisfaction = fields.Float(
        string="Average Satisfaction",
        readonly=True,
        aggregator="avg",
        help="Average satisfaction (1–5) of the rated follow-ups.",
    )
    visit_count = fields.Integer(string="Visits", readonly=True)
    first_time_fix_rate = fields.Float(
        string="First-Time-Fix Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the done visits of a vehicle that no repair or warranty "
        "visit of the same vehicle followed within 30 days.",
    )
    complaint_count = fields.Integer(string="Complaints", readonly=True)

    @api.model
    def _union_queries(self):
        queries = [
            SQL(
                """
            SELECT %(id)s AS id, f.due_date AS date, 'followup' AS kind,
                   f.company_id, f.user_id,
                   1 AS followup_count,
                   (f.state = 'done')::int AS done_count,
                   (f.state = 'done' AND f.done_date <= f.due_date)::int
                       AS on_time_count,
                   CASE WHEN f.state = 'done' THEN 100.0 ELSE 0.0 END
                       AS completion_rate,
                   CASE WHEN f.state = 'done' AND f.done_date <= f.due_date
                        THEN 100.0 ELSE 0.0 END AS on_time_rate,
                   CASE WHEN f.state = 'done' AND f.satisfaction IS NOT NULL
                        THEN f.satisfaction::numeric END AS satisfaction,
                   0 AS visit_count, NULL::numeric AS first_time_fix_rate,
                   0 AS complaint_count
              FROM autocrm_followup f
             WHERE f.state != 'cancelled'
                """,
                id=self._row_id("followup", "f"),
            ),
            SQL(
                """
            SELECT %(id)s AS id, ro.visit_date AS date, 'visit' AS kind,
                   ro.company_id, ro.user_id,
                   0, 0, 0, NULL::numeric, NULL::numeric, NULL::numeric,
                   1 AS visit_count,
                   CASE WHEN ro.vehicle_id IS NULL THEN NULL
                        WHEN EXISTS (
                            SELECT 1
                              FROM repair_order back
                             WHERE back.vehicle_id = ro.vehicle_id
                               AND back.id != ro.id
                               AND back.state != 'cancel'
                               AND back.visit_type IN %(comeback_types)s
                               AND back.visit_date >= ro.visit_date
                               AND back.visit_date <= ro.visit_date + %(days)s
                               AND (back.visit_date > ro.visit_date
                                    OR back.id > ro.id)
                        ) THEN 0.0 ELSE 100.0 END AS first_time_fix_rate,
                   0
              FROM repair_order ro
             WHERE ro.state = 'done' AND ro.visit_date IS NOT NULL
                """,
                id=self._row_id("visit", "ro"),
                comeback_types=COMEBACK_VISIT_TYPES,
                days=FIRST_TIME_FIX_DAYS,
            ),
        ]
        return queries
