from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    autocrm_is_vehicle_model = fields.Boolean(
        string="Is a Vehicle Model",
        index=True,
        help="A model of the OEM's range (e.g. a sedan or an SUV), used on vehicles.",
    )
    autocrm_service_interval_km = fields.Integer(
        string="Service Interval (km)",
        default=10000,
        help="Distance between two regular services of this model.",
    )
    autocrm_service_interval_months = fields.Integer(
        string="Service Interval (months)",
        default=12,
        help="Time between two regular services, whichever of distance or time comes "
        "first.",
    )
