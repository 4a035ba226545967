from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .autocrm_odometer_reading import MAX_ODOMETER_KM


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "autocrm.dealer.mixin"]
    _autocrm_protect_computed = False  # Odoo's own fields
    _autocrm_ranges = {"odometer": (0, MAX_ODOMETER_KM)}

    vehicle_id = fields.Many2one(
        "autocrm.vehicle",
        string="Vehicle",
        index="btree_not_null",
        tracking=True,
    )
    visit_date = fields.Date(
        default=lambda self: self.env.company._autocrm_today(),
        index=True,
        help="Date the vehicle came in.",
    )
    visit_type = fields.Selection(
        [
            ("maintenance", "Maintenance"),
            ("first_maintenance", "First Maintenance"),
            ("repair", "Repair"),
            ("warranty", "Warranty"),
            ("recall", "Recall"),
            ("accident", "Accident"),
        ],
        default="maintenance",
        index=True,
        tracking=True,
    )
    odometer = fields.Integer(string="Odometer (km)", help="Reading at reception.")
    customer_words = fields.Text(
        string="Customer's Words", help="The customer's own words (客户原话)."
    )
    technician_findings = fields.Text(help="The technician's checks and measured data.")
    autocrm_revenue = fields.Monetary(
        string="Visit Revenue",
        compute="_compute_autocrm_revenue",
        store=True,
        currency_field="autocrm_currency_id",
        help="Untaxed amount of the visit's confirmed quotation; 0 without one.",
    )
    autocrm_currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("sale_order_id.state", "sale_order_id.amount_untaxed")
    def _compute_autocrm_revenue(self):
        for repair in self:
            order = repair.sale_order_id
            repair.autocrm_revenue = (
                order.amount_untaxed if order.state == "sale" else 0
            )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.partner_id:
            self.partner_id = self.vehicle_id.partner_id
        if self.vehicle_id and not self.odometer:
            self.odometer = self.vehicle_id.odometer

    @api.constrains("vehicle_id", "company_id")
    def _check_vehicle_dealer(self):
        self._autocrm_check_dealer_vehicle(oem=True)

    @api.constrains("visit_date", "vehicle_id")
    def _check_visit_after_sale(self):
        for repair in self.filtered(lambda r: r.visit_date and r.vehicle_id):
            sale_date = repair.vehicle_id.sudo().sale_date
            if sale_date and repair.visit_date < sale_date:
                raise ValidationError(
                    self.env._(
                        "A visit on %(visit)s comes before the vehicle's sale on "
                        "%(sale)s: check the visit date.",
                        visit=repair.visit_date,
                        sale=sale_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        repairs = super().create(vals_list)
        repairs._autocrm_record_odometer()
        return repairs

    def write(self, vals):
        res = super().write(vals)
        if "odometer" in vals or "vehicle_id" in vals:
            self._autocrm_record_odometer()
        return res

    def _autocrm_record_odometer(self):
        """Each visit's odometer becomes a reading of its vehicle (one per visit)."""
        Reading = self.env["autocrm.odometer.reading"]
        for repair in self.filtered(lambda r: r.vehicle_id and r.odometer):
            reading = Reading.search([("repair_id", "=", repair.id)], limit=1)
            vals = {
                "vehicle_id": repair.vehicle_id.id,
                "date": repair.visit_date or repair.company_id._autocrm_today(),
                "value": repair.odometer,
                "repair_id": repair.id,
                "company_id": repair.company_id.id,
            }
            if reading:
                reading.write(vals)
            else:
                Reading.create(vals)
