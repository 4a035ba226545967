from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .autocrm_complaint_category import PRIORITIES

# Hours to acknowledge and to resolve per priority when no deadline is configured
DEFAULT_HOURS = {"0": (24, 168), "1": (8, 72), "2": (4, 48), "3": (2, 24)}
# no complaint may wait more than a year (and the deadlines stay dates)
MAX_HOURS = 24 * 366


class AutocrmComplaintDeadline(models.Model):
    """How fast a complaint of each priority must be acknowledged and resolved,
    counted from the moment it was received: small problems handled slowly become
    big complaints."""

    _name = "autocrm.complaint.deadline"
    _description = "Complaint Deadline"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "priority desc"
    _rec_name = "priority"
    _autocrm_ranges = {
        "hours_to_acknowledge": (0, MAX_HOURS),
        "hours_to_resolve": (0, MAX_HOURS),
    }

    priority = fields.Selection(PRIORITIES, required=True)
    hours_to_acknowledge = fields.Float(
        required=True,
        help="Hours from reception within which the customer must hear that the "
        "complaint is being handled.",
    )
    hours_to_resolve = fields.Float(
        required=True, help="Hours from reception within which it must be resolved."
    )

    _sql_constraints = [
        (
            "priority_uniq",
            "unique(priority)",
            "This priority already has its deadlines: change those instead.",
        ),
        (
            "hours_positive",
            "CHECK(hours_to_acknowledge > 0 AND hours_to_resolve > 0)",
            "Deadlines must be positive numbers of hours.",
        ),
    ]

    @api.constrains("hours_to_acknowledge", "hours_to_resolve")
    def _check_hours(self):
        for deadline in self:
            if deadline.hours_to_acknowledge > deadline.hours_to_resolve:
                raise ValidationError(
                    self.env._(
                        "A complaint must be acknowledged before the time to resolve "
                        "it ends: give fewer hours to acknowledge than to resolve."
                    )
                )

    @api.model
    def _hours_by_priority(self):
        """{priority: (hours to acknowledge, hours to resolve)}, the configured
        deadlines over the defaults. Read as superuser: deadlines apply to every
        user who records a complaint."""
        hours = dict(DEFAULT_HOURS)
        for deadline in self.sudo().search([]):
            hours[deadline.priority] = (
                deadline.hours_to_acknowledge,
                deadline.hours_to_resolve,
            )
        return hours

    @api.model_create_multi
    def create(self, vals_list):
        deadlines = super().create(vals_list)
        deadlines._recompute_open_complaints()
        return deadlines

    def write(self, vals):
        res = super().write(vals)
        self._recompute_open_complaints()
        return res

    def _recompute_open_complaints(self):
        """New deadlines apply to the complaints of their priorities not resolved
        yet; those resolved keep the deadlines they were handled against."""
        Complaint = self.env["autocrm.complaint"]
        # as superuser: the deadlines are the network's, whoever changes them
        complaints = Complaint.sudo().search(
            [("priority", "in", self.mapped("priority")), ("resolved_at", "=", False)]
        )
        for fname in ("acknowledge_deadline", "deadline", "is_late"):
            self.env.add_to_compute(Complaint._fields[fname], complaints)
