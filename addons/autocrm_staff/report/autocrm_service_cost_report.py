from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.tools.selection import selection_of

# sources of the rows; their positions are part of each row's id: add at the end
COST_SOURCES = [("cost", "Service Cost"), ("campaign", "Campaign")]


class AutocrmServiceCostReport(models.Model):
    """Service cost analysis: the recorded service costs (``_union_queries``:
    one SELECT per source; autocrm_staff_campaign adds the campaigns' costs)."""

    _name = "autocrm.service.cost.report"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Service Cost Analysis"
    _auto = False
    _row_kind_field = "source"
    _order = "date desc, id desc"

    name = fields.Char(string="Description", readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    category = fields.Selection(
        selection_of("autocrm.service.cost", "category"),
        readonly=True,
    )
    source = fields.Selection(COST_SOURCES, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget = fields.Monetary(readonly=True)
    amount = fields.Monetary(string="Actual", readonly=True)
    variance = fields.Monetary(
        readonly=True, help="Budget minus actual: negative when over budget."
    )

    @api.model
    def _union_queries(self):
        queries = [
            SQL(
                """
            SELECT %(id)s AS id, c.name, c.date, c.company_id, c.category,
                   'cost' AS source, c.budget, c.amount,
                   COALESCE(c.budget, 0) - COALESCE(c.amount, 0) AS variance
              FROM autocrm_service_cost c
                """,
                id=self._row_id("cost", "c"),
            )
        ]
        return queries
