from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AutocrmAppraisalAnswer(models.Model):
    """The answer to one question of a feedback. Visible to whoever may read its
    feedback (the same record rules, through feedback_id)."""

    _name = "autocrm.appraisal.answer"
    _description = "Appraisal Feedback Answer"
    _order = "feedback_id, sequence, id"

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

    @api.constrains("score")
    def _check_score(self):
        if any(not 0 <= answer.score <= 100 for answer in self):
            raise ValidationError(self.env._("A score is between 0 and 100."))

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.feedback_id._check_answerable()
        return answers

    def write(self, vals):
        self.feedback_id._check_answerable()
        return super().write(vals)
