from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .company_day import company_day_domain


class AutocrmVehicle(models.Model):
    """Warranty coverage of a vehicle.

    ``warranty_end_date`` and the first-maintenance due date and km are stored: they
    change only with the sale date, the model or its policy (a policy change
    recomputes its vehicles). ``warranty_state`` by time depends on today, so it is
    not stored: it is computed on read and searched through ``_search_warranty_state``,
    which turns the filter into a domain on the stored end date and km.

    "Today" is the dealership's day: the day, in its company's time zone, of the
    vehicle's selling dealer; for a vehicle without one, of the user's current
    company. A warranty is valid through its end date, to the last minute of that
    day there, whoever looks (an OEM user in another time zone, a cron in UTC).
    """

    _inherit = "autocrm.vehicle"

    warranty_end_date = fields.Date(
        compute="_compute_warranty_dates",
        store=True,
        index=True,
        help="The sale date plus the warranty's months (the policy of the model, or "
        "the default).",
    )
    warranty_km = fields.Integer(
        string="Warranty up to (km)", compute="_compute_warranty_dates", store=True
    )
    warranty_state = fields.Selection(
        [
            ("active", "Active"),
            ("expired_time", "Expired (Time)"),
            ("expired_km", "Expired (Mileage)"),
        ],
        compute="_compute_warranty_state",
        search="_search_warranty_state",
        help="Whichever comes first: the end date or the warranty's mileage.",
    )
    warranty_km_left = fields.Integer(
        string="Warranty km Left", compute="_compute_warranty_state"
    )
    first_service_due_date = fields.Date(
        string="First Maintenance Due by",
        compute="_compute_warranty_dates",
        store=True,
        index=True,
        help="The free first maintenance is due by this day or its maximum km, "
        "whichever comes first.",
    )
    first_service_km_min = fields.Integer(
        string="First Maintenance Recommended from (km)",
        compute="_compute_warranty_dates",
        store=True,
        help="The recommended earliest mileage of the first maintenance, not a "
        "condition.",
    )
    first_service_km_max = fields.Integer(
        string="First Maintenance up to (km)",
        compute="_compute_warranty_dates",
        store=True,
        help="The first maintenance is free up to this mileage or its due date, "
        "whichever comes first.",
    )
    warranty_km_exceeded = fields.Boolean(
        compute="_compute_warranty_km_exceeded",
        store=True,
        help="The odometer is beyond the warranty's mileage.",
    )
    first_service_done = fields.Boolean(
        string="First Maintenance Done",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Set when a dealership closes the first-maintenance repair order.",
    )
    first_service_repair_id = fields.Many2one(
        "repair.order", string="First Maintenance Visit", readonly=True, copy=False
    )
    first_service_form_number = fields.Char(
        related="first_service_repair_id.first_service_form_number",
        string="First Maintenance Form",
    )
    warranty_claim_ids = fields.One2many(
        "autocrm.warranty.claim", "vehicle_id", string="Warranty Claims"
    )
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")

    @api.depends("sale_date", "model_id")
    def _compute_warranty_dates(self):
        policies = (
            self.env["autocrm.warranty.policy"].sudo()._get_for_models(self.model_id)
        )
        for vehicle in self:
            policy = policies.get(vehicle.model_id.id)
            vehicle.warranty_end_date = vehicle._warranty_end_date(policy)
            vehicle.warranty_km = policy.warranty_km if policy else 0
            vehicle.first_service_due_date = (
                vehicle.sale_date + relativedelta(months=policy.first_service_months)
                if policy and vehicle.sale_date
                else False
            )
            vehicle.first_service_km_min = policy.first_service_km_min if policy else 0
            vehicle.first_service_km_max = policy.first_service_km_max if policy else 0

    @api.depends("warranty_end_date", "warranty_km", "odometer", "selling_dealer_id")
    @api.depends_context("company")
    def _compute_warranty_state(self):
        days = {}
        for vehicle in self:
            vehicle.warranty_km_left = max(vehicle.warranty_km - vehicle.odometer, 0)
            if not vehicle.warranty_end_date:
                vehicle.warranty_state = False
            elif vehicle.warranty_end_date < vehicle._warranty_today(days):
                vehicle.warranty_state = "expired_time"
            elif vehicle.odometer > vehicle.warranty_km:
                vehicle.warranty_state = "expired_km"
            else:
                vehicle.warranty_state = "active"

    def _warranty_today(self, days=None):
        """Today at the vehicle's selling dealer, or at the user's current company
        for a vehicle without one; ``days`` caches it per company."""
        self.ensure_one()
        # as superuser: only the dealership's time zone is read
        company = self.sudo().selling_dealer_id or self.env.company.sudo()
        if days is None:
            return company._autocrm_today()
        if company not in days:
            days[company] = company._autocrm_today()
        return days[company]

    @api.depends("warranty_km", "odometer")
    def _compute_warranty_km_exceeded(self):
        for vehicle in self:
            vehicle.warranty_km_exceeded = bool(
                vehicle.warranty_km and vehicle.odometer > vehicle.warranty_km
            )

    def _search_warranty_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the warranty state."))
        values = [value] if isinstance(value, str) or not value else list(value)

        def end_date(operator):
            # the end date against the day of the selling dealer (see the class)
            return company_day_domain(
                self.env,
                "selling_dealer_id",
                "warranty_end_date",
                operator,
                default_company=self.env.company,
            )

        domains = {
            "active": lambda: expression.AND(
                [end_date(">="), [("warranty_km_exceeded", "=", False)]]
            ),
            "expired_time": lambda: end_date("<"),
            "expired_km": lambda: expression.AND(
                [end_date(">="), [("warranty_km_exceeded", "=", True)]]
            ),
            False: lambda: [("warranty_end_date", "=", False)],
        }
        domain = expression.OR(
            domains[key or False]() if (key or False) in domains else [("id", "=", 0)]
            for key in values
        )
        if operator in ("!=", "not in"):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain

    def _compute_warranty_claim_count(self):
        counts = dict(
            self.env["autocrm.warranty.claim"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.warranty_claim_count = counts.get(vehicle, 0)

    def _warranty_end_date(self, policy):
        self.ensure_one()
        if not (policy and self.sale_date):
            return False
        return self.sale_date + relativedelta(months=policy.warranty_months)

    def action_view_warranty_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_warranty.autocrm_warranty_claim_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id}
        return action
