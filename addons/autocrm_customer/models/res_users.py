from odoo import models

# What a dealership's user is not shown of another dealership's staff: dealers are
# competing businesses. Names stay visible, as Odoo shows them in shared chatters
# and in the many2one fields of records both may read.
STAFF_CONTACT_FIELDS = {
    "res.users": ["login", "email", "phone", "mobile", "signature"],
    "res.partner": [
        "email",
        "email_normalized",
        "phone",
        "mobile",
        "street",
        "street2",
        "zip",
        "city",
        "website",
    ],
}


class ResUsers(models.Model):
    _inherit = "res.users"

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden = [f for f in STAFF_CONTACT_FIELDS["res.users"] if f in fnames]
        if hidden and self.env["res.partner"]._autocrm_is_dealer_user():
            others = self._autocrm_other_dealers_staff()
            for values in result:
                if values["id"] in others.ids:
                    values.update(dict.fromkeys(hidden, False))
        return result

    def _autocrm_home_action(self):
        """The screen the current user lands on in After-Sales CRM: their own work.

        The app's root menu opens the server action ``action_autocrm_home``, which
        returns this; modules give their roles a screen of their own through
        :meth:`_autocrm_home_action_xmlid`.
        """
        return self.env["ir.actions.act_window"]._for_xml_id(
            self.env.user._autocrm_home_action_xmlid()
        )

    def _autocrm_home_action_xmlid(self):
        """The xml id of the window action ``self`` (one user) lands on: the dealer
        network for the OEM's managers, their follow-ups for everyone else."""
        self.ensure_one()
        if self.has_group("autocrm_customer.group_oem_manager"):
            return "autocrm_customer.res_company_action_dealer"
        return "autocrm_customer.autocrm_followup_action"

    def _autocrm_other_dealers_staff(self):
        """The users of ``self`` who work only at dealerships other than the
        current user's."""
        mine = self.env.user.company_ids
        return self.sudo().filtered(
            lambda user: user.company_ids
            and not user.company_ids & mine
            and all(c.autocrm_role == "dealer" for c in user.company_ids)
        )
