from odoo import api, fields, models

from .autocrm_warranty_claim_line import check_computed_vals

# no warranty repair takes more hours than this on one operation
MAX_HOURS = 100


class AutocrmWarrantyClaimLabour(models.Model):
    _name = "autocrm.warranty.claim.labour"
    _description = "Warranty Claim Labour Line"
    _inherit = ["autocrm.warranty.claim.line"]
    _order = "claim_id, sequence, id"
    _autocrm_ranges = {"hours": (0, MAX_HOURS), "rate": (0, None)}
    _list_price_field = "rate"
    _list_price_depends = frozenset({"claim_id"})

    claim_id = fields.Many2one(
        "autocrm.warranty.claim", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    operation_id = fields.Many2one(
        "autocrm.labour.operation", string="Labour Operation", required=True
    )
    operation_code = fields.Char(
        related="operation_id.code", store=True, string="Operation Code"
    )
    name = fields.Char(string="Description")
    flat_rate_hours = fields.Float(
        string="Flat-Rate Hours",
        compute="_compute_flat_rate_hours",
        store=True,
        digits=(16, 2),
    )
    hours = fields.Float(
        compute="_compute_hours",
        store=True,
        readonly=False,
        digits=(16, 2),
        help="The hours worked; more than the flat rate flags the claim.",
    )
    rate = fields.Monetary(
        string="Hourly Rate",
        compute="_compute_rate",
        store=True,
        readonly=False,
        help="The OEM's warranty labour rate for the dealership's grade.",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    company_id = fields.Many2one(
        related="claim_id.company_id", store=True, index=True, string="Dealership"
    )

    @api.depends("operation_id")
    def _compute_flat_rate_hours(self):
        for line in self:
            line.flat_rate_hours = line.operation_id.flat_rate_hours

    @api.depends("operation_id")
    def _compute_hours(self):
        for line in self:
            line.hours = line.operation_id.flat_rate_hours

    @api.depends("claim_id.company_id")
    def _compute_rate(self):
        Rate = self.env["autocrm.warranty.labour.rate"]
        for line in self:
            line.rate = Rate._rate_for(line.claim_id.company_id)

    @api.depends("hours", "rate")
    def _compute_amount(self):
        for line in self:
            line.amount = line.hours * line.rate

    def _list_price(self, vals):
        company = self._list_price_claim(vals).company_id
        return self.env["autocrm.warranty.labour.rate"]._rate_for(company)

    def _list_price_line_name(self, vals):
        operation = (
            self.env["autocrm.labour.operation"].browse(vals["operation_id"])
            if vals.get("operation_id")
            else self.operation_id
        )
        return self.env._("labour %(operation)s", operation=operation.display_name)

    @api.onchange("operation_id")
    def _onchange_operation_id(self):
        if self.operation_id:
            self.name = self.operation_id.name
            self.hours = self.operation_id.flat_rate_hours

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_computed_vals(self, vals)
        self.env["autocrm.warranty.claim"].browse(
            {vals.get("claim_id") for vals in vals_list} - {False, None}
        )._check_amounts_editable()
        return super().create(vals_list)

    def write(self, vals):
        check_computed_vals(self, vals)
        # the claim the lines are on, and the one they would move to
        (self.claim_id | self._list_price_claim(vals))._check_amounts_editable()
        return super().write(vals)

    def unlink(self):
        self.claim_id._check_amounts_editable()
        return super().unlink()
