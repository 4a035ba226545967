from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.autocrm_customer.tools.selection import selection_label

from .autocrm_part_return_rule import RETURN_POLICIES
from .autocrm_warranty_claim_line import check_computed_vals

INSPECTION_RESULTS = [
    ("defect_confirmed", "Defect Confirmed"),
    ("no_defect", "No Defect Found"),
    ("not_received", "Not Received"),
    ("wrong_part", "Wrong Part"),
]
# written by the OEM's used-part desk and its charge-back job, never by the dealer
OEM_FIELDS = {"inspection_result", "charged_back", "charged_back_date"}
# what still changes on a submitted claim's line, while it is reviewed: what the
# OEM writes above, the reviewer's return policy and the dealer's scrap photo
REVIEW_FIELDS = OEM_FIELDS | {
    "return_policy",
    "return_policy_overridden",
    "scrap_photo",
}
# no claim replaces more of one part than this
MAX_QUANTITY = 1000


def _without_return_required(vals):
    return {name: value for name, value in vals.items() if name != "return_required"}


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
    return_policy = fields.Selection(
        RETURN_POLICIES,
        compute="_compute_return_policy",
        store=True,
        readonly=False,
        help="The OEM's rule for this part on this type of claim (the part's return "
        "policy): return it to the OEM's used-part desk, scrap it at the dealership "
        "with a photo as evidence, or keep nothing. Only the OEM's claims reviewers "
        "change it on one claim.",
    )
    return_policy_overridden = fields.Boolean(
        string="Return Set by the OEM",
        readonly=True,
        copy=False,
        help="The OEM's claims reviewer set this part's return policy on this claim "
        "instead of the part's rule.",
    )
    return_required = fields.Boolean(
        compute="_compute_return_required",
        store=True,
        help="The replaced part must go back to the OEM's used-part desk (its return "
        "policy); the claim is approved only once it is inspected as "
        "defect-confirmed.",
    )
    scrap_photo = fields.Image(
        max_width=1920,
        max_height=1920,
        copy=False,
        help="Photo of the part scrapped at the dealership: the evidence a part to "
        "scrap needs before the claim is submitted.",
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

    @api.depends("product_id", "claim_id.claim_type")
    def _compute_return_policy(self):
        for line in self:
            if line.return_policy_overridden:
                # the reviewer's decision for this claim stays
                continue
            line.return_policy = line._rule_return_policy()

    @api.depends("return_policy")
    def _compute_return_required(self):
        for line in self:
            line.return_required = line.return_policy == "return"

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

    # ------------------------------------------------------------------
    # Return policy: the OEM's rule
    # ------------------------------------------------------------------
    def _rule_return_policy(self, product=None, claim_type=None):
        """The OEM's rule for this line's part on its claim's type (or for
        ``product`` on a claim of ``claim_type``)."""
        product = product if product is not None else self.product_id
        if claim_type is None:
            claim_type = self.claim_id.claim_type
        if not product:
            return False
        return product.product_tmpl_id._autocrm_return_policy_for(claim_type)

    def _policy_label(self, policy):
        return selection_label(self, "return_policy", policy) or ""

    def _refuse_return_write(self, product, policy):
        raise AccessError(
            self.env._(
                "Which parts go back to the OEM is the OEM's rule: part %(part)s is "
                "“%(policy)s” (its return policy). Only the OEM's claims reviewers "
                "change a part's return policy on a claim.",
                part=product.display_name,
                policy=self._policy_label(policy),
            )
        )

    def _check_return_vals(self, vals, policy, product):
        """Check what ``vals`` write of the return (for one line, or one to
        create): ``policy`` is the one the line has or would have without them.
        ``return_required`` follows the policy: the value it has is dropped,
        another one refused; another policy is refused to whoever is no claims
        reviewer. Return whether ``vals`` set another policy than the rule's."""
        if "return_required" in vals:
            wanted = vals.get("return_policy", policy)
            if bool(vals["return_required"]) != (wanted == "return"):
                if self.env["autocrm.warranty.claim"]._is_reviewer():
                    raise AccessError(
                        self.env._(
                            "Whether part %(part)s goes back to the OEM follows its "
                            "return policy: set the policy instead.",
                            part=product.display_name,
                        )
                    )
                self._refuse_return_write(product, policy)
        if "return_policy" not in vals or vals["return_policy"] == policy:
            return False
        if not self.env["autocrm.warranty.claim"]._is_reviewer():
            self._refuse_return_write(product, policy)
        return True

    def _post_return_overrides(self, changes):
        """Post each return policy a reviewer set in its claim's chatter: who, old →
        new, and the rule's. ``changes``: [(line, old policy)]."""
        for line, old in changes:
            line.claim_id.message_post(
                body=self.env._(
                    "Return of part %(part)s set by %(user)s: %(old)s → %(new)s (the "
                    "part's rule: %(rule)s).",
                    part=line.product_id.display_name,
                    user=self.env.user.name,
                    old=self._policy_label(old),
                    new=self._policy_label(line.return_policy),
                    rule=self._policy_label(line._rule_return_policy()),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _check_return_mark_vals(self, vals):
        if "return_policy_overridden" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "A part's return is marked as set by the OEM when its claims "
                    "reviewer sets it; the mark cannot be written."
                )
            )

    def _apply_return_rules(self):
        """Give the lines whose return the reviewer did not set the OEM's current
        rule (it may have changed since they were written)."""
        for line in self.filtered(lambda line: not line.return_policy_overridden):
            rule = line._rule_return_policy()
            if line.return_policy != rule:
                # as superuser: the OEM's rule, written for it
                line.sudo().return_policy = rule

    def _scrap_photo_missing(self):
        return self.filtered(
            lambda line: line.return_policy == "scrap"
            and not line.charged_back
            and not line.scrap_photo
        )

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
        Claim = self.env["autocrm.warranty.claim"]
        overridden = []
        for index, vals in enumerate(vals_list):
            self._check_return_mark_vals(vals)
            if vals.keys() & {"return_policy", "return_required"}:
                # numbers, links and choices first: the rule is looked up with them
                # (return_required, which follows the rule, is checked against it)
                self._autocrm_check_values(_without_return_required(vals))
                product = self.env["product.product"].browse(vals.get("product_id"))
                claim = Claim.browse(vals.get("claim_id"))
                rule = self._rule_return_policy(product, claim.claim_type)
                if self._check_return_vals(vals, rule, product):
                    vals["return_policy_overridden"] = True
                    overridden.append(index)
                vals.pop("return_required", None)
            check_computed_vals(self, vals)
            self._check_oem_fields(vals)
        Claim.browse(
            {vals.get("claim_id") for vals in vals_list} - {False, None}
        )._check_amounts_editable()
        lines = super().create(vals_list)
        if not self.env.su:
            self._post_return_overrides(
                [(lines[i], lines[i]._rule_return_policy()) for i in overridden]
            )
        return lines

    def write(self, vals):
        self._check_return_mark_vals(vals)
        changes = []
        if vals.keys() & {"return_policy", "return_required"}:
            self._autocrm_check_values(_without_return_required(vals))
            product = (
                self.env["product.product"].browse(vals["product_id"])
                if "product_id" in vals
                else None
            )
            for line in self:
                part = product if product is not None else line.product_id
                policy = (
                    line._rule_return_policy(product)
                    if product is not None
                    else line.return_policy
                )
                if line._check_return_vals(vals, policy, part) and not self.env.su:
                    changes.append((line, line.return_policy))
            vals = dict(vals)
            vals.pop("return_required", None)
        check_computed_vals(self, vals)
        self._check_oem_fields(vals)
        if vals.keys() - REVIEW_FIELDS:
            # the claim the lines are on, and the one they would move to
            (self.claim_id | self._list_price_claim(vals))._check_amounts_editable()
        if vals.keys() & {"return_policy", "scrap_photo"}:
            self.claim_id._check_return_editable()
        if "product_id" in vals and "return_policy" not in vals:
            # another part: its rule applies again
            vals = dict(vals, return_policy_overridden=False)
        res = super().write(vals)
        if "return_policy" in vals:
            # as superuser: the mark follows from the checks above, nobody writes it
            for mark in (True, False):
                self.filtered(
                    lambda line, mark=mark: line.return_policy_overridden != mark
                    and (line.return_policy != line._rule_return_policy()) == mark
                ).sudo().write({"return_policy_overridden": mark})
            self._post_return_overrides(changes)
        return res

    def unlink(self):
        self.claim_id._check_amounts_editable()
        return super().unlink()
