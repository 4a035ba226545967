from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AutocrmWarrantySettlement(models.Model):
    _name = "autocrm.warranty.settlement"
    _description = "Warranty Settlement"
    _inherit = ["mail.thread", "autocrm.dealer.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        domain=[("autocrm_role", "=", "dealer")],
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    claim_ids = fields.One2many(
        "autocrm.warranty.claim", "settlement_id", string="Paid Claims", readonly=True
    )
    claim_count = fields.Integer(compute="_compute_totals", store=True)
    amount_total = fields.Monetary(
        string="Total Owed",
        compute="_compute_totals",
        store=True,
        help="The approved amounts of the claims paid in the period.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("claim_ids.amount_approved")
    def _compute_totals(self):
        for settlement in self:
            settlement.claim_count = len(settlement.claim_ids)
            settlement.amount_total = sum(
                settlement.claim_ids.mapped("amount_approved")
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for settlement in self:
            if settlement.date_from > settlement.date_to:
                raise ValidationError(
                    self.env._("A settlement period must end after it starts.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "autocrm.warranty.settlement"
                ) or self.env._("New")
        return super().create(vals_list)

    def action_load_claims(self):
        """Attach the dealership's claims paid in the period and not yet settled."""
        for settlement in self:
            if settlement.state != "draft":
                raise UserError(
                    self.env._(
                        "Settlement %(name)s is confirmed: its claims are fixed.",
                        name=settlement.name,
                    )
                )
            claims = self.env["autocrm.warranty.claim"].search(
                [
                    ("company_id", "=", settlement.company_id.id),
                    ("state", "=", "paid"),
                    ("paid_date", ">=", settlement.date_from),
                    ("paid_date", "<=", settlement.date_to),
                    ("settlement_id", "=", False),
                ]
            )
            claims.write({"settlement_id": settlement.id})
        return True

    def action_confirm(self):
        for settlement in self:
            if not settlement.claim_ids:
                raise UserError(
                    self.env._(
                        "Settlement %(name)s has no paid claims: load them first.",
                        name=settlement.name,
                    )
                )
        self.write({"state": "done"})
        return True

    def action_reset(self):
        self.write({"state": "draft"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(settlement.state == "done" for settlement in self):
            raise UserError(
                self.env._("A confirmed settlement cannot be deleted: reset it first.")
            )
