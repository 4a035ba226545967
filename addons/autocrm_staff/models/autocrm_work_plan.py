from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

ACTIVITY_TYPE_XMLID = "autocrm_staff.mail_activity_type_work_plan_behind"
WARNING_DAYS_PARAM = "autocrm_staff.work_plan_warning_days"
DEFAULT_WARNING_DAYS = 7
# plans alerted per run of the nightly check; the rest follow at once
CHECK_BATCH_SIZE = 1000


class AutocrmWorkPlan(models.Model):
    """A staff member's (or a whole dealership's) plan for a period: follow-ups to
    make, customers to reach in care activities, or vehicles to receive and revenue
    to earn. The actual figures are counted live from the records of the period."""

    _name = "autocrm.work.plan"
    _description = "Work Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _autocrm_ranges = {
        "target_count": (0, None),
        "minimum_count": (0, None),
        "revenue_target": (0, None),
    }

    name = fields.Char(required=True, tracking=True)
    plan_type = fields.Selection(
        [
            ("followup", "Follow-up Plan"),
            ("activity", "Activity Plan"),
            ("service", "Service Plan"),
        ],
        string="Type",
        required=True,
        default="followup",
        index=True,
        tracking=True,
        group_expand=True,
        help="Follow-up plan: follow-ups done. Activity plan: customers reached in "
        "care activities. Service plan: vehicles received (进场台次) and service "
        "revenue.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff Member",
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
        tracking=True,
        help="Whose plan it is. Leave empty for a plan of the whole dealership "
        "(service plans only).",
    )
    date_start = fields.Date(string="Start", required=True, index=True)
    date_end = fields.Date(string="End", required=True, index=True)
    method = fields.Selection(
        [
            ("phone", "Phone"),
            ("sms", "SMS"),
            ("email", "E-mail"),
            ("letter", "Letter"),
            ("wechat", "WeChat"),
            ("visit", "Visit"),
            ("event", "Event"),
            ("mixed", "Mixed"),
        ],
        default="phone",
    )
    target_count = fields.Integer(
        string="Planned",
        tracking=True,
        help="Follow-ups, customers or vehicles planned for the period.",
    )
    minimum_count = fields.Integer(
        string="Minimum",
        tracking=True,
        help="Below this number near the end of the period, the plan is behind and "
        "the staff member's manager is told.",
    )
    actual_count = fields.Integer(
        string="Actual",
        compute="_compute_actuals",
        help="Counted live: follow-ups done by the staff member in the period "
        "(follow-up plans), distinct customers they reached (activity plans), or "
        "done repair orders with their visit date in the period (service plans).",
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_actuals",
        help="Actual against planned.",
    )
    revenue_target = fields.Monetary(currency_field="currency_id", tracking=True)
    revenue_actual = fields.Monetary(
        compute="_compute_actuals",
        currency_field="currency_id",
        help="Untaxed revenue of the done repair orders counted by a service plan.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    content = fields.Html()
    purpose = fields.Text()
    is_behind = fields.Boolean(
        string="Behind",
        compute="_compute_actuals",
        search="_search_is_behind",
        help="Below its minimum with the end of the period near (or past).",
    )
    manager_alerted = fields.Boolean(
        copy=False,
        readonly=True,
        help="The staff member's manager was given an activity about this plan.",
    )
    color = fields.Integer(compute="_compute_actuals")

    @api.depends(
        "plan_type",
        "company_id",
        "user_id",
        "date_start",
        "date_end",
        "target_count",
        "minimum_count",
    )
    def _compute_actuals(self):
        counts, revenues = self._count_actuals()
        warning_days = timedelta(days=self._warning_days())
        for plan in self:
            plan.actual_count = counts.get(plan.id, 0)
            plan.revenue_actual = revenues.get(plan.id, 0.0)
            plan.progress = (
                100.0 * plan.actual_count / plan.target_count
                if plan.target_count
                else 0.0
            )
            # the warning starts the configured days before the end, counted from
            # today at the plan's dealership, whoever reads the plan
            plan.is_behind = bool(
                plan.date_end
                and plan.company_id
                and plan.date_end <= plan.company_id._autocrm_today() + warning_days
                and plan.actual_count < plan.minimum_count
            )
            plan.color = 1 if plan.is_behind else 0

    def _search_is_behind(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search for behind plans with = or !=."))
        # the latest dealership's today bounds the candidates; is_behind then
        # compares each plan with its own dealership's day
        _first_today, last_today = self.env["res.company"]._autocrm_day_bounds()
        limit = last_today + timedelta(days=self._warning_days())
        candidates = self.search([("date_end", "<=", limit), ("minimum_count", ">", 0)])
        behind = candidates.filtered("is_behind")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", behind.ids)]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        if any(plan.date_end < plan.date_start for plan in self):
            raise ValidationError(
                self.env._("A work plan cannot end before it starts.")
            )

    @api.constrains("target_count", "minimum_count")
    def _check_counts(self):
        for plan in self:
            if plan.minimum_count < 0 or plan.target_count < 0:
                raise ValidationError(self.env._("Counts cannot be negative."))
            if plan.minimum_count > plan.target_count:
                raise ValidationError(
                    self.env._(
                        "The minimum of %(plan)s is above its planned count: lower "
                        "the minimum or raise the plan.",
                        plan=plan.name,
                    )
                )

    @api.constrains("plan_type", "user_id")
    def _check_user(self):
        if any(plan.plan_type != "service" and not plan.user_id for plan in self):
            raise ValidationError(
                self.env._(
                    "Follow-up and activity plans belong to a staff member: choose one."
                )
            )

    def write(self, vals):
        res = super().write(vals)
        # a re-planned period or count is checked afresh by the nightly job
        if {"date_end", "minimum_count", "user_id"} & vals.keys():
            self.filtered("manager_alerted").write({"manager_alerted": False})
        return res

    # ------------------------------------------------------------------
    # counting
    # ------------------------------------------------------------------
    def _warning_days(self):
        param = self.env["ir.config_parameter"].sudo().get_param(WARNING_DAYS_PARAM)
        try:
            return int(param) if param else DEFAULT_WARNING_DAYS
        except ValueError:
            return DEFAULT_WARNING_DAYS

    def _count_actuals(self):
        """Actual count and revenue of each plan: {plan id: value}, with one grouped
        query per plan type whatever the number of plans.

        The records are read as superuser, restricted to each plan's own dealership
        (and staff member): a plan shows the same figures to everyone who may read
        the plan, and they name no record of another dealership.
        """
        counts, revenues = defaultdict(int), defaultdict(float)
        plans = self.filtered(lambda p: p.date_start and p.date_end and p.company_id)
        by_type = defaultdict(lambda: self.browse())
        for plan in plans:
            by_type[plan.plan_type] |= plan
        if by_type["followup"]:
            by_type["followup"]._count_followups(counts)
        if by_type["activity"]:
            by_type["activity"]._count_reached_customers(counts)
        if by_type["service"]:
            by_type["service"]._count_visits(counts, revenues)
        return counts, revenues

    def _period_domain(self, date_field):
        return [
            (date_field, ">=", min(self.mapped("date_start"))),
            (date_field, "<=", max(self.mapped("date_end"))),
            ("company_id", "in", self.company_id.ids),
        ]

    def _count_followups(self, counts):
        Followup = self.env["autocrm.followup"].sudo()
        groups = Followup._read_group(
            self._period_domain("done_date")
            + [("state", "=", "done"), ("user_id", "in", self.user_id.ids)],
            ["company_id", "user_id", "done_date:day"],
            ["__count"],
        )
        days = defaultdict(list)
        for company, user, day, count in groups:
            days[company.id, user.id].append((day, count))
        for plan in self:
            counts[plan.id] = sum(
                count
                for day, count in days[plan.company_id.id, plan.user_id.id]
                if plan.date_start <= day <= plan.date_end
            )

    def _count_reached_customers(self, counts):
        """Distinct customers the staff member reached in the period: done
        follow-ups where the customer was spoken to (``_activity_partner_rows``:
        autocrm_staff_campaign adds the responders of the campaigns they run)."""
        days = defaultdict(list)
        for company_id, user_id, day, partner_id in self._activity_partner_rows():
            days[company_id, user_id].append((day, partner_id))
        for plan in self:
            counts[plan.id] = len(
                {
                    partner_id
                    for day, partner_id in days[plan.company_id.id, plan.user_id.id]
                    if plan.date_start <= day <= plan.date_end
                }
            )

    def _activity_partner_rows(self):
        """(company id, user id, date, partner id) of the customers the plans' staff
        reached in care activities over the plans' periods. Inherit to add rows."""
        Followup = self.env["autocrm.followup"].sudo()
        groups = Followup._read_group(
            self._period_domain("done_date")
            + [
                ("state", "=", "done"),
                ("reached", "=", True),
                ("user_id", "in", self.user_id.ids),
            ],
            ["company_id", "user_id", "done_date:day", "partner_id"],
        )
        rows = [
            (company.id, user.id, day, partner.id)
            for company, user, day, partner in groups
        ]
        return rows

    def _count_visits(self, counts, revenues):
        Repair = self.env["repair.order"].sudo()
        groups = Repair._read_group(
            self._period_domain("visit_date") + [("state", "=", "done")],
            ["company_id", "user_id", "visit_date:day"],
            ["__count", "autocrm_revenue:sum"],
        )
        days = defaultdict(list)
        for company, user, day, count, revenue in groups:
            if user:
                days[company.id, user.id].append((day, count, revenue))
            # a plan without staff member counts the whole dealership's visits
            days[company.id, False].append((day, count, revenue))
        for plan in self:
            for day, count, revenue in days[plan.company_id.id, plan.user_id.id]:
                if plan.date_start <= day <= plan.date_end:
                    counts[plan.id] += count
                    revenues[plan.id] += revenue

    # ------------------------------------------------------------------
    # nightly check
    # ------------------------------------------------------------------
    def _manager_users(self):
        """{plan id: manager user} of each plan's staff member: the user of the
        parent of their employee at the plan's dealership."""
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search(
            [
                ("user_id", "in", self.user_id.ids),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        manager_of = {
            (employee.user_id.id, employee.company_id.id): employee.parent_id.user_id
            for employee in employees
            if employee.parent_id.user_id
        }
        return {
            plan.id: manager_of[(plan.user_id.id, plan.company_id.id)]
            for plan in self
            if (plan.user_id.id, plan.company_id.id) in manager_of
        }

    @api.model
    def _cron_work_plan_check(self):
        """Give the manager of each staff member whose plan is behind (below its
        minimum with the end of the period near) one activity. A plan is alerted
        once (manager_alerted, set in the same transaction), and the plans being
        alerted are locked, so running the job again, or on two workers at once,
        adds nothing. Batches of CHECK_BATCH_SIZE plans, with cron progress.

        "Today" is each plan's dealership's, in its time zone: the job runs as
        OdooBot (UTC), and at 00:30 in Shanghai a period that ended yesterday
        there is over, though UTC is still on its last day."""
        first_today, last_today = self.env["res.company"]._autocrm_day_bounds()
        candidates = self.search(
            [
                ("manager_alerted", "=", False),
                ("date_end", ">=", first_today),
                ("date_end", "<=", last_today + timedelta(days=self._warning_days())),
                ("minimum_count", ">", 0),
                ("user_id", "!=", False),
            ],
            order="id",
        )
        behind = candidates.filtered(
            lambda plan: plan.is_behind
            and plan.date_end >= plan.company_id._autocrm_today()
        )
        managers = behind._manager_users()
        alerted = behind.filtered(lambda plan: plan.id in managers)
        batch = alerted[:CHECK_BATCH_SIZE]._lock_unalerted()
        if batch:
            batch._alert_managers(managers)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=max(len(alerted) - CHECK_BATCH_SIZE, 0)
        )

    def _lock_unalerted(self):
        """The plans of self not alerted yet, locked for this transaction; those
        another worker is alerting right now are skipped."""
        if not self:
            return self
        self.flush_model(["manager_alerted"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id FROM autocrm_work_plan
                 WHERE id IN %s AND manager_alerted IS NOT TRUE
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                tuple(self.ids),
            )
        )
        return self.browse(row[0] for row in rows)

    def _alert_managers(self, managers):
        # due today at each plan's dealership
        today = {company: company._autocrm_today() for company in self.company_id}
        Activity = self.env["mail.activity"]
        # each summary in its manager's language, not the cron's
        manager_env = {
            manager: Activity._autocrm_assignee_env(manager)
            for manager in set(managers.values())
        }
        Activity._autocrm_create_batch(
            self,
            self.env.ref(ACTIVITY_TYPE_XMLID),
            user_of=lambda plan: managers[plan.id],
            deadline_of=lambda plan: today[plan.company_id],
            values_of=lambda plan, manager: self._prepare_alert_activity_values(
                plan, manager_env[manager]
            ),
        )
        self.write({"manager_alerted": True})

    def _prepare_alert_activity_values(self, plan, manager_env):
        """The values of the activity telling a manager that ``plan`` is behind,
        over ``mail.activity._autocrm_prepare_batch_values``: its summary, in the
        manager's language (``manager_env``). Not an automated activity: the
        manager's own to-do, which no run marks done or removes."""
        return {
            "automated": False,
            "summary": manager_env._(
                "%(user)s: %(actual)s of at least %(minimum)s by %(end)s",
                user=plan.user_id.name,
                actual=plan.actual_count,
                minimum=plan.minimum_count,
                end=plan.date_end,
            ),
        }
