from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .autocrm_warranty_claim import DEFAULT_PREAUTH_AMOUNT, PREAUTH_PARAM

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

    autocrm_preauthorisation_amount = fields.Float(
        string="Pre-authorisation Above",
        config_parameter=PREAUTH_PARAM,
        default=DEFAULT_PREAUTH_AMOUNT,
        digits=(16, 2),
        help="A claim asking for more than this amount needs the OEM's "
        "pre-authorisation (its number and date, before the repair) to be "
        "submitted. 0: no claim needs one.",
    )

    @api.constrains("autocrm_preauthorisation_amount")
    def _check_autocrm_preauthorisation_amount(self):
        for settings in self:
            if settings.autocrm_preauthorisation_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount above which a claim needs the OEM's "
                        "pre-authorisation cannot be negative (%(amount)s); 0 means "
                        "no claim needs one.",
                        amount=settings.autocrm_preauthorisation_amount,
                    )
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
