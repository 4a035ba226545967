from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

HR_GROUP = "hr.group_hr_user"
# state: the state each action moves a period from, and to
STATE_FLOW = {
    "action_open": ("draft", "open"),
    "action_close": ("open", "closed"),
    "action_publish": ("closed", "published"),
}
# how many colleagues with the same manager each employee rates
PEERS_PER_EMPLOYEE = 2


class AutocrmAppraisalPeriod(models.Model):
    """An appraisal round of a dealership, organised by HR: opening it appraises
    every employee of the dealership and asks for the 360 feedback; closing it
    freezes the answers and computes the results; publishing shows each person
    their appraisal."""

    _name = "autocrm.appraisal.period"
    _description = "Appraisal Period"
    _inherit = ["mail.thread", "autocrm.dealer.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _autocrm_ranges = {"new_customer_target": (0, 10000), "work_weight": (0, 100)}

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    frequency = fields.Selection(
        [("quarter", "Quarterly"), ("half", "Half-yearly"), ("year", "Yearly")],
        required=True,
        default="quarter",
    )
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("closed", "Closed"),
            ("published", "Published"),
        ],
        required=True,
        default="draft",
        index=True,
        copy=False,
        tracking=True,
    )
    new_customer_target = fields.Integer(
        string="New Customers Target",
        default=5,
        help="New customers each staff member should bring in the period: the "
        "measure of the new-business part of the results score.",
    )
    work_weight = fields.Integer(
        string="Work Weight (%)",
        default=40,
        help="Share of the manager's work score in the overall score; the results "
        "score makes the rest.",
    )
    appraisal_ids = fields.One2many("autocrm.appraisal", "period_id")
    appraisal_count = fields.Integer(compute="_compute_appraisal_count")
    feedback_count = fields.Integer(compute="_compute_appraisal_count")

    _sql_constraints = [
        (
            "work_weight_range",
            "CHECK(work_weight BETWEEN 0 AND 100)",
            "The work weight is a percentage between 0 and 100.",
        ),
    ]

    def _compute_appraisal_count(self):
        Appraisal = self.env["autocrm.appraisal"]
        Feedback = self.env["autocrm.appraisal.feedback"]
        appraisals = dict(
            Appraisal._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        feedback = dict(
            Feedback._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.appraisal_count = appraisals.get(period, 0)
            period.feedback_count = feedback.get(period, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        if any(period.date_end < period.date_start for period in self):
            raise ValidationError(
                self.env._("An appraisal period cannot end before it starts.")
            )

    def write(self, vals):
        if "state" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "Use the Open, Close and Publish buttons to move an appraisal "
                    "period on."
                )
            )
        if self.filtered(lambda p: p.state == "published") and not self.env.su:
            raise UserError(
                self.env._("A published appraisal period can no longer change.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("Only a draft appraisal period can be deleted."))

    # ------------------------------------------------------------------
    # actions (HR only)
    # ------------------------------------------------------------------
    def _check_hr(self):
        if not self.env.user.has_group(HR_GROUP):
            raise AccessError(
                self.env._(
                    "Appraisals are organised by HR: ask an Employees officer to "
                    "open, close or publish the period."
                )
            )

    def _move(self, action):
        self._check_hr()
        source, target = STATE_FLOW[action]
        wrong = self.filtered(lambda p: p.state != source)
        if wrong:
            raise UserError(
                self.env._(
                    "%(periods)s cannot be moved on from its current state.",
                    periods=", ".join(wrong.mapped("name")),
                )
            )
        # as superuser: the state only moves through these HR-checked actions
        self.sudo().write({"state": target})

    def action_open(self):
        """Appraise everyone of the dealership and ask for the 360 feedback: the
        manager rates each subordinate (down), each subordinate rates the manager
        (up), colleagues with the same manager rate each other (peer)."""
        self._move("action_open")
        for period in self:
            period._create_appraisals()
        return True

    def action_close(self):
        self._move("action_close")
        self.appraisal_ids._compute_results()
        return True

    def action_publish(self):
        self._move("action_publish")
        return True

    def action_view_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_staff.autocrm_appraisal_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action

    def action_view_feedback(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_staff.autocrm_appraisal_feedback_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        return action

    def action_compute_results(self):
        self._check_hr()
        self.appraisal_ids._compute_results()
        return True

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _create_appraisals(self):
        self.ensure_one()
        employees = self.env["hr.employee"].search(
            [("company_id", "=", self.company_id.id)], order="id"
        )
        existing = self.appraisal_ids.employee_id
        self.env["autocrm.appraisal"].create(
            [
                {"period_id": self.id, "employee_id": employee.id}
                for employee in employees - existing
            ]
        )
        requests = set()
        for employee in employees:
            manager = employee.parent_id
            if manager in employees:
                requests.add((manager.id, employee.id, "down"))
                requests.add((employee.id, manager.id, "up"))
        teams = {}
        for employee in employees.filtered("parent_id"):
            teams.setdefault(employee.parent_id.id, []).append(employee)
        for team in teams.values():
            size = len(team)
            for index, employee in enumerate(team):
                for step in range(1, min(PEERS_PER_EMPLOYEE, size - 1) + 1):
                    peer = team[(index + step) % size]
                    requests.add((employee.id, peer.id, "peer"))
        Feedback = self.env["autocrm.appraisal.feedback"]
        done = {
            (f.reviewer_id.id, f.reviewee_id.id, f.direction)
            for f in Feedback.search([("period_id", "=", self.id)])
        }
        Feedback.create(
            [
                {
                    "period_id": self.id,
                    "reviewer_id": reviewer,
                    "reviewee_id": reviewee,
                    "direction": direction,
                }
                for reviewer, reviewee, direction in sorted(requests - done)
            ]
        )

    def _measure(self, appraisals, users, values):
        """Fill values[appraisal id] with the results of ``appraisals`` (of this
        period) whose employees' users are ``users``."""
        self.ensure_one()
        user_of = {a.id: a.employee_user_id for a in appraisals}
        per_user = defaultdict(dict)
        company = self.company_id
        period_domain = [
            ("company_id", "=", company.id),
            ("user_id", "in", users.ids),
        ]
        Repair = self.env["repair.order"].sudo()
        visit_domain = period_domain + [
            ("state", "=", "done"),
            ("visit_date", ">=", self.date_start),
            ("visit_date", "<=", self.date_end),
        ]
        for user, revenue in Repair._read_group(
            visit_domain, ["user_id"], ["autocrm_revenue:sum"]
        ):
            per_user[user]["revenue"] = revenue
        for user, target in (
            self.env["autocrm.work.plan"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("user_id", "in", users.ids),
                    ("plan_type", "=", "service"),
                    ("date_start", ">=", self.date_start),
                    ("date_end", "<=", self.date_end),
                ],
                ["user_id"],
                ["revenue_target:sum"],
            )
        ):
            per_user[user]["revenue_target"] = target
        # new customers: first done visit at the dealership falls in the period
        firsts = Repair._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("partner_id", "!=", False),
            ],
            ["partner_id"],
            ["visit_date:min"],
        )
        new_partners = {
            partner.id
            for partner, first in firsts
            if first and self.date_start <= first <= self.date_end
        }
        for user, _partner in Repair._read_group(
            visit_domain + [("partner_id", "in", list(new_partners))],
            ["user_id", "partner_id"],
        ):
            per_user[user]["new_customer_count"] = (
                per_user[user].get("new_customer_count", 0) + 1
            )
        # receivables: posted customer invoices of the period's repair orders
        orders = Repair.search(visit_domain + [("sale_order_id", "!=", False)])
        invoiced = defaultdict(float)
        residual = defaultdict(float)
        for repair in orders:
            invoices = repair.sale_order_id.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "out_invoice"
            )
            invoiced[repair.user_id] += sum(invoices.mapped("amount_total_signed"))
            residual[repair.user_id] += sum(invoices.mapped("amount_residual_signed"))
        for user, total in invoiced.items():
            if total:
                per_user[user]["collection_rate"] = round(
                    100.0 * (total - residual[user]) / total, 2
                )
        Followup = self.env["autocrm.followup"].sudo()
        for user, average in Followup._read_group(
            period_domain
            + [
                ("state", "=", "done"),
                ("satisfaction", "!=", False),
                ("done_date", ">=", self.date_start),
                ("done_date", "<=", self.date_end),
            ],
            ["user_id"],
            ["satisfaction_score:avg"],
        ):
            per_user[user]["satisfaction"] = round(average, 2)
        for appraisal_id, user in user_of.items():
            figures = per_user.get(user, {})
            values[appraisal_id].update(
                {
                    "revenue": figures.get("revenue", 0.0),
                    "revenue_target": figures.get("revenue_target", 0.0),
                    "new_customer_count": figures.get("new_customer_count", 0),
                    "collection_rate": figures.get("collection_rate"),
                    "satisfaction": figures.get("satisfaction", 0.0),
                }
            )
