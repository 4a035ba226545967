from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.autocrm_customer.models.autocrm_odometer_reading import (
    MAX_ODOMETER_KM,
)


class AutocrmWarrantyPolicy(models.Model):
    _name = "autocrm.warranty.policy"
    _description = "Warranty Policy"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "model_id nulls first, id"
    _autocrm_ranges = {
        "warranty_months": (1, 240),
        "warranty_km": (1, MAX_ODOMETER_KM),
        "first_service_months": (1, 120),
        "first_service_km_min": (0, MAX_ODOMETER_KM),
        "first_service_km_max": (0, MAX_ODOMETER_KM),
        "claim_deadline_days": (0, 3650),
    }

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one(
        "product.product",
        string="Vehicle Model",
        domain=[("autocrm_is_vehicle_model", "=", True)],
        ondelete="cascade",
        help="Leave empty for the company-wide default that applies to every model "
        "without a policy of its own.",
    )
    warranty_months = fields.Integer(default=36, required=True)
    warranty_km = fields.Integer(string="Warranty (km)", default=100000, required=True)
    first_service_months = fields.Integer(
        string="First Maintenance within (months)",
        default=6,
        required=True,
        help="The free first maintenance is due within these months of the sale or "
        "up to its maximum km, whichever comes first.",
    )
    first_service_km_min = fields.Integer(
        string="First Maintenance Recommended from (km)",
        default=3000,
        required=True,
        help="The mileage from which the first maintenance is recommended; an owner "
        "who drove less is still served free within the months.",
    )
    first_service_km_max = fields.Integer(
        string="First Maintenance up to (km)",
        default=5000,
        required=True,
        help="Past this mileage, or past the months since the sale, whichever comes "
        "first, the first maintenance is no longer free.",
    )
    claim_deadline_days = fields.Integer(
        string="Claim Deadline (days)",
        default=10,
        required=True,
        help="Days after the repair within which the dealer must submit its claim.",
    )

    _sql_constraints = [
        (
            "model_uniq",
            "unique(model_id)",
            "This vehicle model already has a warranty policy: edit that one.",
        ),
        (
            "positive_terms",
            "CHECK(warranty_months > 0 AND warranty_km > 0 "
            "AND first_service_months > 0 "
            "AND first_service_km_min >= 0 AND claim_deadline_days >= 0)",
            "Warranty and first-maintenance terms must be positive.",
        ),
    ]

    @api.constrains("model_id", "active")
    def _check_single_default(self):
        defaults = self.search_count([("model_id", "=", False)])
        if defaults > 1:
            raise ValidationError(
                self.env._(
                    "There is already a default warranty policy: archive it or choose "
                    "a vehicle model for this one."
                )
            )

    @api.constrains("first_service_km_min", "first_service_km_max")
    def _check_first_service_km(self):
        for policy in self:
            if policy.first_service_km_min > policy.first_service_km_max:
                raise ValidationError(
                    self.env._(
                        "Policy %(name)s: the first maintenance cannot be recommended "
                        "from %(min)s km and end at %(max)s km.",
                        name=policy.name,
                        min=policy.first_service_km_min,
                        max=policy.first_service_km_max,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        policies._recompute_vehicle_terms()
        return policies

    def write(self, vals):
        res = super().write(vals)
        self._recompute_vehicle_terms()
        return res

    def _recompute_vehicle_terms(self):
        """The vehicles' stored warranty end date and first-maintenance terms follow
        their policy: recompute those of the models concerned (all of them when the
        default changes)."""
        # as superuser: every vehicle of the model follows the OEM's policy, whoever
        # edits it
        Vehicle = self.env["autocrm.vehicle"].sudo().with_context(active_test=False)
        domain = (
            []
            if any(not policy.model_id for policy in self)
            else [("model_id", "in", self.model_id.ids)]
        )
        vehicles = Vehicle.search(domain)
        for fname in (
            "warranty_end_date",
            "warranty_km",
            "first_service_due_date",
            "first_service_km_min",
            "first_service_km_max",
        ):
            self.env.add_to_compute(Vehicle._fields[fname], vehicles)

    @api.model
    def _get_for_models(self, models):
        """Return {vehicle model id: policy}: each model's own, else the default."""
        policies = self.search(
            ["|", ("model_id", "in", models.ids), ("model_id", "=", False)]
        )
        default = policies.filtered(lambda p: not p.model_id)[:1]
        own = {p.model_id.id: p for p in policies if p.model_id}
        return {model.id: own.get(model.id, default) for model in models}
