from odoo import api, fields, models


class AutocrmCustomerSwingLine(models.TransientModel):
    _name = "autocrm.customer.swing.line"
    _description = "Customer Swing"
    _order = "revenue_change, partner_id"

    swing_id = fields.Many2one(
        "autocrm.customer.swing",
        string="Analysis",
        required=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        readonly=True,
        help="Who was responsible for the customer's latest visit.",
    )
    currency_id = fields.Many2one(related="swing_id.company_id.currency_id")
    visits_a = fields.Integer(string="Visits Earlier", readonly=True)
    visits_b = fields.Integer(string="Visits Later", readonly=True)
    visit_change = fields.Integer(compute="_compute_changes", store=True)
    revenue_a = fields.Monetary(string="Revenue Earlier", readonly=True)
    revenue_b = fields.Monetary(string="Revenue Later", readonly=True)
    revenue_change = fields.Monetary(compute="_compute_changes", store=True)
    revenue_change_pct = fields.Float(
        string="Revenue Change (%)",
        compute="_compute_changes",
        store=True,
        aggregator=None,
    )
    swing = fields.Selection(
        [
            ("new", "New"),
            ("up", "Up"),
            ("flat", "Flat"),
            ("down", "Down"),
            ("lost", "Lost"),
        ],
        compute="_compute_changes",
        store=True,
        help="Lost: visits earlier, none later. New: the other way round. Up or "
        "down: revenue moved by more than 10 %.",
    )

    @api.depends("visits_a", "visits_b", "revenue_a", "revenue_b")
    def _compute_changes(self):
        for line in self:
            line.visit_change = line.visits_b - line.visits_a
            line.revenue_change = line.revenue_b - line.revenue_a
            line.revenue_change_pct = (
                100.0 * line.revenue_change / line.revenue_a if line.revenue_a else 0.0
            )
            if line.visits_a and not line.visits_b:
                line.swing = "lost"
            elif line.visits_b and not line.visits_a:
                line.swing = "new"
            elif line.revenue_a and abs(line.revenue_change_pct) > 10:
                line.swing = "up" if line.revenue_change > 0 else "down"
            else:
                line.swing = "flat"
