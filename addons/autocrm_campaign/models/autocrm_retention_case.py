from odoo import api, fields, models


class AutocrmRetentionCase(models.Model):
    _name = "autocrm.retention.case"
    _description = "Retention Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "action_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["partner_id"]

    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
    )
    risk = fields.Selection(
        [("at_risk", "At Risk"), ("lost", "Lost")],
        required=True,
        default="at_risk",
        tracking=True,
    )
    reason = fields.Selection(
        [
            ("price", "Price"),
            ("inconvenience", "Inconvenience"),
            ("core_service_failure", "Core service failure"),
            ("staff_failure", "Staff failure"),
            ("failure_reaction", "Poor reaction to a failure"),
            ("competition", "Competition"),
            ("ethics", "Ethics"),
            ("involuntary", "Involuntary"),
        ],
        tracking=True,
        help="Why the customer leaves or left.",
    )
    action = fields.Text(help="What was done to keep or win back the customer.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(currency_field="currency_id")
    action_date = fields.Date(default=fields.Date.context_today, index=True)
    result = fields.Selection(
        [("pending", "Pending"), ("retained", "Retained"), ("lost", "Lost")],
        required=True,
        default="pending",
        index=True,
        tracking=True,
    )

    @api.depends("partner_id", "risk")
    def _compute_display_name(self):
        risks = dict(self._fields["risk"]._description_selection(self.env))
        for case in self:
            case.display_name = f"{case.partner_id.display_name} ({risks[case.risk]})"
