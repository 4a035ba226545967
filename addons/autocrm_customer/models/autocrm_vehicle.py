import re
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from vininfo import Vin

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# ISO 3779: letters I, O and Q are never used; position 10 is the model-year code
# (never I, O, Q, U, Z or 0); position 9 is the check digit (GB 16735, as in North
# America).
VIN_ALPHABET = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
VISIT_DONE = "done"


def normalize_vin(vin):
    return (vin or "").strip().replace(" ", "").upper()


def vin_problem(env, vin):
    """Return why ``vin`` is not a valid VIN, in the user's language, or None."""
    if len(vin) != 17:
        return env._(
            "A VIN has 17 characters; %(vin)s has %(count)s.", vin=vin, count=len(vin)
        )
    if not VIN_ALPHABET.match(vin):
        return env._(
            "VIN %(vin)s: a VIN uses only digits and the letters A to Z without I, O "
            "and Q.",
            vin=vin,
        )
    if vin[9] not in MODEL_YEAR_CODES:
        return env._(
            "VIN %(vin)s: '%(code)s' at position 10 is not a model-year code.",
            vin=vin,
            code=vin[9],
        )
    if not Vin(vin).verify_checksum():
        return env._(
            "VIN %(vin)s: the check digit at position 9 does not match the other "
            "characters. Check the VIN for a typing error.",
            vin=vin,
        )
    return None


