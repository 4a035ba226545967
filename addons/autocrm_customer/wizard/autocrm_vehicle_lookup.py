from odoo import fields, models
from odoo.exceptions import UserError


class AutocrmVehicleLookup(models.TransientModel):
    _name = "autocrm.vehicle.lookup"
    _description = "Find Vehicle by VIN"

    vin = fields.Char(
        string="VIN",
        required=True,
        size=17,
        help="The full 17-character VIN, as on the registration certificate.",
    )

    def action_lookup(self):
        self.ensure_one()
        vehicle = self.env["autocrm.vehicle"].lookup_by_vin(self.vin)
        if not vehicle:
            raise UserError(
                self.env._(
                    "No vehicle has the VIN %(vin)s. Check it, or create the vehicle.",
                    vin=self.vin.strip().upper(),
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "autocrm.vehicle",
            "res_id": vehicle.id,
            "view_mode": "form",
            "target": "current",
        }
