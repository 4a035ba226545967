from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.autocrm_customer.models.autocrm_odometer_reading import (
    MAX_ODOMETER_KM,
)

from ..models.autocrm_warranty_claim import OEM_USER_GROUP


class AutocrmVehicleOdometerCorrect(models.TransientModel):
    """The OEM records, from the vehicle's form, an odometer reading lower than an
    earlier one as a roll-back correction (instrument cluster replaced, typing
    error), with its reason; the vehicle's chatter keeps who, what and why."""

    _name = "autocrm.vehicle.odometer.correct"
    _description = "Record an Odometer Roll-back Correction"
    _inherit = ["autocrm.dealer.mixin"]
    _autocrm_ranges = {"value": (0, MAX_ODOMETER_KM)}

    vehicle_id = fields.Many2one(
        "autocrm.vehicle", string="Vehicle", required=True, ondelete="cascade"
    )
    odometer = fields.Integer(related="vehicle_id.odometer", string="Last Reading (km)")
    date = fields.Date(
        required=True, default=lambda self: self.env.company._autocrm_today()
    )
    value = fields.Integer(string="Corrected Odometer (km)", required=True)
    reason = fields.Text(
        required=True,
        help="Why the odometer reads less than before: the dealers and the claims "
        "reviewers read it in the vehicle's history.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_oem()
        return super().create(vals_list)

    def _check_oem(self):
        if not (self.env.su or self.env.user.has_group(OEM_USER_GROUP)):
            raise AccessError(
                self.env._(
                    "Only the OEM records an odometer roll-back correction: report "
                    "the vehicle's true reading to the OEM."
                )
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_oem()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the odometer reads less than before."))
        # as superuser: the correction is compared with every dealership's readings
        earlier = (
            self.env["autocrm.odometer.reading"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "=", self.vehicle_id.id),
                    ("date", "<=", self.date),
                ],
                order="value desc",
                limit=1,
            )
        )
        if not earlier or self.value >= earlier.value:
            raise UserError(
                self.env._(
                    "%(vehicle)s read no more than %(value)s km before %(date)s: this "
                    "is no roll-back. Record it as an ordinary reading.",
                    vehicle=self.vehicle_id.display_name,
                    value=self.value,
                    date=self.date,
                )
            )
        self.env["autocrm.odometer.reading"].create(
            {
                "vehicle_id": self.vehicle_id.id,
                "date": self.date,
                "value": self.value,
                "is_rollback_correction": True,
                "note": reason,
            }
        )
        self.vehicle_id.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "Odometer roll-back correction recorded by %(user)s: %(value)s km "
                    "on %(date)s, below the %(earlier)s km read on %(earlier_date)s.",
                    user=self.env.user.name,
                    value=self.value,
                    date=self.date,
                    earlier=earlier.value,
                    earlier_date=earlier.date,
                ),
                self.env._("Reason: %(reason)s", reason=reason),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