class AutocrmVehicle(models.Model):
    _name = "autocrm.vehicle"
    _description = "Vehicle"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _autocrm_ranges = {"model_year": (1950, 2100)}
    _order = "sale_date desc, id desc"
    _rec_names_search = ["vin", "license_plate"]

    vin = fields.Char(
        string="VIN",
        required=True,
        size=17,
        index=True,
        tracking=True,
        copy=False,
        help="Vehicle identification number: 17 characters (ISO 3779, GB 16735).",
    )
    license_plate = fields.Char(index="trigram", tracking=True, copy=False)
    model_id = fields.Many2one(
        "product.product",
        string="Model",
        required=True,
        index=True,
        domain=[("autocrm_is_vehicle_model", "=", True)],
        tracking=True,
    )
    model_year = fields.Integer(
        compute="_compute_vin_info",
        store=True,
        readonly=False,
        help="Decoded from the VIN; can be corrected.",
    )
    vin_maker = fields.Char(
        string="Maker (VIN)", compute="_compute_vin_info", store=True
    )
    vin_country = fields.Char(
        string="Country (VIN)", compute="_compute_vin_info", store=True
    )
    production_date = fields.Date(index=True)
    sale_date = fields.Date(index=True, tracking=True)
    selling_dealer_id = fields.Many2one(
        "res.company",
        string="Selling Dealer",
        index=True,
        default=lambda self: self._default_selling_dealer(),
        domain=[("autocrm_role", "=", "dealer")],
    )
    dealer_ids = fields.Many2many(
        "res.company",
        "autocrm_vehicle_dealer_rel",
        "vehicle_id",
        "company_id",
        string="Dealerships",
        default=lambda self: self._default_dealers(),
        help="Every dealership that sold, serviced or looked up the vehicle: they see "
        "it and its owner.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Owner", index=True, tracking=True
    )
    odometer_reading_ids = fields.One2many(
        "autocrm.odometer.reading", "vehicle_id", string="Odometer Readings"
    )
    odometer = fields.Integer(
        string="Odometer (km)",
        compute="_compute_odometer",
        store=True,
        help="The latest reading.",
    )
    odometer_date = fields.Date(compute="_compute_odometer", store=True)
    avg_km_per_day = fields.Float(
        string="Average km per Day",
        compute="_compute_odometer",
        store=True,
        digits=(16, 1),
        help="From the first reading (or 0 km at the sale date) to the latest one.",
    )
    repair_ids = fields.One2many("repair.order", "vehicle_id", string="Visits")
    repair_count = fields.Integer(string="Visit Count", compute="_compute_repair_stats")
    last_service_date = fields.Date(compute="_compute_service_forecast")
    next_service_date = fields.Date(
        compute="_compute_service_forecast",
        help="Predicted from the model's service interval in km and months, whichever "
        "comes first, and the vehicle's average km per day.",
    )
    first_maintenance_used = fields.Boolean(
        string="First Maintenance Visit Done",
        compute="_compute_service_forecast",
        help="A workshop visit of type First Maintenance (首保) of this vehicle is "
        "done, at any dealership.",
    )
    active = fields.Boolean(default=True)
    autocrm_can_edit = fields.Boolean(
        string="Can Edit Vehicle Data",
        compute="_compute_autocrm_can_edit",
        help="The user's dealership sold the vehicle (or is the only one to know "
        "it), or the user works for the OEM: the vehicle's data is theirs to change.",
    )

    _sql_constraints = [
        (
            "vin_uniq",
            "unique(vin)",
            "This VIN is already in the archive. Use Find Vehicle by VIN to add it to "
            "your dealership.",
        ),
    ]

    def _default_selling_dealer(self):
        company = self.env.company
        return company if company.autocrm_role == "dealer" else False

    def _default_dealers(self):
        return self.env.company

    @api.depends("vin")
    def _compute_vin_info(self):
        for vehicle in self:
            vin = vehicle.vin
            if not vin or vin_problem(vehicle.env, vin):
                vehicle.vin_maker = vehicle.vin_country = False
                continue
            info = Vin(vin)
            # vininfo names makers it does not know "UnsupportedBrand"
            maker = info.manufacturer
            vehicle.vin_maker = False if maker == "UnsupportedBrand" else maker
            vehicle.vin_country = info.country
            # the year code repeats every 30 years: take the latest cycle not in the
            # future
            this_year = self.env.company._autocrm_today().year
            years = [y for y in info.years if y <= this_year + 1]
            vehicle.model_year = max(years) if years else False

    @api.depends("odometer_reading_ids.value", "odometer_reading_ids.date", "sale_date")
    def _compute_odometer(self):
        for vehicle in self:
            readings = vehicle.odometer_reading_ids.sorted(lambda r: (r.date, r.id))
            if not readings:
                vehicle.odometer = 0
                vehicle.odometer_date = False
                vehicle.avg_km_per_day = 0.0
                continue
            last = readings[-1]
            vehicle.odometer = last.value
            vehicle.odometer_date = last.date
            if vehicle.sale_date and vehicle.sale_date < last.date:
                start_date, start_km = vehicle.sale_date, 0
            else:
                start_date, start_km = readings[0].date, readings[0].value
            days = (last.date - start_date).days
            vehicle.avg_km_per_day = (last.value - start_km) / days if days > 0 else 0.0

    @api.depends("repair_ids")
    def _compute_repair_stats(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.repair_count = counts.get(vehicle, 0)

    @api.depends(
        "repair_ids.state",
        "repair_ids.visit_date",
        "repair_ids.visit_type",
        "odometer",
        "avg_km_per_day",
        "sale_date",
        "model_id.autocrm_service_interval_km",
        "model_id.autocrm_service_interval_months",
    )
    def _compute_service_forecast(self):
        for vehicle in self:
            # read as superuser: the forecast counts services at every dealership, it
            # shows no other dealership's data.
            services = vehicle.sudo().repair_ids.filtered(
                lambda r: r.state == VISIT_DONE
                and r.visit_type in ("maintenance", "first_maintenance")
            )
            vehicle.first_maintenance_used = any(
                r.visit_type == "first_maintenance" for r in services
            )
            last = services.sorted(lambda r: (r.visit_date, r.id))[-1:]
            vehicle.last_service_date = last.visit_date
            vehicle.next_service_date = vehicle._predict_next_service(last)

    def _predict_next_service(self, last_service):
        """The earlier of: the last service (or sale) plus the model's interval in
        months, and the day the interval in km is reached at the average pace."""
        self.ensure_one()
        model = self.model_id.product_tmpl_id
        start_date = last_service.visit_date or self.sale_date
        if not start_date:
            return False
        candidates = []
        if model.autocrm_service_interval_months:
            candidates.append(
                start_date + relativedelta(months=model.autocrm_service_interval_months)
            )
        if model.autocrm_service_interval_km and self.avg_km_per_day > 0:
            due_km = (last_service.odometer or 0) + model.autocrm_service_interval_km
            from_date = self.odometer_date or start_date
            days = (due_km - self.odometer) / self.avg_km_per_day
            candidates.append(from_date + timedelta(days=max(days, 0)))
        return min(candidates) if candidates else False

    @api.constrains("vin")
    def _check_vin(self):
        for vehicle in self:
            problem = vin_problem(self.env, vehicle.vin)
            if problem:
                raise ValidationError(problem)

    @api.constrains("sale_date", "production_date", "selling_dealer_id")
    def _check_dates(self):
        for vehicle in self:
            today = (vehicle.selling_dealer_id or self.env.company)._autocrm_today()
            if vehicle.sale_date and vehicle.sale_date > today:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s: a sale date cannot be in the future (%(date)s).",
                        vehicle=vehicle.display_name,
                        date=vehicle.sale_date,
                    )
                )
            if vehicle.production_date and (
                vehicle.production_date > (vehicle.sale_date or today)
            ):
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s: the production date (%(production)s) is after "
                        "the sale date or today.",
                        vehicle=vehicle.display_name,
                        production=vehicle.production_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "vin" in vals:
                vals["vin"] = normalize_vin(vals["vin"])
        if self._autocrm_is_dealer_user():
            own = set(self.env.user.company_ids.ids)
            for vals in vals_list:
                if "dealer_ids" in vals:
                    dealers = set(
                        self.new({"dealer_ids": vals["dealer_ids"]}).dealer_ids.ids
                    )
                    if not dealers <= own:
                        raise AccessError(self._autocrm_dealers_message())
        return super().create(vals_list)

    def write(self, vals):
        if "vin" in vals:
            vals["vin"] = normalize_vin(vals["vin"])
        if self._autocrm_is_dealer_user():
            self._autocrm_check_dealer_write(vals)
        return super().write(vals)

    # What a dealership that serves a vehicle it did not sell may change on it: its
    # own odometer readings (their own rules guard them) and the vehicle's chatter.
    SERVING_DEALER_FIELDS = {"odometer_reading_ids", "activity_ids"}

    def _autocrm_dealers_message(self):
        return self.env._(
            "The dealerships of a vehicle are not edited: a dealership is added when "
            "it sells, serves or finds the vehicle by its VIN, and the OEM removes one."
        )

    def _autocrm_check_dealer_write(self, vals):
        """A dealer's user writes on a vehicle only what its dealership owns: the
        vehicle's data when the dealership sold it (or is the only one to know a
        vehicle without a selling dealer), never the dealerships that see it."""
        if "dealer_ids" in vals:
            raise AccessError(self._autocrm_dealers_message())
        if (
            not vals.keys()
            - self.SERVING_DEALER_FIELDS
            - {name for name in vals if name.startswith("message_")}
        ):
            return
        if foreign := self - self._autocrm_home_vehicles():
            raise AccessError(
                self.env._(
                    "%(vehicle)s was sold by another dealership: only it (or the "
                    "OEM) changes the vehicle's data. Record your readings and "
                    "visits; report a wrong VIN, owner or date to the OEM.",
                    vehicle=foreign[:1].display_name,
                )
            )

    def _autocrm_home_vehicles(self):
        """The vehicles of ``self`` whose data the current user's dealership owns:
        it sold them, or no dealership sold them and no other one knows them."""
        own = self.env.user.company_ids
        return self.filtered(
            lambda v: v.sudo().selling_dealer_id in own
            if v.sudo().selling_dealer_id
            else not v.sudo().dealer_ids - own
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_only_the_dealerships(self):
        """A dealer's user deletes only vehicles no other dealership serves."""
        if self._autocrm_is_dealer_user():
            own = self.env.user.company_ids
            if any(vehicle.sudo().dealer_ids - own for vehicle in self):
                raise AccessError(
                    self.env._(
                        "Other dealerships serve this vehicle: it cannot be deleted. "
                        "Archive it, or ask the OEM."
                    )
                )

    @api.model
    def _autocrm_not_yours_message(self):
        return self.env._(
            "the vehicle is not known at %(dealer)s yet: find it by its VIN first",
            dealer=self.env.company.name,
        )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_autocrm_can_edit(self):
        if not self._autocrm_is_dealer_user():
            self.autocrm_can_edit = True
            return
        home = self._autocrm_home_vehicles()
        for vehicle in self:
            # a new vehicle is the dealership's own
            vehicle.autocrm_can_edit = not vehicle._origin or vehicle in home

    @api.depends("vin", "license_plate", "model_id")
    def _compute_display_name(self):
        for vehicle in self:
            label = vehicle.license_plate or vehicle.vin
            model = vehicle.model_id.name
            vehicle.display_name = f"{label} ({model})" if model else label

    @api.model
    def lookup_by_vin(self, vin):
        """Find the vehicle with exactly this VIN and add the current dealership to
        the dealerships that see it; an empty recordset when none exists.

        This is the deliberate way for any dealer to serve any brand customer: an
        unknown car arrives, the advisor types its full VIN. Only an exact match of a
        whole VIN is looked up, as superuser, so no partial search over the archive
        leaks other dealers' vehicles.
        """
        if not isinstance(vin, str):
            return self.browse()
        vin = normalize_vin(vin)
        if vin_problem(self.env, vin):
            return self.browse()
        vehicle = (
            self.sudo()
            .with_context(active_test=False)
            .search([("vin", "=", vin)], limit=1)
        )
        company = self.env.company
        if vehicle and company not in vehicle.dealer_ids:
            vehicle.write({"dealer_ids": [fields.Command.link(company.id)]})
            vehicle.message_post(
                body=self.env._(
                    "Looked up by VIN at %(dealer)s by %(user)s.",
                    dealer=company.name,
                    user=self.env.user.name,
                )
            )
        return self.browse(vehicle.id)
