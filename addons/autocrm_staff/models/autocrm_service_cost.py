from odoo import api, fields, models


class AutocrmServiceCost(models.Model):
    _name = "autocrm.service.cost"
    _description = "Service Cost"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _autocrm_ranges = {"budget": (0, None), "amount": (0, None)}

    name = fields.Char(string="Description", required=True)
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True,
        index=True,
        # the dealership's day, in its time zone, not the user's
        default=lambda self: self.env.company._autocrm_today(),
    )
    category = fields.Selection(
        [
            ("people", "People"),
            ("equipment", "Equipment"),
            ("money", "Money"),
            ("campaign", "Campaign"),
        ],
        required=True,
        default="people",
        index=True,
    )
    budget = fields.Monetary(currency_field="currency_id")
    amount = fields.Monetary(string="Actual", currency_field="currency_id")
    variance = fields.Monetary(
        compute="_compute_variance",
        store=True,
        currency_field="currency_id",
        help="Budget minus actual: negative when the cost ran over its budget.",
    )
    note = fields.Text()

    @api.depends("budget", "amount")
    def _compute_variance(self):
        for cost in self:
            cost.variance = cost.budget - cost.amount
