from odoo import _, api, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo shows company-less partners to every company: a customer entered by a
        # dealership belongs to it (DESIGN.md, Security).
        if self._autocrm_is_dealer_user():
            for vals in vals_list:
                vals.setdefault("company_id", self.env.company.id)
        return super().create(vals_list)

    def write(self, vals):
        if (
            "company_id" in vals
            and not vals["company_id"]
            and self._autocrm_is_dealer_user()
        ):
            raise UserError(
                _(
                    "A customer must belong to a dealership: without one, every other "
                    "dealership would see it. Keep the company set."
                )
            )
        return super().write(vals)

    def _autocrm_is_dealer_user(self):
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("autocrm_customer.group_dealer_user")
            and not user.has_group("autocrm_customer.group_oem_user")
        )
