from odoo import api, fields, models
from odoo.exceptions import AccessError

from .autocrm_warranty_claim_line import check_computed_vals

INSPECTION_RESULTS = [
    ("defect_confirmed", "Defect Confirmed"),
    ("no_defect", "No Defect Found"),
    ("not_received", "Not Received"),
    ("wrong_part", "Wrong Part"),
]
# written by the OEM's used-part desk and its charge-back job, never by the dealer
OEM_FIELDS = {"inspection_result", "charged_back", "charged_back_date"}
# no claim replaces more of one part than this
MAX_QUANTITY = 1000


class AutocrmWarrantyClaimPart(models.Model):
    _name = "autocrm.warranty.claim.part"
    _description = "Warranty Claim Part Line"
    _inherit = ["autocrm.warranty.claim.line"]
    _order = "claim_id, sequence, id"
    _rec_names_search = ["claim_id.name", "product_id.default_code", "product_id.name"]
    _autocrm_ranges = {"quantity": (0, MAX_QUANTITY), "unit_price": (0, None)}
    _list_price_field = "unit_price"
    _list_price_depends = frozenset({"product_id", "quantity"})

    claim_id = fields.Many2one(
        "autocrm.warranty.claim", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        domain=[("type", "=", "consu")],
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    unit_price = fields.Monetary(
        compute="_compute_unit_price",
        store=True,
        readonly=False,
        help="From the OEM's warranty price list.",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    return_required = fields.Boolean(
        help="The replaced part must go back to the OEM's used-part desk; the claim "
        "is approved only once it is inspected as defect-confirmed.",
    )
    inspection_result = fields.Selection(
        INSPECTION_RESULTS,
        copy=False,
        readonly=True,
        help="Set by the OEM's used-part desk when the returned part is inspected.",
    )
    charged_back = fields.Boolean(
        copy=False,
        readonly=True,
        help="The part was not returned in time: its amount is withdrawn from the "
        "claim.",
    )
    charged_back_date = fields.Date(copy=False, readonly=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    company_id = fields.Many2one(
        related="claim_id.company_id", store=True, index=True, string="Dealership"
    )
    vehicle_id = fields.Many2one(
        related="claim_id.vehicle_id", store=True, index=True, string="Vehicle"
    )

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "A part line needs a positive quantity.",
        ),
    ]

    @api.depends("claim_id.name", "product_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.claim_id.name} · {line.product_id.display_name}"
                if line.claim_id.name
                else line.product_id.display_name
            )

    @api.depends("product_id", "quantity")
    def _compute_unit_price(self):
        for line in self:
            line.unit_price = line._oem_price()

    @api.depends("quantity", "unit_price", "charged_back")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.unit_price

    def _oem_price(self):
        """The part's price on the OEM's warranty price list (its sales price when
        the list has no rule for it)."""
        self.ensure_one()
        return self._oem_list_price(self.product_id, self.quantity)

    @api.model
    def _oem_list_price(self, product, quantity):
        """The price of ``quantity`` of ``product`` on the OEM's warranty price
        list (its sales price when the list has no rule for it)."""
        if not product:
            return 0.0
        # as superuser: the price list is the OEM's; only this part's price is read
        pricelist = self.env.ref(
            "autocrm_warranty.pricelist_oem_warranty", raise_if_not_found=False
        )
        if not pricelist:
            return product.sudo().lst_price
        return pricelist.sudo()._get_product_price(product, quantity or 1.0)

    def _list_price(self, vals):
        product = (
            self.env["product.product"].browse(vals["product_id"])
            if "product_id" in vals
            else self.product_id
        )
        quantity = vals["quantity"] if "quantity" in vals else self.quantity
        return self._oem_list_price(product, quantity)

    def _list_price_line_name(self, vals):
        product = (
            self.env["product.product"].browse(vals["product_id"])
            if "product_id" in vals
            else self.product_id
        )
        return self.env._("part %(part)s", part=product.display_name)

    def _check_oem_fields(self, vals):
        if OEM_FIELDS & vals.keys() and not (
            self.env.su or self.env.user.has_group("autocrm_customer.group_oem_user")
        ):
            raise AccessError(
                self.env._(
                    "Only the OEM records the inspection of a returned part or charges "
                    "it back."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_computed_vals(self, vals)
            self._check_oem_fields(vals)
        self.env["autocrm.warranty.claim"].browse(
            {vals.get("claim_id") for vals in vals_list} - {False, None}
        )._check_amounts_editable()
        return super().create(vals_list)

    def write(self, vals):
        check_computed_vals(self, vals)
        self._check_oem_fields(vals)
        if vals.keys() - OEM_FIELDS:
            # the claim the lines are on, and the one they would move to
            (self.claim_id | self._list_price_claim(vals))._check_amounts_editable()
        return super().write(vals)

    def unlink(self):
        self.claim_id._check_amounts_editable()
        return super().unlink()
