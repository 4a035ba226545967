from odoo import fields, models

# The steps of handling a complaint, in order; each stage belongs to one of them.
PHASES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
]
PHASE_ORDER = {phase: position for position, (phase, _label) in enumerate(PHASES)}


class AutocrmComplaintStage(models.Model):
    _name = "autocrm.complaint.stage"
    _description = "Complaint Stage"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    phase = fields.Selection(
        PHASES,
        required=True,
        default="in_progress",
        help="The step of handling this stage stands for. Entering an acknowledged "
        "stage stops the clock to acknowledge, a resolved one the clock to resolve "
        "(and schedules the follow-up after the complaint); a closed complaint is "
        "locked.",
    )
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Fold this stage's column in the kanban view (finished complaints).",
    )
    description = fields.Text(translate=True)
