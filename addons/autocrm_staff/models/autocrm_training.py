from odoo import api, fields, models


class AutocrmTraining(models.Model):
    """A training session of a dealership's staff, with its attendees and their
    scores."""

    _name = "autocrm.training"
    _description = "Staff Training"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # a course of several weeks at most
    _autocrm_ranges = {"duration": (0, 500)}

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    topic = fields.Selection(
        [
            ("ethics", "Professional Ethics"),
            ("business", "Business Knowledge"),
            ("etiquette", "Appearance and Etiquette"),
            ("speaking", "Speaking"),
            ("self_control", "Self-control"),
        ],
        required=True,
        default="business",
        index=True,
        tracking=True,
    )
    method = fields.Selection(
        [
            ("lecture", "Lecture"),
            ("role_play", "Role Play"),
            ("scenario", "Scenario"),
            ("written_test", "Written Test"),
        ],
        default="lecture",
    )
    date = fields.Date(
        required=True,
        index=True,
        # the dealership's day, in its time zone, not the user's
        default=lambda self: self.env.company._autocrm_today(),
    )
    duration = fields.Float(string="Duration (hours)", default=2.0)
    trainer_id = fields.Many2one(
        "res.partner",
        string="Trainer",
        help="The trainer: a colleague's contact or an outside trainer.",
    )
    attendee_ids = fields.One2many("autocrm.training.attendee", "training_id")
    attendee_count = fields.Integer(compute="_compute_attendee_figures", store=True)
    average_score = fields.Float(
        compute="_compute_attendee_figures", store=True, aggregator="avg"
    )
    description = fields.Html(string="Content")

    @api.depends("attendee_ids.score")
    def _compute_attendee_figures(self):
        for training in self:
            scores = training.attendee_ids.mapped("score")
            training.attendee_count = len(scores)
            training.average_score = sum(scores) / len(scores) if scores else 0.0
