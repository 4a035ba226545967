from odoo import models


class AutocrmWorkPlan(models.Model):
    _inherit = "autocrm.work.plan"

    def _activity_partner_rows(self):
        """Customers reached in care activities: also those who responded to
        (visited during) a campaign the staff member runs."""
        rows = super()._activity_partner_rows()
        Target = self.env["autocrm.campaign.target"].sudo()
        groups = Target._read_group(
            self._period_domain("response_date")
            + [
                ("responded", "=", True),
                ("campaign_id.user_id", "in", self.user_id.ids),
            ],
            ["company_id", "campaign_id", "response_date:day", "partner_id"],
        )
        return rows + [
            (company.id, campaign.user_id.id, day, partner.id)
            for company, campaign, day, partner in groups
        ]
