from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    autocrm_part_return_days = fields.Integer(
        string="Used Parts to Ship within (days)",
        config_parameter="autocrm_warranty.part_return_days",
        default=30,
        help="A return-required part not shipped to the OEM within this many days "
        "after its claim was submitted is charged back: its amount leaves the claim.",
    )
