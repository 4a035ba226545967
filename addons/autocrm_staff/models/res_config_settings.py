from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .autocrm_work_plan import DEFAULT_WARNING_DAYS, WARNING_DAYS_PARAM

# a plan covers a year at most: a warning earlier than that says nothing
MAX_WARNING_DAYS = 365


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    autocrm_work_plan_warning_days = fields.Integer(
        string="Work Plan Warning (days before the end)",
        config_parameter=WARNING_DAYS_PARAM,
        default=DEFAULT_WARNING_DAYS,
        help="A work plan below its minimum count shows as behind, and its staff "
        "member's manager is alerted, from this many days before the plan ends. "
        "0: on its last day only.",
    )

    @api.constrains("autocrm_work_plan_warning_days")
    def _check_autocrm_work_plan_warning_days(self):
        for settings in self:
            if not 0 <= settings.autocrm_work_plan_warning_days <= MAX_WARNING_DAYS:
                raise ValidationError(
                    self.env._(
                        "A work plan is flagged 0 to %(max)s days before its end, "
                        "not %(days)s.",
                        max=MAX_WARNING_DAYS,
                        days=settings.autocrm_work_plan_warning_days,
                    )
                )
