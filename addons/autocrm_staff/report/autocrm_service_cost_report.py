from odoo import fields, models
from odoo.tools import SQL

# sources of the rows; their positions are part of each row's id: add at the end
COST_SOURCES = [("cost", "Service Cost"), ("campaign", "Campaign")]


class AutocrmServiceCostReport(models.Model):
    """Service cost analysis: the recorded service costs, plus the cost of each
    campaign when autocrm_campaign is installed (without depending on it: the
    campaign rows join the query only when the model is in the registry)."""

    _name = "autocrm.service.cost.report"
    _description = "Service Cost Analysis"
    _auto = False
    _order = "date desc, id desc"

    name = fields.Char(string="Description", readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    category = fields.Selection(
        lambda self: self.env["autocrm.service.cost"]
        ._fields["category"]
        ._description_selection(self.env),
        readonly=True,
    )
    source = fields.Selection(COST_SOURCES, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget = fields.Monetary(readonly=True)
    amount = fields.Monetary(string="Actual", readonly=True)
    variance = fields.Monetary(
        readonly=True, help="Budget minus actual: negative when over budget."
    )

    @property
    def _table_query(self):
        return SQL(" UNION ALL ").join(
            SQL("(%s)", query) for query in self._cost_queries()
        )

    def _row_id(self, source, alias):
        position = [key for key, _label in COST_SOURCES].index(source)
        return SQL(
            "%s.id * %s + %s", SQL.identifier(alias), len(COST_SOURCES), position
        )

    def _cost_queries(self):
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
        campaign_query = self._campaign_cost_query()
        if campaign_query:
            queries.append(campaign_query)
        return queries

    def _campaign_cost_query(self):
        """The campaigns' costs, when autocrm_campaign is installed: each campaign
        counts in the 'campaign' category at its start date."""
        if "autocrm.campaign" not in self.env:
            return None
        Campaign = self.env["autocrm.campaign"]
        if not {"cost", "date_start", "company_id"} <= Campaign._fields.keys():
            return None
        name = (
            SQL(
                "COALESCE(k.name->>%s, k.name->>'en_US')",
                self.env.lang or "en_US",
            )
            if Campaign._fields["name"].translate
            else SQL("k.name")
        )
        budget = (
            SQL("COALESCE(k.budget, 0)")
            if "budget" in Campaign._fields and Campaign._fields["budget"].store
            else SQL("0")
        )
        return SQL(
            """
            SELECT %(id)s AS id, %(name)s AS name, k.date_start AS date,
                   k.company_id, 'campaign' AS category, 'campaign' AS source,
                   %(budget)s AS budget, COALESCE(k.cost, 0) AS amount,
                   %(budget)s - COALESCE(k.cost, 0) AS variance
              FROM %(table)s k
             WHERE k.date_start IS NOT NULL
            """,
            id=self._row_id("campaign", "k"),
            name=name,
            budget=budget,
            table=SQL.identifier(Campaign._table),
        )
