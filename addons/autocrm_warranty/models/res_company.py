from odoo import api, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """One network, one OEM: every used part, call-back and claim review goes to
    the company with the OEM role (the role is autocrm_customer's)."""

    _inherit = "res.company"

    @api.constrains("autocrm_role")
    def _check_single_oem(self):
        if not any(company.autocrm_role == "oem" for company in self):
            return
        # as superuser, archived companies included: the OEM is one whoever looks
        oems = (
            self.sudo()
            .with_context(active_test=False)
            .search([("autocrm_role", "=", "oem")], order="id")
        )
        if len(oems) > 1:
            first = oems - self or oems[:1]
            raise ValidationError(
                self.env._(
                    "%(company)s is already the OEM: the network has one OEM, which "
                    "receives every used part and makes every call-back. Give "
                    "%(other)s the dealership role, or no role.",
                    company=first[0].name,
                    other=", ".join((oems - first[0]).mapped("name")),
                )
            )
