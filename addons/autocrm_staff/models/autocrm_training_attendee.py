from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AutocrmTrainingAttendee(models.Model):
    _name = "autocrm.training.attendee"
    _description = "Training Attendee"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "training_id, employee_id"
    _check_company_auto = True
    _autocrm_ranges = {"score": (0, 100)}

    training_id = fields.Many2one(
        "autocrm.training",
        string="Training",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="training_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        required=True,
        index=True,
        check_company=True,
    )
    topic = fields.Selection(related="training_id.topic", store=True)
    date = fields.Date(related="training_id.date", store=True)
    score = fields.Integer(aggregator="avg", help="0 to 100.")
    passed = fields.Boolean()
    note = fields.Char()

    _sql_constraints = [
        (
            "attendee_uniq",
            "unique(training_id, employee_id)",
            "An employee attends a training once.",
        ),
    ]

    @api.constrains("score")
    def _check_score(self):
        if any(not 0 <= line.score <= 100 for line in self):
            raise ValidationError(self.env._("A training score is between 0 and 100."))
