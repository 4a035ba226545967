from odoo import api, fields, models

from .autocrm_part_return_rule import RETURN_POLICIES, check_return_policy_editor

# the product fields that say what becomes of a part replaced under warranty
RETURN_POLICY_FIELDS = {"autocrm_return_policy", "autocrm_return_rule_ids"}


class ProductTemplate(models.Model):
    """The OEM's used-part rule on each part: a warranty claim's part line takes it,
    and only the OEM's users change it."""

    _inherit = "product.template"

    autocrm_return_policy = fields.Selection(
        RETURN_POLICIES,
        string="Used-Part Return Policy",
        default="return",
        required=True,
        help="What the dealership does with this part once replaced under a "
        "warranty, recall or goodwill claim: return it to the OEM's used-part desk "
        "(the claim is approved once the OEM has inspected it), scrap it at the "
        "dealership with a photo as evidence, or keep nothing. A first maintenance "
        "replaces no failed part: nothing comes back unless a rule per claim type "
        "says so. Set by the OEM.",
    )
    autocrm_return_rule_ids = fields.One2many(
        "autocrm.part.return.rule",
        "product_tmpl_id",
        string="Return Policy per Claim Type",
        help="Where one type of claim needs another policy than the part's own.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a new part takes the default rule; another one is the OEM's to give
            if (
                vals.get("autocrm_return_rule_ids")
                or vals.get("autocrm_return_policy", "return") != "return"
            ):
                self._check_return_policy_editor()
        return super().create(vals_list)

    def write(self, vals):
        if "autocrm_return_rule_ids" in vals or any(
            template.autocrm_return_policy != vals["autocrm_return_policy"]
            for template in self
            if "autocrm_return_policy" in vals
        ):
            self._check_return_policy_editor()
        return super().write(vals)

    def _check_return_policy_editor(self):
        check_return_policy_editor(self.env)

    def _autocrm_return_policy_for(self, claim_type):
        """The return policy of this part replaced under a claim of
        ``claim_type``: its rule for that type, else its own policy (none for a
        first maintenance, which replaces no failed part)."""
        self.ensure_one()
        # as superuser: the OEM's rules are read for the claim line, whoever adds it
        rule = self.sudo().autocrm_return_rule_ids.filtered(
            lambda rule: rule.claim_type == claim_type
        )[:1]
        if rule:
            return rule.return_policy
        if claim_type == "first_maintenance":
            return "none"
        return self.sudo().autocrm_return_policy
