from odoo import api, fields, models
from odoo.tools import SQL, create_index

from odoo.addons.autocrm_customer.tools.selection import selection_of


class AutocrmWorkPlanReport(models.Model):
    """Work plans against their actual figures, for pivots and graphs: one row per
    plan, its actual count and revenue counted live in SQL the same way as the
    plan's own fields (autocrm.work.plan._count_actuals)."""

    _name = "autocrm.work.plan.report"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Work Plan Analysis"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "plan_id"

    plan_id = fields.Many2one("autocrm.work.plan", string="Work Plan", readonly=True)
    plan_type = fields.Selection(
        selection_of("autocrm.work.plan", "plan_type"),
        string="Type",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    user_id = fields.Many2one("res.users", string="Staff Member", readonly=True)
    date_start = fields.Date(string="Start", readonly=True)
    date_end = fields.Date(string="End", readonly=True)
    target_count = fields.Integer(string="Planned", readonly=True)
    minimum_count = fields.Integer(string="Minimum", readonly=True)
    actual_count = fields.Integer(string="Actual", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue_target = fields.Monetary(readonly=True)
    revenue_actual = fields.Monetary(readonly=True)

    def init(self):
        res = super().init()
        # the plans' live counts look follow-ups up by staff member and done date:
        # without this index each plan reads all its staff member's follow-ups
        create_index(
            self.env.cr,
            "autocrm_followup_user_done_date_index",
            "autocrm_followup",
            ["user_id", "done_date"],
            where="state = 'done'",
        )
        create_index(
            self.env.cr,
            "repair_order_company_visit_date_index",
            "repair_order",
            ["company_id", "visit_date"],
            where="state = 'done'",
        )
        return res

    @api.model
    def _select(self):
        return SQL(
            """
            p.id, p.id AS plan_id, p.plan_type, p.company_id, p.user_id,
            p.date_start, p.date_end, p.target_count, p.minimum_count,
            p.revenue_target,
            CASE p.plan_type
                WHEN 'followup' THEN (
                    SELECT count(*)
                      FROM autocrm_followup f
                     WHERE f.state = 'done'
                       AND f.user_id = p.user_id
                       AND f.company_id = p.company_id
                       AND f.done_date BETWEEN p.date_start AND p.date_end)
                WHEN 'activity' THEN (
                    SELECT count(DISTINCT reached.partner_id)
                      FROM (%(reached)s) reached)
                WHEN 'service' THEN visits.visit_count
            END AS actual_count,
            CASE WHEN p.plan_type = 'service'
                 THEN visits.revenue ELSE 0 END AS revenue_actual
            """,
            reached=self._reached_query(),
        )

    @api.model
    def _from(self):
        return SQL(
            """
            autocrm_work_plan p
            LEFT JOIN LATERAL (
                SELECT count(*) AS visit_count,
                       COALESCE(sum(r.autocrm_revenue), 0) AS revenue
                  FROM repair_order r
                 WHERE p.plan_type = 'service'
                   AND r.state = 'done'
                   AND r.company_id = p.company_id
                   AND (p.user_id IS NULL OR r.user_id = p.user_id)
                   AND r.visit_date BETWEEN p.date_start AND p.date_end
            ) visits ON TRUE
            """
        )

    @api.model
    def _reached_query(self):
        """The customers an activity plan's staff member reached (columns:
        partner_id), correlated with the plan ``p``."""
        queries = [
            SQL(
                """
                SELECT f.partner_id
                  FROM autocrm_followup f
                 WHERE f.state = 'done' AND f.reached
                   AND f.user_id = p.user_id
                   AND f.company_id = p.company_id
                   AND f.done_date BETWEEN p.date_start AND p.date_end
                """
            )
        ]
        return SQL(" UNION ALL ").join(queries)
