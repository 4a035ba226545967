from odoo import api, fields, models
from odoo.exceptions import ValidationError

# a used part waits at the dealership a year at most
MAX_PART_RETURN_DAYS = 365


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    autocrm_part_return_days = fields.Integer(
        string="Used Parts to Ship within (days)",
        config_parameter="autocrm_warranty.part_return_days",
        default=30,
        help="A return-required part not shipped to the OEM within this many days "
        "after its claim was submitted is charged back: its amount leaves the claim.",
    )

    @api.constrains("autocrm_part_return_days")
    def _check_autocrm_part_return_days(self):
        for settings in self:
            if not 0 <= settings.autocrm_part_return_days <= MAX_PART_RETURN_DAYS:
                raise ValidationError(
                    self.env._(
                        "Used parts are shipped within 0 to %(max)s days, not "
                        "%(days)s.",
                        max=MAX_PART_RETURN_DAYS,
                        days=settings.autocrm_part_return_days,
                    )
                )
