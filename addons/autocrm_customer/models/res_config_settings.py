from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .autocrm_followup import DEFAULT_LOOKBACK_DAYS, LOOKBACK_PARAM

# the nightly job catches up a year of missed nights at most
MAX_LOOKBACK_DAYS = 365


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    autocrm_followup_lookback_days = fields.Integer(
        string="Follow-up Look-back (days)",
        config_parameter=LOOKBACK_PARAM,
        default=DEFAULT_LOOKBACK_DAYS,
        help="The nightly job creates the follow-ups that fell due in this many days "
        "before today and were not created yet (after nights without a run); older "
        "ones are stale and not created. 0: only those due today.",
    )

    @api.constrains("autocrm_followup_lookback_days")
    def _check_autocrm_followup_lookback_days(self):
        for settings in self:
            if not 0 <= settings.autocrm_followup_lookback_days <= MAX_LOOKBACK_DAYS:
                raise ValidationError(
                    self.env._(
                        "The follow-up look-back is 0 to %(max)s days, not %(days)s.",
                        max=MAX_LOOKBACK_DAYS,
                        days=settings.autocrm_followup_lookback_days,
                    )
                )

    def set_values(self):
        res = super().set_values()
        # Odoo stores a numeric setting of 0 as no parameter at all, which reads back
        # as the field's default: the suite's numeric settings keep an explicit 0
        # (no look-back, no pre-authorisation threshold, …)
        params = self.env["ir.config_parameter"].sudo()
        for name, key in self._get_classified_fields()["config"]:
            if (
                key.startswith("autocrm_")
                and self._fields[name].type in ("integer", "float")
                and not self[name]
                and params.get_param(key) != "0"
            ):
                params.set_param(key, "0")
        return res
