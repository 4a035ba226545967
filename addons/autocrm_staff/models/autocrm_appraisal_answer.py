from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# what an answer answers: set when the feedback's questions are asked, never moved
FIXED_FIELDS = {"feedback_id", "question_id"}


class AutocrmAppraisalAnswer(models.Model):
    """The answer to one question of a feedback. Visible to whoever may read its
    feedback (the same record rules, through feedback_id).

    An answer belongs to its feedback and question for good: an answer moved onto
    another feedback would put its score into someone else's average."""

    _name = "autocrm.appraisal.answer"
    _description = "Appraisal Feedback Answer"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "feedback_id, sequence, id"
    _autocrm_ranges = {"score": (0, 100)}

    feedback_id = fields.Many2one(
        "autocrm.appraisal.feedback",
        string="Feedback",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="feedback_id.company_id", store=True)
    question_id = fields.Many2one(
        "autocrm.appraisal.question", string="Question", required=True
    )
    sequence = fields.Integer(related="question_id.sequence", store=True)
    score = fields.Integer(help="0 to 100.")
    comment = fields.Text()

    _sql_constraints = [
        (
            "question_uniq",
            "unique(feedback_id, question_id)",
            "A feedback answers each question once.",
        ),
    ]

    @api.constrains("score")
    def _check_score(self):
        if any(not 0 <= answer.score <= 100 for answer in self):
            raise ValidationError(self.env._("A score is between 0 and 100."))

    @api.constrains("feedback_id", "question_id")
    def _check_question_direction(self):
        for answer in self:
            answer._check_direction(answer.feedback_id, answer.question_id)

    @api.model
    def _check_direction(self, feedback, question):
        if question.direction != feedback.direction:
            raise ValidationError(
                self.env._(
                    "Question “%(question)s” is not asked in this direction of "
                    "feedback.",
                    question=question.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # an answer is added to a feedback its author (or HR) may still answer,
            # checked before anything is written
            feedback = self.env["autocrm.appraisal.feedback"].browse(
                {vals.get("feedback_id") for vals in vals_list} - {False, None}
            )
            feedback.check_access("write")
            feedback._check_answerable({"answer_ids"})
            for vals in vals_list:
                self._check_direction(
                    feedback.browse(vals.get("feedback_id")),
                    self.env["autocrm.appraisal.question"].browse(
                        vals.get("question_id")
                    ),
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            moved = [
                fname
                for fname in FIXED_FIELDS & vals.keys()
                if any(answer[fname].id != vals[fname] for answer in self)
            ]
            if moved:
                raise UserError(
                    self.env._(
                        "An answer stays with its feedback and its question: answer "
                        "the questions of your own feedback instead."
                    )
                )
        self.feedback_id._check_answerable({"answer_ids"})
        return super().write(vals)
