from odoo import api, models
from odoo.tools import SQL


class AutocrmServiceCostReport(models.Model):
    _inherit = "autocrm.service.cost.report"

    @api.model
    def _union_queries(self):
        """The service costs, and each campaign's cost in the 'campaign' category
        at its start date (its name in the user's language)."""
        Campaign = self.env["autocrm.campaign"]
        return super()._union_queries() + [
            SQL(
                """
                SELECT %(id)s AS id, %(name)s AS name, k.date_start AS date,
                       k.company_id, 'campaign' AS category, 'campaign' AS source,
                       COALESCE(k.budget, 0) AS budget, COALESCE(k.cost, 0) AS amount,
                       COALESCE(k.budget, 0) - COALESCE(k.cost, 0) AS variance
                  FROM autocrm_campaign k
                 WHERE k.date_start IS NOT NULL
                """,
                id=self._row_id("campaign", "k"),
                name=Campaign._field_to_sql("k", "name"),
            )
        ]
