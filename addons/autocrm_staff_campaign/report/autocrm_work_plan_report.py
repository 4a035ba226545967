from odoo import api, models
from odoo.tools import SQL


class AutocrmWorkPlanReport(models.Model):
    _inherit = "autocrm.work.plan.report"

    @api.model
    def _reached_query(self):
        """The customers reached: also the responders of the campaigns the plan's
        staff member runs, in the plan's period."""
        return SQL(
            "%s UNION ALL %s",
            super()._reached_query(),
            SQL(
                """
                SELECT t.partner_id
                  FROM autocrm_campaign_target t
                  JOIN autocrm_campaign c ON c.id = t.campaign_id
                 WHERE t.responded
                   AND c.user_id = p.user_id
                   AND t.company_id = p.company_id
                   AND t.response_date BETWEEN p.date_start AND p.date_end
                """
            ),
        )
