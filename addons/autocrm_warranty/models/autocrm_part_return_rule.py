from odoo import api, fields, models
from odoo.exceptions import AccessError

from .autocrm_warranty_claim import CLAIM_TYPES, OEM_USER_GROUP

RETURN_POLICIES = [
    ("return", "Return to the OEM"),
    ("scrap", "Scrap at the Dealer"),
    ("none", "No Return"),
]


def check_return_policy_editor(env):
    """Refuse whoever is neither the OEM nor the superuser a part's return
    policy."""
    if not (env.su or env.user.has_group(OEM_USER_GROUP)):
        raise AccessError(
            env._(
                "Which parts go back to the OEM is the OEM's rule: only its users "
                "set a part's return policy."
            )
        )


class AutocrmPartReturnRule(models.Model):
    """What becomes of one part replaced under one type of claim, when the OEM wants
    otherwise than the part's own return policy (e.g. a part scrapped at the
    dealership after a recall, returned after a warranty repair)."""

    _name = "autocrm.part.return.rule"
    _description = "Used-Part Return Rule per Claim Type"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "product_tmpl_id, claim_type"

    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Part",
        required=True,
        index=True,
        ondelete="cascade",
    )
    claim_type = fields.Selection(CLAIM_TYPES, required=True)
    return_policy = fields.Selection(RETURN_POLICIES, required=True)

    _sql_constraints = [
        (
            "product_claim_type_uniq",
            "unique(product_tmpl_id, claim_type)",
            "A part has one return rule per claim type.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_oem_rule_editor()
        return super().create(vals_list)

    def write(self, vals):
        self._check_oem_rule_editor()
        return super().write(vals)

    def unlink(self):
        self._check_oem_rule_editor()
        return super().unlink()

    def _check_oem_rule_editor(self):
        check_return_policy_editor(self.env)
