from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import unquote


class ResPartner(models.Model):
    _inherit = "res.partner"

    vehicle_ids = fields.One2many("autocrm.vehicle", "partner_id", string="Vehicles")
    autocrm_vehicle_count = fields.Integer(
        string="Vehicle Count", compute="_compute_autocrm_vehicle_count"
    )
    autocrm_visit_count = fields.Integer(
        string="Visits (12 months)",
        readonly=True,
        help="Done workshop visits of the last 12 months (回店频次), computed nightly.",
    )
    autocrm_revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        readonly=True,
        help="Revenue of the done visits of the last 12 months, computed nightly.",
    )
    autocrm_last_visit_date = fields.Date(string="Last Visit", readonly=True)
    autocrm_value_tier = fields.Selection(
        [("A", "A"), ("B", "B"), ("C", "C")],
        string="Value Tier",
        readonly=True,
        index=True,
        help="A: the top 20 % of the dealership's customers by revenue of the last 12 "
        "months; B: the next 30 %; C: the rest and customers without revenue.",
    )

    def _compute_autocrm_vehicle_count(self):
        counts = dict(
            self.env["autocrm.vehicle"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.autocrm_vehicle_count = counts.get(partner, 0)

    @api.model
    def _check_company_domain(self, companies):
        # A vehicle's owner serves every dealership the vehicle is shared with.
        domain = super()._check_company_domain(companies)
        if not companies or isinstance(companies, unquote):
            return domain
        company_ids = models.to_company_ids(companies)
        return [
            "|",
            *domain,
            ("vehicle_ids.dealer_ids", "in", company_ids),
        ]

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
