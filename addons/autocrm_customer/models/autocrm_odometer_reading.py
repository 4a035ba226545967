from odoo import api, fields, models
from odoo.exceptions import ValidationError

# No car reaches this; a higher reading is a typing error.
MAX_ODOMETER_KM = 2_000_000


class AutocrmOdometerReading(models.Model):
    _name = "autocrm.odometer.reading"
    _description = "Odometer Reading"
    _inherit = ["autocrm.dealer.mixin"]
    _autocrm_ranges = {"value": (0, MAX_ODOMETER_KM)}
    _order = "date desc, id desc"

    vehicle_id = fields.Many2one(
        "autocrm.vehicle", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(
        required=True,
        default=lambda self: self.env.company._autocrm_today(),
        index=True,
    )
    value = fields.Integer(string="Odometer (km)", required=True)
    company_id = fields.Many2one(
        "res.company",
        string="Recorded by",
        default=lambda self: self.env.company,
        readonly=True,
    )
    # indexed: deleting a repair order looks up its readings (ON DELETE SET NULL)
    repair_id = fields.Many2one(
        "repair.order", string="Visit", ondelete="set null", index="btree_not_null"
    )
    is_rollback_correction = fields.Boolean(
        string="Roll-back Correction",
        readonly=True,
        help="A lower reading than an earlier one, recorded by the OEM as a correction "
        "(instrument cluster replaced, typing error).",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "value_positive",
            "CHECK(value >= 0)",
            "An odometer reading cannot be negative.",
        )
    ]

    @api.constrains("value", "date", "vehicle_id")
    def _check_not_lower(self):
        """A reading lower than an earlier one is refused unless the OEM flagged it as
        a corrected roll-back (the flag is set only by ``action_record_correction``)."""
        for reading in self.filtered(lambda r: not r.is_rollback_correction):
            # as superuser: the rule holds across every dealership's readings
            earlier = self.sudo().search(
                [
                    ("vehicle_id", "=", reading.vehicle_id.id),
                    ("id", "!=", reading.id),
                    "|",
                    "&",
                    ("date", "<=", reading.date),
                    ("value", ">", reading.value),
                    "&",
                    ("date", ">", reading.date),
                    ("value", "<", reading.value),
                ],
                limit=1,
                order="value desc",
            )
            if earlier:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s read %(earlier)s km on %(date)s: %(value)s km "
                        "on %(new_date)s would turn the odometer back. Only the OEM "
                        "can record a roll-back as a correction.",
                        vehicle=reading.vehicle_id.display_name,
                        earlier=earlier.value,
                        date=earlier.date,
                        value=reading.value,
                        new_date=reading.date,
                    )
                )

    @api.constrains("date", "company_id")
    def _check_date(self):
        for reading in self:
            today = (reading.company_id or self.env.company)._autocrm_today()
            if reading.date > today:
                raise ValidationError(
                    self.env._(
                        "An odometer reading cannot be dated in the future (%(date)s).",
                        date=reading.date,
                    )
                )

    def _read_format(self, fnames, load="_classic_read"):
        """A dealership sees the readings other dealerships recorded on a vehicle
        they share, not the other dealership's visit they came from."""
        result = super()._read_format(fnames, load)
        if "repair_id" in fnames and self._autocrm_is_dealer_user():
            own = self.env.user.company_ids
            foreign = {r.id for r in self.sudo() if r.company_id not in own}
            for values in result:
                if values["id"] in foreign:
                    values["repair_id"] = False
        return result

    def write(self, vals):
        if "is_rollback_correction" in vals and not self.env.su:
            self._check_oem()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("is_rollback_correction") for vals in vals_list):
            self._check_oem()
        return super().create(vals_list)

    def _check_oem(self):
        if not self.env.user.has_group("autocrm_customer.group_oem_user"):
            raise ValidationError(
                self.env._(
                    "Only OEM users can record an odometer roll-back correction."
                )
            )
