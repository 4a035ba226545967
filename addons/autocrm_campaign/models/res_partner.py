from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    autocrm_region = fields.Selection(
        related="company_id.dealer_region",
        string="Dealership Region",
        help="The region of the customer's dealership, to target customers by region.",
    )
