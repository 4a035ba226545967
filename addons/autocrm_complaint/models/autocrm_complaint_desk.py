from odoo import api, fields, models


class AutocrmComplaintDesk(models.Model):
    """The complaint desk of a company: one per dealership, with the e-mail alias
    through which customers' complaints reach it, and one at the OEM, whose staff
    receive the escalated complaints of the whole network."""

    _name = "autocrm.complaint.desk"
    _description = "Complaint Desk"
    _inherit = ["mail.alias.mixin", "autocrm.dealer.mixin"]
    _order = "company_id"
    _check_company_auto = True

    name = fields.Char(related="company_id.name", string="Desk")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    autocrm_role = fields.Selection(related="company_id.autocrm_role")
    user_id = fields.Many2one(
        "res.users",
        string="Complaint Handler",
        check_company=True,
        domain="[('share', '=', False)]",
        help="Who is assigned the complaints that arrive by e-mail or from a "
        "follow-up; when empty, the dealership's first manager.",
    )
    escalation_user_ids = fields.Many2many(
        "res.users",
        string="Escalate To",
        domain="[('share', '=', False)]",
        help="Who gets an activity when a complaint of this desk's dealership is "
        "escalated: by default the dealer managers. On the OEM's desk: the OEM "
        "complaint desk, which is told of every escalated complaint of the network "
        "(by default the OEM managers).",
    )

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "A company has one complaint desk."),
    ]

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("autocrm.complaint")
        if self.id:
            values["alias_defaults"] = repr({"company_id": self.company_id.id})
        return values

    @api.model
    def _ensure_desks(self, companies=None):
        """Give each OEM and dealer company its complaint desk; a dealership's desk
        gets the alias complaints-<dealer code>. Run as superuser: it sets up the
        companies' configuration, not anyone's data."""
        if companies is None:
            companies = self.env["res.company"].search([("autocrm_role", "!=", False)])
        companies = companies.filtered("autocrm_role")
        Desk = self.sudo().with_context(active_test=False)
        existing = Desk.search([("company_id", "in", companies.ids)]).company_id
        return Desk.create(
            [
                {
                    "company_id": company.id,
                    "alias_name": (
                        f"complaints-{company.dealer_code}"
                        if company.autocrm_role == "dealer" and company.dealer_code
                        else False
                    ),
                }
                for company in companies - existing
            ]
        )
