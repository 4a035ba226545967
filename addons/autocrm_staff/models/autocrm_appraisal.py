from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

HR_GROUP = "hr.group_hr_user"
# fewest upward answers before their average is shown: fewer would let the
# manager guess who said what
UPWARD_MIN_ANSWERS = 3
# what the manager may write on a subordinate's appraisal while the period is open
MANAGER_FIELDS = {"work_score", "work_note"}
# rating: lowest overall score of each rating, best first
RATINGS = [("A", 90), ("B", 75), ("C", 60), ("D", 0)]


class AutocrmAppraisal(models.Model):
    """One employee's appraisal in a period: the manager's work score, the results
    score computed from the records of the period, and the overall score with its
    rating. The employee reads it once HR publishes the period."""

    _name = "autocrm.appraisal"
    _description = "Appraisal"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "period_id desc, employee_id"
    _rec_name = "employee_id"
    _check_company_auto = True
    _autocrm_ranges = {"work_score": (0, 100)}

    period_id = fields.Many2one(
        "autocrm.appraisal.period",
        string="Period",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        required=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, precompute=True
    )
    period_state = fields.Selection(related="period_id.state", string="Period State")
    date_start = fields.Date(related="period_id.date_start")
    date_end = fields.Date(related="period_id.date_end")
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Department"
    )
    # who may read it (record rules): stored so the rules need no joins
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="User"
    )
    manager_user_id = fields.Many2one(
        related="employee_id.parent_id.user_id",
        store=True,
        index=True,
        string="Manager",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    work_score = fields.Float(
        aggregator="avg",
        help="The manager's score (0–100) of the workload, progress, task execution "
        "and daily affairs, from the work plans and logs.",
    )
    work_note = fields.Text(string="Manager's Observation")
    # results: computed from the records of the period (see _compute_results)
    revenue = fields.Monetary(
        string="Service Revenue",
        readonly=True,
        currency_field="currency_id",
        help="Revenue of the done repair orders the employee was responsible for.",
    )
    revenue_target = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Revenue targets of the employee's service plans in the period.",
    )
    new_customer_count = fields.Integer(
        string="New Customers",
        readonly=True,
        help="Customers whose first done visit at the dealership, in the period, "
        "the employee was responsible for.",
    )
    collection_rate = fields.Float(
        string="Receivables Collected (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the invoiced amount of the employee's repair orders of the "
        "period that has been paid; empty without invoices.",
    )
    satisfaction = fields.Float(
        string="Average Satisfaction",
        readonly=True,
        aggregator="avg",
        digits=(3, 2),
        help="Average satisfaction (1–5) of the follow-ups the employee did in the "
        "period.",
    )
    results_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average of the measured parts (0–100 each): revenue against target, "
        "new customers against the period's target, receivables collected, "
        "satisfaction ((average − 1) / 4). A part without data is left out.",
    )
    overall_score = fields.Float(
        compute="_compute_overall_score",
        store=True,
        aggregator="avg",
        help="Work score and results score weighted by the period's work weight.",
    )
    rating = fields.Selection(
        [
            ("A", "A - Excellent"),
            ("B", "B - Good"),
            ("C", "C - Satisfactory"),
            ("D", "D - Needs Improvement"),
        ],
        compute="_compute_overall_score",
        store=True,
    )
    upward_score = fields.Float(
        compute="_compute_upward_score",
        store=True,
        aggregator="avg",
        help="Average score the employee's subordinates gave, shown once the period "
        "is closed and at least three of them answered; no single answer is shown.",
    )
    upward_count = fields.Integer(
        string="Upward Answers", compute="_compute_upward_score", store=True
    )
    feedback_ids = fields.One2many(
        "autocrm.appraisal.feedback",
        "appraisal_id",
        string="Feedback",
        groups=HR_GROUP,
    )

    _sql_constraints = [
        (
            "employee_period_uniq",
            "unique(period_id, employee_id)",
            "An employee is appraised once per period.",
        ),
    ]

    @api.depends("work_score", "results_score", "period_id.work_weight")
    def _compute_overall_score(self):
        for appraisal in self:
            weight = appraisal.period_id.work_weight / 100.0
            overall = appraisal.work_score * weight + appraisal.results_score * (
                1 - weight
            )
            appraisal.overall_score = round(overall, 2)
            appraisal.rating = next(
                rating for rating, floor in RATINGS if overall >= floor
            )

    @api.depends(
        "period_id.state",
        "feedback_ids.score",
        "feedback_ids.state",
        "feedback_ids.direction",
    )
    def _compute_upward_score(self):
        """Only the average is computed, as superuser: the employees may not read
        the upward answers about them, and the average of at least three answers,
        frozen once the period is closed (no answer can be added to watch the
        average move), names no one's score."""
        groups = (
            self.env["autocrm.appraisal.feedback"]
            .sudo()
            ._read_group(
                [
                    ("appraisal_id", "in", self.ids),
                    ("direction", "=", "up"),
                    ("state", "=", "done"),
                ],
                ["appraisal_id"],
                ["__count", "score:avg"],
            )
        )
        figures = {appraisal.id: (count, avg) for appraisal, count, avg in groups}
        for appraisal in self:
            count, average = figures.get(appraisal.id, (0, 0.0))
            appraisal.upward_count = count
            shown = count >= UPWARD_MIN_ANSWERS and appraisal.period_id.state in (
                "closed",
                "published",
            )
            appraisal.upward_score = round(average, 2) if shown else False

    @api.constrains("work_score")
    def _check_work_score(self):
        if any(not 0 <= a.work_score <= 100 for a in self):
            raise ValidationError(self.env._("A work score is between 0 and 100."))

    def write(self, vals):
        if not self.env.su:
            # the record rules first: who may not write gets an access error
            self.check_access("write")
            self._check_writable(vals)
        return super().write(vals)

    def _check_writable(self, vals):
        """HR writes until the period is published; a manager writes the work score
        of their subordinates while the period is open; nobody else writes."""
        is_hr = self.env.user.has_group(HR_GROUP)
        for appraisal in self:
            state = appraisal.period_id.state
            if state == "published":
                raise UserError(
                    self.env._(
                        "The appraisal of %(employee)s is published: it can no "
                        "longer change.",
                        employee=appraisal.employee_id.name,
                    )
                )
            if is_hr:
                continue
            if (
                appraisal.manager_user_id != self.env.user
                or not vals.keys() <= MANAGER_FIELDS
            ):
                raise UserError(
                    self.env._(
                        "Only the manager of %(employee)s gives the work score; HR "
                        "handles the rest.",
                        employee=appraisal.employee_id.name,
                    )
                )
            if state != "open":
                raise UserError(
                    self.env._(
                        "The period is not open: the work score of %(employee)s "
                        "can no longer change.",
                        employee=appraisal.employee_id.name,
                    )
                )

    def _compute_results(self):
        """Measure every appraisal's results with a few grouped queries for all of
        them. Read as superuser: each figure is the employee's own work at the
        period's dealership, written on an appraisal only HR, the manager and (once
        published) the employee read."""
        if not self:
            return
        values = {appraisal.id: {} for appraisal in self}
        for period in self.period_id:
            appraisals = self.filtered(lambda a, p=period: a.period_id == p)
            users = appraisals.employee_user_id
            period._measure(appraisals, users, values)
        for appraisal in self:
            figures = values[appraisal.id]
            parts = []
            if figures.get("revenue_target"):
                parts.append(
                    min(100.0, 100.0 * figures["revenue"] / figures["revenue_target"])
                )
            if appraisal.period_id.new_customer_target:
                parts.append(
                    min(
                        100.0,
                        100.0
                        * figures.get("new_customer_count", 0)
                        / appraisal.period_id.new_customer_target,
                    )
                )
            if figures.get("collection_rate") is not None:
                parts.append(figures["collection_rate"])
            if figures.get("satisfaction"):
                parts.append((figures["satisfaction"] - 1) * 25.0)
            figures["results_score"] = round(sum(parts) / len(parts), 2) if parts else 0
            if figures.get("collection_rate") is None:
                figures["collection_rate"] = 0.0
            # as superuser: results are computed, never typed in by the manager
            appraisal.sudo().write(figures)
