from odoo import api, fields, models
from odoo.tools import SQL


class AutocrmWarrantyReportFleet(models.Model):
    """The vehicles sold per model, the base of the failure rates: the failure
    analyses read it to weigh their rates at every level of a pivot (a model's
    vehicles counted once, however many causal parts, fault codes or production
    months of it are grouped together)."""

    _name = "autocrm.warranty.report.fleet"
    _inherit = ["autocrm.warranty.report.quality"]
    _description = "Vehicles Sold per Model"
    _auto = False
    _rec_name = "model_id"
    _order = "model_id"

    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    vehicle_count = fields.Integer(string="Vehicles Sold", readonly=True)

    @api.model
    def _select(self):
        return SQL("fleet.model_id AS id, fleet.model_id, fleet.vehicle_count")

    @api.model
    def _from(self):
        return SQL("(%s) fleet", self._fleet_query())

    @api.model
    def _where(self):
        return SQL("fleet.model_id IS NOT NULL")
