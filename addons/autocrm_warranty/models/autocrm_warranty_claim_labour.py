from odoo import api, fields, models


class AutocrmWarrantyClaimLabour(models.Model):
    _name = "autocrm.warranty.claim.labour"
    _description = "Warranty Claim Labour Line"
    _order = "claim_id, sequence, id"

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

    @api.onchange("operation_id")
    def _onchange_operation_id(self):
        if self.operation_id:
            self.name = self.operation_id.name
            self.hours = self.operation_id.flat_rate_hours

    @api.model_create_multi
    def create(self, vals_list):
        self.env["autocrm.warranty.claim"].browse(
            {vals.get("claim_id") for vals in vals_list} - {False, None}
        )._check_amounts_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.claim_id._check_amounts_editable()
        return super().write(vals)

    def unlink(self):
        self.claim_id._check_amounts_editable()
        return super().unlink()
