from odoo import fields, models


class AutocrmAppraisalQuestion(models.Model):
    """A question of the 360 questionnaire, asked in one direction: by the manager
    about a subordinate (down), by a subordinate about the manager (up), or between
    colleagues (peer)."""

    _name = "autocrm.appraisal.question"
    _description = "Appraisal Question"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "direction, sequence, id"

    name = fields.Char(string="Question", required=True, translate=True)
    sequence = fields.Integer(default=10)
    direction = fields.Selection(
        [
            ("down", "Downward (manager about subordinate)"),
            ("up", "Upward (subordinate about manager)"),
            ("peer", "Peer"),
        ],
        required=True,
        default="down",
    )
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="What a score of 0, 50 and 100 looks like."
    )
