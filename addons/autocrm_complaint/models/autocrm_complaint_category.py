from odoo import fields, models

PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]


class AutocrmComplaintCategory(models.Model):
    _name = "autocrm.complaint.category"
    _description = "Complaint Category"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used in imports and reports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    priority = fields.Selection(
        PRIORITIES,
        string="Default Priority",
        default="1",
        required=True,
        help="Priority given to a new complaint of this category; it sets the "
        "deadlines to acknowledge and to resolve it.",
    )
    is_process_failure = fields.Boolean(
        string="Process Failure",
        help="The complaint points to a failure of the dealership's own process: "
        "closing it needs an improvement plan and a prevention plan (改善及预防方案).",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another complaint category has this code."),
    ]
