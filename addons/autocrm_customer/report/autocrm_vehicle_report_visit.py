from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.selection import selection_of


class AutocrmVehicleReportVisit(models.Model):
    """One row per workshop visit (a done repair order of a vehicle): visits and
    revenue per vehicle and year, model, dealership and vehicle age. A row belongs
    to the dealership of the visit and names no personal data beyond the customer
    it served."""

    _name = "autocrm.vehicle.report.visit"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Workshop Visit Analysis"
    _auto = False
    _rec_name = "repair_id"
    _order = "visit_date desc, id desc"

    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    visit_date = fields.Date(readonly=True)
    visit_type = fields.Selection(
        selection_of("repair.order", "visit_type"), readonly=True
    )
    vehicle_id = fields.Many2one("autocrm.vehicle", string="Vehicle", readonly=True)
    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    vehicle_age = fields.Integer(
        string="Vehicle Age (years)",
        readonly=True,
        aggregator="avg",
        help="Whole years from the vehicle's sale to the visit.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    dealer_grade = fields.Selection(
        selection_of("res.company", "dealer_grade"), readonly=True
    )
    dealer_region = fields.Selection(
        selection_of("res.company", "dealer_region"), string="Region", readonly=True
    )
    visit_count = fields.Integer(string="Visits", readonly=True)
    revenue = fields.Monetary(
        readonly=True, help="Untaxed, of the confirmed quotation."
    )
    currency_id = fields.Many2one("res.currency", readonly=True)

    @api.model
    def _select(self):
        return SQL(
            """
            repair.id,
            repair.id AS repair_id,
            repair.visit_date,
            repair.visit_type,
            repair.vehicle_id,
            vehicle.model_id,
            extract(year FROM age(repair.visit_date, vehicle.sale_date))
                ::integer AS vehicle_age,
            repair.partner_id,
            repair.company_id,
            dealer.dealer_grade,
            dealer.dealer_region,
            1 AS visit_count,
            coalesce(repair.autocrm_revenue, 0) AS revenue,
            dealer.currency_id
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            repair_order repair
            JOIN autocrm_vehicle vehicle ON vehicle.id = repair.vehicle_id
            JOIN res_company dealer ON dealer.id = repair.company_id
            """
        )

    @api.model
    def _where(self):
        return SQL("repair.state = 'done'")
