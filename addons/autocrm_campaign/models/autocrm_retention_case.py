from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index, index_exists

OPEN_CASE_INDEX = "autocrm_retention_case_open_uniq"
CUSTOMER_CASE_INDEX = "autocrm_retention_case_partner_company_index"
ACTIVITY_TYPE_XMLID = "autocrm_campaign.mail_activity_type_retention"
ACTIVITY_DAYS_PARAM = "autocrm_campaign.churn_activity_days"
DEFAULT_ACTIVITY_DAYS = 30
DETECT_BATCH_SIZE = 5000
# what a closed case keeps as it was closed: who, why, what was done, at what cost
LOCKED_WHEN_CLOSED = {
    "partner_id",
    "vehicle_id",
    "company_id",
    "risk",
    "reason",
    "action",
    "cost",
    "action_date",
    "detected_date",
    "last_visit_date",
    "return_visit_id",
}


class AutocrmRetentionCase(models.Model):
    _name = "autocrm.retention.case"
    _description = "Retention Case"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "autocrm.dealer.mixin",
        "autocrm.cron.mixin",
        "autocrm.closed.lock.mixin",
    ]
    _order = "detected_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["partner_id", "vehicle_id"]
    _autocrm_ranges = {"cost": (0, None)}

    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    vehicle_id = fields.Many2one(
        "autocrm.vehicle",
        string="Vehicle",
        index="btree_not_null",
        domain="[('partner_id', '=?', partner_id)]",
        tracking=True,
        help="The vehicle of the customer's last visit at the dealership.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
        help="Who tries to keep or win back the customer. Cases found by the nightly "
        "run go to the service advisor of the customer's last visit, else the "
        "dealership's retention staff, its follow-up staff or its first manager.",
    )
    risk = fields.Selection(
        [("at_risk", "At Risk"), ("lost", "Lost")],
        required=True,
        default="at_risk",
        index=True,
        tracking=True,
        group_expand=True,
        help="At risk: no visit at the dealership for more than its at-risk delay (9 "
        "months by default); lost: none for more than its lost delay (18 months by "
        "default).",
    )
    reason = fields.Selection(
        [
            ("price", "Price"),
            ("inconvenience", "Inconvenience"),
            ("core_service_failure", "Core service failure"),
            ("staff_failure", "Staff failure"),
            ("failure_reaction", "Poor reaction to a failure"),
            ("competition", "Competition"),
            ("ethics", "Ethics"),
            ("involuntary", "Involuntary"),
        ],
        tracking=True,
        help="Why the customer leaves or left.",
    )
    action = fields.Text(help="What was done to keep or win back the customer.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(
        currency_field="currency_id", help="What the attempt cost the dealership."
    )
    action_date = fields.Date(
        tracking=True, help="When the customer was contacted or the offer made."
    )
    result = fields.Selection(
        [("pending", "Pending"), ("retained", "Retained"), ("lost", "Lost")],
        required=True,
        default="pending",
        index=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    detected_date = fields.Date(
        string="Detected On",
        required=True,
        default=lambda self: self.env.company._autocrm_today(),
        index=True,
        copy=False,
        readonly=True,
    )
    closed_date = fields.Date(string="Closed On", readonly=True, copy=False)
    last_visit_date = fields.Date(
        readonly=True,
        copy=False,
        help="The customer's last done visit at the dealership when the case was "
        "opened.",
    )
    return_visit_id = fields.Many2one(
        "repair.order",
        string="Return Visit",
        readonly=True,
        copy=False,
        check_company=True,
        help="The done visit that brought the customer back.",
    )
    months_without_visit = fields.Integer(
        compute="_compute_months_without_visit",
        help="Whole months between the last visit and today at the dealership.",
    )

    def init(self):
        # One open case per customer and dealership: what makes churn detection
        # idempotent, also across cron workers (ON CONFLICT DO NOTHING).
        if not index_exists(self.env.cr, OPEN_CASE_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON %s (partner_id, company_id) "
                    "WHERE result = 'pending'",
                    SQL.identifier(OPEN_CASE_INDEX),
                    SQL.identifier(self._table),
                )
            )
        # The cases of a customer at a dealership, open or closed, by last visit:
        # what churn detection looks up for each customer. Without it, a first run
        # into an empty table (no statistics yet) was planned on the dealership
        # index, reading every case of the dealership for each customer.
        create_index(
            self.env.cr,
            CUSTOMER_CASE_INDEX,
            self._table,
            ["partner_id", "company_id", "last_visit_date"],
        )

    @api.depends("last_visit_date")
    def _compute_months_without_visit(self):
        # the dealership's today; whole months as the delays count them (the last
        # visit plus that many months is today or earlier)
        today = {}
        for case in self:
            last = case.last_visit_date
            company = case.company_id or self.env.company
            if company not in today:
                today[company] = company._autocrm_today()
            months = relativedelta(today[company], last) if last else relativedelta()
            case.months_without_visit = months.years * 12 + months.months

    @api.depends("partner_id", "risk")
    def _compute_display_name(self):
        risks = dict(self._fields["risk"]._description_selection(self.env))
        for case in self:
            case.display_name = f"{case.partner_id.display_name} ({risks[case.risk]})"

    def _check_one_open_case(self, pairs, exclude_ids=()):
        """Refuse a second open case for a customer at a dealership, before the
        unique index does with a database error. ``pairs``: the (partner id,
        company id) of the cases that will be open."""
        pairs = [pair for pair in pairs if all(pair)]
        if not pairs:
            return
        # as superuser: the open case may be one the user cannot read (opened for
        # another user's company of theirs); the message names no one
        open_cases = self.sudo().search(
            [
                ("id", "not in", list(exclude_ids)),
                ("result", "=", "pending"),
                ("partner_id", "in", [partner for partner, _company in pairs]),
            ]
        )
        taken = {(case.partner_id.id, case.company_id.id) for case in open_cases}
        if len(set(pairs)) < len(pairs) or taken.intersection(pairs):
            raise ValidationError(
                self.env._(
                    "This customer already has an open retention case at this "
                    "dealership: record the new attempt on that case."
                )
            )

    @api.constrains("result", "reason")
    def _check_reason_when_lost(self):
        for case in self:
            if case.result == "lost" and not case.reason:
                raise ValidationError(
                    self.env._(
                        "Record why %(customer)s left (the reason) before closing "
                        "the case as lost.",
                        customer=case.partner_id.display_name,
                    )
                )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.partner_id and not self.partner_id:
            self.partner_id = self.vehicle_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("detected_date"):
                # the day of the case's dealership, not the user's current company
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["detected_date"] = company._autocrm_today()
        self._check_one_open_case(
            [
                (
                    vals.get("partner_id"),
                    vals.get("company_id") or self.env.company.id,
                )
                for vals in vals_list
                if vals.get("result", "pending") == "pending"
            ]
        )
        cases = super().create(vals_list)
        cases.filtered(lambda c: not c.last_visit_date)._set_last_visit()
        return cases

    def write(self, vals):
        if {"partner_id", "company_id", "result"} & vals.keys():
            self._check_one_open_case(
                [
                    (
                        vals.get("partner_id", case.partner_id.id),
                        vals.get("company_id", case.company_id.id),
                    )
                    for case in self
                    if vals.get("result", case.result) == "pending"
                ],
                exclude_ids=self.ids,
            )
        if "result" in vals and vals["result"] == "pending":
            vals = dict(vals, closed_date=False)
        elif "result" in vals and not vals.get("closed_date"):
            # closed on the day of the case's dealership, in its time zone
            companies = (
                self.env["res.company"].browse(vals.get("company_id"))
                or self.company_id
            )
            if len(companies) > 1:
                for company, cases in self.grouped("company_id").items():
                    cases.write(dict(vals, closed_date=company._autocrm_today()))
                return True
            today = (companies or self.env.company)._autocrm_today()
            vals = dict(vals, closed_date=today)
        return super().write(vals)

    def action_retained(self):
        self._close("retained")
        return True

    def action_lost(self):
        self._close("lost")
        return True

    def action_reopen(self):
        if self.filtered(lambda c: c.result == "pending"):
            raise UserError(self.env._("Only closed cases can be opened again."))
        self.write({"result": "pending"})
        return True

    def _close(self, result):
        if self.filtered(lambda c: c.result != "pending"):
            raise UserError(
                self.env._(
                    "Only open cases can be closed; already closed: %(cases)s.",
                    cases=", ".join(
                        self.filtered(lambda c: c.result != "pending").mapped(
                            "display_name"
                        )
                    ),
                )
            )
        self.write({"result": result})
        self.activity_feedback([ACTIVITY_TYPE_XMLID])

    # A closed case keeps who was lost or won back, why, what was done and what it
    # cost, for later analysis; open it again to correct it
    # (autocrm.closed.lock.mixin).

    def _locked_when_closed_fields(self):
        return super()._locked_when_closed_fields() | LOCKED_WHEN_CLOSED

    def _autocrm_is_closed(self):
        self.ensure_one()
        return self.result != "pending"

    def _autocrm_lock_lifted(self, vals):
        return vals.get("result") == "pending"

    def _autocrm_closed_message(self):
        self.ensure_one()
        return self.env._(
            "The case %(case)s is closed: its customer, reason, action and cost can "
            "no longer change. Open it again to correct it.",
            case=self.display_name,
        )

    def _set_last_visit(self):
        """Fill the last done visit at the dealership of cases opened by hand."""
        if not self:
            return
        self.env.flush_all()
        # in SQL: the visits of the customer at the dealership, whatever the user
        # may read, and no tracking of a field the user does not enter
        self.env.cr.execute(
            SQL(
                """
                UPDATE autocrm_retention_case rc
                   SET last_visit_date = (
                        SELECT max(visit.visit_date)
                          FROM repair_order visit
                         WHERE visit.partner_id = rc.partner_id
                           AND visit.company_id = rc.company_id
                           AND visit.state = 'done'
                           AND visit.visit_date <= rc.detected_date)
                 WHERE rc.id = ANY(%s)
                """,
                self.ids,
            )
        )
        self.invalidate_recordset(["last_visit_date"])

    def _schedule_retention_activities(self):
        """Give each open case's responsible a retention activity due today at the
        case's dealership, in one batch (``mail_activity_quick_update``: no
        notification per activity)."""
        cases = self.filtered(lambda c: c.result == "pending" and c.user_id)
        if not cases:
            return self.env["mail.activity"]
        today = {company: company._autocrm_today() for company in cases.company_id}
        return self.env["mail.activity"]._autocrm_create_batch(
            cases,
            self.env.ref(ACTIVITY_TYPE_XMLID),
            user_of=lambda case: case.user_id,
            deadline_of=lambda case: today[case.company_id],
            values_of=self._prepare_activity_values,
        )

    def _prepare_activity_values(self, case, user):
        """More values of the retention activity given to ``user`` on ``case``,
        over ``mail.activity._autocrm_prepare_batch_values``: none here, for
        modules to extend."""
        return {}

    # ------------------------------------------------------------------
    # Churn detection
    # ------------------------------------------------------------------

    @api.model
    def _cron_churn_detect(self, batch_size=DETECT_BATCH_SIZE):
        """Open retention cases for the customers who stopped coming, and close
        those of the customers who came back. Returns the number of cases opened.

        Per customer and dealership, the last visit is the latest visit date of the
        customer's done repair orders there. With the dealership's delays
        (``autocrm_churn_at_risk_months``, 9, and ``autocrm_churn_lost_months``,
        18, on the company), a delay runs out on the last visit's date plus its
        months (``_threshold_date``; the 31st plus a month to a shorter month is its
        last day) and the customer is past it from the next day. Every date is the
        dealership's, in its time zone (``autocrm_tz``), whoever runs the cron:

        1. an open case whose customer has a done visit there after the case's last
           visit (up to the dealership's today) is closed as retained (with that
           visit);
        2. an open at-risk case whose customer is past the lost delay becomes lost;
        3. a case is opened, detected on the dealership's today, at risk or lost,
           for each customer past the at-risk delay who has no case for that
           absence yet (no open case, and no closed case with the same last visit:
           a case closed as lost is not opened again every night).

        Cases go to the service advisor of the last visit (if still active at the
        dealership), else the dealership's retention staff, its follow-up staff or
        its first dealer manager. A new case whose delay ran out in the last N days
        (its threshold date is one of the N days before the day it is detected; N
        is the system parameter ``autocrm_campaign.churn_activity_days``, 30 by
        default) gets a *Retention Call* activity for its responsible, due that
        day, in one batch; older ones, from a first run over years of history, wait
        in the kanban without one.

        Idempotent and safe on several workers: a unique index on the open case of
        a customer and dealership and ``ON CONFLICT DO NOTHING`` make any rerun
        create nothing twice. One pass over the visits finds the churned customers
        and cuts them, in customer order, into ranges of about ``batch_size``; the
        cases of each range are inserted by one statement that reads only the
        range's visits. When run by the scheduler, each batch is committed with
        its progress, a batch that meets another worker's cases is run again
        (``autocrm.cron.mixin``), and a run stopped half way resumes where cases
        are missing.
        """
        # each dealership's today, in its time zone (the scheduler's user is in
        # UTC), fixed for the whole run
        company_days = self.env["res.company"]._autocrm_company_days()
        self.env.flush_all()
        self._autocrm_with_retry(self._close_returned_cases, company_days)
        self._autocrm_with_retry(self._upgrade_lost_cases, company_days)
        self._autocrm_commit_batch()
        total, starts = self._churned_batches(company_days, batch_size)
        activity_days = timedelta(days=self._churn_activity_days())
        # each batch: from its first customer to the next batch's (the last: open)
        ranges = list(zip(starts, [*starts[1:], None], strict=False))

        def insert_batch():
            if not ranges:
                return 0, False
            cases = self._insert_churned_cases(company_days, ranges[0])
            # detected on the dealership's today: its delay ran out in the last N
            # days when its threshold date is one of the N days before
            cases.filtered(
                lambda c: c._threshold_date() >= c.detected_date - activity_days
            )._schedule_retention_activities()
            ranges.pop(0)
            return len(cases), bool(ranges)

        done = self._autocrm_run_batches(insert_batch, total=total)
        self.env["autocrm.customer.report.loyalty"]._refresh(company_days)
        return done

    def _threshold_date(self):
        """The day the delay of the case's risk ran out: the last visit plus the
        dealership's at-risk or lost months (the same month arithmetic as the SQL
        ``last_visit_date + make_interval(months => …)``: the 31st plus a month
        to a shorter month is that month's last day). The customer is past the
        delay from the next day."""
        self.ensure_one()
        months = (
            self.company_id.autocrm_churn_lost_months
            if self.risk == "lost"
            else self.company_id.autocrm_churn_at_risk_months
        )
        return fields.Date.add(self.last_visit_date, months=months)

    @api.model
    def _churn_activity_days(self):
        # a system parameter, readable by the scheduler's user only as superuser
        param = self.env["ir.config_parameter"].sudo().get_param(ACTIVITY_DAYS_PARAM)
        return int(param) if param else DEFAULT_ACTIVITY_DAYS

    @api.model
    def _last_visit_query(self, company_days, partner_range=None):
        """SQL of the customers past the at-risk delay of a dealership (their last
        done visit there plus its months is before its today, ``company_days``'
        ``company_day.today``) who have no case for that absence: columns
        partner_id, company_id, vehicle_id, last_visit_date, advisor_id, risk,
        detected_date (the dealership's today). Only customers the dealership may
        serve (its own, company-less ones, or owners of a vehicle shared with it)
        are taken."""
        return SQL(
            """
            SELECT last.partner_id, last.company_id, last.vehicle_id,
                   last.visit_date AS last_visit_date,
                   last.user_id AS advisor_id,
                   CASE WHEN last.visit_date + make_interval(
                                months => dealer.autocrm_churn_lost_months)
                             < company_day.today
                        THEN 'lost' ELSE 'at_risk' END AS risk,
                   company_day.today AS detected_date
              FROM (
                    SELECT DISTINCT ON (visit.partner_id, visit.company_id)
                           visit.partner_id, visit.company_id, visit.vehicle_id,
                           visit.visit_date, visit.user_id
                      FROM repair_order visit
                     WHERE visit.state = 'done'
                       AND visit.partner_id IS NOT NULL
                       AND visit.visit_date IS NOT NULL
                       %(visit_range)s
                  ORDER BY visit.partner_id, visit.company_id,
                           visit.visit_date DESC, visit.id DESC
                   ) last
              JOIN res_company dealer ON dealer.id = last.company_id
              JOIN %(company_days)s ON company_day.company_id = last.company_id
              JOIN res_partner partner ON partner.id = last.partner_id
             WHERE last.visit_date + make_interval(
                       months => dealer.autocrm_churn_at_risk_months)
                   < company_day.today
               %(partner_range)s
               AND partner.active
               AND (partner.company_id IS NULL
                    OR partner.company_id = last.company_id
                    OR EXISTS (
                        SELECT FROM autocrm_vehicle vehicle
                          JOIN autocrm_vehicle_dealer_rel shared
                            ON shared.vehicle_id = vehicle.id
                         WHERE vehicle.partner_id = partner.id
                           AND shared.company_id = last.company_id))
               AND NOT EXISTS (
                       SELECT FROM autocrm_retention_case rc
                        WHERE rc.partner_id = last.partner_id
                          AND rc.company_id = last.company_id
                          AND (rc.result = 'pending'
                               OR rc.last_visit_date >= last.visit_date))
            """,
            company_days=company_days,
            visit_range=self._id_range(SQL("visit.partner_id"), partner_range),
            # the same range on the customers, for the planner to read only theirs
            partner_range=self._id_range(SQL("partner.id"), partner_range),
        )

    @api.model
    def _id_range(self, column, id_range):
        if not id_range:
            return SQL()
        first, end = id_range
        return SQL(
            "AND %s >= %s %s",
            column,
            first,
            SQL("AND %s < %s", column, end) if end else SQL(),
        )

    @api.model
    def _churned_batches(self, company_days, batch_size):
        """One pass over the visits: the number of customers to open a case for,
        and the first customer id of each batch of about ``batch_size`` of them (a
        customer's dealerships stay in one batch). Without JIT compilation for
        the rest of the transaction: it costs seconds on this plan run once."""
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*),
                       array_agg(partner_id ORDER BY partner_id)
                           FILTER (WHERE mod(rank - 1, %(batch_size)s) = 0)
                  FROM (
                        SELECT churned.partner_id,
                               row_number() OVER (
                                   ORDER BY churned.partner_id, churned.company_id
                               ) AS rank
                          FROM (%(churned)s) churned
                       ) ranked
                """,
                batch_size=batch_size,
                churned=self._last_visit_query(company_days),
            )
        )
        total, starts = self.env.cr.fetchone()
        return total, sorted(set(starts or []))

    @api.model
    def _insert_churned_cases(self, company_days, partner_range):
        """Open the cases of the churned customers whose ids are in
        ``partner_range`` (first, end excluded or None), in one statement, and
        return them; rows another run already inserted are skipped. The columns
        inserted are ``_prepare_churned_case_values``'."""
        values = self._prepare_churned_case_values()
        query = SQL(
            """
            WITH churned AS (
                %(churned)s
            )
                INSERT INTO autocrm_retention_case (%(columns)s)
                SELECT %(values)s
                  FROM churned
                  JOIN res_company company ON company.id = churned.company_id
             LEFT JOIN res_users advisor
                    ON advisor.id = churned.advisor_id
                   AND advisor.active
                   AND advisor.share IS NOT TRUE
                   AND EXISTS (
                           SELECT FROM res_company_users_rel advisor_company
                            WHERE advisor_company.user_id = advisor.id
                              AND advisor_company.cid = churned.company_id)
             LEFT JOIN res_users retention
                    ON retention.id = company.autocrm_retention_user_id
                   AND retention.active
             LEFT JOIN res_users followup
                    ON followup.id = company.autocrm_followup_user_id
                   AND followup.active
             LEFT JOIN %(dealer_manager)s
                    ON dealer_manager.company_id = churned.company_id
              ORDER BY churned.partner_id, churned.company_id
                    ON CONFLICT DO NOTHING
             RETURNING id
            """,
            churned=self._last_visit_query(company_days, partner_range),
            columns=SQL(", ").join(map(SQL.identifier, values)),
            values=SQL(", ").join(values.values()),
            dealer_manager=self.env["res.company"]._autocrm_dealer_manager_sql(),
        )
        # a serialization failure is expected and handled by the caller: no "bad
        # query" error in the log for it
        self.env.cr.execute(query, log_exceptions=False)
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _prepare_churned_case_values(self):
        """{column: SQL expression} of the cases ``_insert_churned_cases`` opens,
        over the row ``churned`` of ``_last_visit_query``, its ``company``, and the
        candidates for responsible: the last visit's ``advisor``, the dealership's
        ``retention`` and ``followup`` staff, its first ``dealer_manager``. A
        module adding a column to the cases found by the nightly run extends this
        dict."""
        uid, now = self.env.uid, self.env.cr.now()
        return {
            "partner_id": SQL("churned.partner_id"),
            "company_id": SQL("churned.company_id"),
            "vehicle_id": SQL("churned.vehicle_id"),
            "user_id": SQL(
                "COALESCE(advisor.id, retention.id, followup.id, "
                "dealer_manager.user_id)"
            ),
            "risk": SQL("churned.risk"),
            "result": SQL("'pending'"),
            "detected_date": SQL("churned.detected_date"),
            "last_visit_date": SQL("churned.last_visit_date"),
            "create_uid": SQL("%s", uid),
            "create_date": SQL("%s", now),
            "write_uid": SQL("%s", uid),
            "write_date": SQL("%s", now),
        }

    @api.model
    def _close_by_repairs(self, repairs):
        """Close as retained the open cases of the customers of these repair orders
        at their dealerships, when one of them is a done visit after the case's last
        visit: called when visits are done, so a returning customer's case closes at
        once rather than the next night."""
        if repairs:
            self.env.flush_all()
            self._close_returned_cases(
                self.env["res.company"]._autocrm_company_days(), repairs
            )

    @api.model
    def _close_returned_cases(self, company_days, repairs=None):
        """Close as retained the open cases whose customer has a done visit at the
        dealership after the case's last visit (or on or after the day the case was
        opened, when the customer had none before), up to the dealership's today
        in ``company_days``; only those of the customers and dealerships of
        ``repairs`` when given. Return how many."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE autocrm_retention_case rc
                   SET result = 'retained',
                       return_visit_id = back.id,
                       closed_date = GREATEST(back.visit_date, rc.detected_date),
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM autocrm_retention_case open_case
                  JOIN %(company_days)s
                    ON company_day.company_id = open_case.company_id
                  JOIN LATERAL (
                        SELECT visit.id, visit.visit_date
                          FROM repair_order visit
                         WHERE visit.partner_id = open_case.partner_id
                           AND visit.company_id = open_case.company_id
                           AND visit.state = 'done'
                           AND visit.visit_date <= company_day.today
                           AND visit.visit_date > COALESCE(
                                   open_case.last_visit_date,
                                   open_case.detected_date - 1)
                      ORDER BY visit.visit_date, visit.id
                         LIMIT 1
                       ) back ON TRUE
                 WHERE rc.id = open_case.id
                   AND open_case.result = 'pending'
                   %(of_repairs)s
             RETURNING rc.id, back.id, back.visit_date
                """,
                uid=self.env.uid,
                now=self.env.cr.now(),
                company_days=company_days,
                of_repairs=SQL(
                    """
                    AND (open_case.partner_id, open_case.company_id) IN (
                        SELECT repair.partner_id, repair.company_id
                          FROM repair_order repair
                         WHERE repair.id = ANY(%s))
                    """,
                    repairs.ids,
                )
                if repairs is not None
                else SQL(),
            ),
            log_exceptions=False,
        )
        rows = self.env.cr.fetchall()
        cases = self.browse(row[0] for row in rows)
        if cases:
            self.invalidate_model(
                ["result", "return_visit_id", "closed_date", "write_uid", "write_date"]
            )
            visits = self.env["repair.order"].browse(row[1] for row in rows)
            names = dict(zip(visits.ids, visits.sudo().mapped("name"), strict=True))
            # the result is tracked: the chatter says how it changed, in one batch
            cases._message_log_batch(
                bodies={
                    case_id: self._note(
                        self.env._(
                            "Retained: the customer came back on %(date)s (%(visit)s).",
                            date=visit_date,
                            visit=names[visit_id],
                        )
                    )
                    for case_id, visit_id, visit_date in rows
                }
            )
            # their to-do is moot: removed in one batch (marking each activity done
            # would post a message per case)
            cases.activity_unlink([ACTIVITY_TYPE_XMLID])
        return len(cases)

    @api.model
    def _note(self, text):
        return Markup("<p>%s</p>") % text

    @api.model
    def _upgrade_lost_cases(self, company_days):
        """An open at-risk case becomes lost once its customer is past the
        dealership's lost delay: the last visit plus its months is before the
        dealership's today in ``company_days``."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE autocrm_retention_case rc
                   SET risk = 'lost', write_uid = %(uid)s, write_date = %(now)s
                  FROM res_company dealer
                  JOIN %(company_days)s ON company_day.company_id = dealer.id
                 WHERE dealer.id = rc.company_id
                   AND rc.result = 'pending'
                   AND rc.risk = 'at_risk'
                   AND rc.last_visit_date + make_interval(
                           months => dealer.autocrm_churn_lost_months)
                       < company_day.today
             RETURNING rc.id, rc.last_visit_date, dealer.autocrm_churn_lost_months
                """,
                uid=self.env.uid,
                now=self.env.cr.now(),
                company_days=company_days,
            ),
            log_exceptions=False,
        )
        rows = self.env.cr.fetchall()
        if rows:
            self.invalidate_model(["risk", "write_uid", "write_date"])
            # the risk is tracked: the chatter says how it changed, in one batch
            self.browse(row[0] for row in rows)._message_log_batch(
                bodies={
                    case_id: self._note(
                        self.env._(
                            "Now lost: no visit since %(date)s, more than %(months)s "
                            "months ago.",
                            date=last_visit,
                            months=months,
                        )
                    )
                    for case_id, last_visit, months in rows
                }
            )
        return len(rows)
