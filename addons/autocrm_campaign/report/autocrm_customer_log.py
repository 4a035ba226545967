from odoo import api, fields, models
from odoo.tools import SQL


class AutocrmCustomerLog(models.Model):
    _inherit = "autocrm.customer.log"

    kind = fields.Selection(selection_add=[("campaign", "Campaign Response")])

    @api.model
    def _union_queries(self):
        """Campaign responses: the first visit of a targeted customer during the
        campaign, with the revenue of the customer's visits in it."""
        return [
            *super()._union_queries(),
            SQL(
                """
            SELECT %(id)s AS id, target.response_date AS date, 'campaign' AS kind,
                   campaign.name AS name, target.partner_id, target.vehicle_id,
                   target.company_id, campaign.user_id, NULL AS visit_type,
                   NULL AS followup_type, campaign.purpose AS detail,
                   target.revenue AS amount, NULL AS satisfaction,
                   'autocrm.campaign' AS res_model, campaign.id AS res_id
              FROM autocrm_campaign_target target
              JOIN autocrm_campaign campaign ON campaign.id = target.campaign_id
             WHERE target.responded
                """,
                id=self._row_id("campaign", "target"),
            ),
        ]
