from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

HR_GROUP = "hr.group_hr_user"
# what the reviewer writes on their own feedback while the period is open
REVIEWER_FIELDS = {"score", "comment", "answer_ids"}


class AutocrmAppraisalFeedback(models.Model):
    """One person's 360 feedback about another in an appraisal period.

    Confidentiality (record rules in security/autocrm_appraisal_security.xml): a
    feedback is read by its author and by HR; a downward or peer feedback is also
    read by the person it is about once HR publishes the period; an upward
    feedback never is: the manager, the peers and everyone else see only the
    average on the appraisal (upward_score). No chatter on purpose: tracked
    scores would end up in messages that followers read."""

    _name = "autocrm.appraisal.feedback"
    _description = "Appraisal Feedback"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "period_id desc, reviewee_id, direction, id"
    _check_company_auto = True
    _autocrm_ranges = {"score": (0, 100)}

    period_id = fields.Many2one(
        "autocrm.appraisal.period",
        string="Period",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, precompute=True
    )
    period_state = fields.Selection(related="period_id.state", string="Period State")
    reviewer_id = fields.Many2one(
        "hr.employee", string="Reviewer", required=True, index=True, check_company=True
    )
    reviewee_id = fields.Many2one(
        "hr.employee",
        string="Reviewee",
        required=True,
        index=True,
        check_company=True,
    )
    # the users behind the employees, stored for the record rules
    reviewer_user_id = fields.Many2one(
        related="reviewer_id.user_id", store=True, index=True, string="Reviewer User"
    )
    reviewee_user_id = fields.Many2one(
        related="reviewee_id.user_id", store=True, index=True, string="Reviewee User"
    )
    appraisal_id = fields.Many2one(
        "autocrm.appraisal",
        string="Appraisal",
        compute="_compute_appraisal_id",
        store=True,
        index=True,
        ondelete="cascade",
    )
    direction = fields.Selection(
        [
            ("down", "Downward"),
            ("up", "Upward"),
            ("peer", "Peer"),
        ],
        required=True,
        index=True,
        help="Downward: the manager about a subordinate. Upward: a subordinate about "
        "the manager, secret: only the average of three or more is shown. Peer: a "
        "colleague with the same manager.",
    )
    state = fields.Selection(
        [("draft", "To Answer"), ("done", "Answered")],
        required=True,
        default="draft",
        index=True,
        copy=False,
    )
    score = fields.Integer(
        compute="_compute_score",
        store=True,
        readonly=False,
        aggregator="avg",
        help="0 to 100: the average of the answers, or typed in without questions.",
    )
    answer_ids = fields.One2many("autocrm.appraisal.answer", "feedback_id")
    comment = fields.Text()

    _sql_constraints = [
        (
            "feedback_uniq",
            "unique(period_id, reviewer_id, reviewee_id, direction)",
            "This person already gives this feedback in this period.",
        ),
        (
            "score_range",
            "CHECK(score BETWEEN 0 AND 100)",
            "A score is between 0 and 100.",
        ),
    ]

    @api.depends("period_id", "reviewee_id")
    def _compute_appraisal_id(self):
        # as superuser: links the answer to its appraisal whoever writes it
        appraisals = (
            self.env["autocrm.appraisal"]
            .sudo()
            .search(
                [
                    ("period_id", "in", self.period_id.ids),
                    ("employee_id", "in", self.reviewee_id.ids),
                ]
            )
        )
        by_key = {(a.period_id.id, a.employee_id.id): a.id for a in appraisals}
        for feedback in self:
            feedback.appraisal_id = by_key.get(
                (feedback.period_id.id, feedback.reviewee_id.id), False
            )

    @api.depends("answer_ids.score")
    def _compute_score(self):
        for feedback in self:
            answers = feedback.answer_ids
            if answers:
                feedback.score = round(sum(answers.mapped("score")) / len(answers))
            else:
                feedback.score = feedback.score or 0

    @api.constrains("reviewer_id", "reviewee_id")
    def _check_not_self(self):
        if any(f.reviewer_id == f.reviewee_id for f in self):
            raise ValidationError(self.env._("Nobody gives feedback about themselves."))

    @api.model_create_multi
    def create(self, vals_list):
        feedback = super().create(vals_list)
        questions = self.env["autocrm.appraisal.question"].search([])
        self.env["autocrm.appraisal.answer"].create(
            [
                {"feedback_id": item.id, "question_id": question.id}
                for item in feedback
                for question in questions
                if question.direction == item.direction
            ]
        )
        return feedback

    def write(self, vals):
        if not self.env.su:
            # the record rules first: who may not write gets an access error
            self.check_access("write")
            self._check_answerable(vals.keys())
        return super().write(vals)

    def _check_answerable(self, field_names=None):
        """HR writes until the period is published; the reviewer answers their own
        feedback while the period is open and until they submit it."""
        if self.env.su:
            return
        is_hr = self.env.user.has_group(HR_GROUP)
        for feedback in self:
            if feedback.period_id.state == "published":
                raise UserError(
                    self.env._(
                        "The period is published: feedback can no longer change."
                    )
                )
            if is_hr:
                continue
            if feedback.reviewer_user_id != self.env.user or (
                field_names is not None and not set(field_names) <= REVIEWER_FIELDS
            ):
                raise UserError(
                    self.env._(
                        "Only the reviewer answers a feedback; HR handles the rest."
                    )
                )
            if feedback.period_id.state != "open" or feedback.state != "draft":
                raise UserError(
                    self.env._(
                        "This feedback can no longer be answered: the period is not "
                        "open or the answer was already sent."
                    )
                )

    def action_submit(self):
        self._check_answerable()
        # as superuser: the state moves only here, after the reviewer check above
        self.sudo().write({"state": "done"})
        return True

    def action_reset(self):
        if not self.env.user.has_group(HR_GROUP):
            raise UserError(self.env._("Only HR reopens an answered feedback."))
        self._check_answerable()
        self.write({"state": "draft"})
        return True
