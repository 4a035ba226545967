from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.models.res_company import DEFAULT_TZ


class AutocrmStaffReportQuality(models.Model):
    _inherit = "autocrm.staff.report.quality"

    # an analysis (no table): its rows go with the module
    kind = fields.Selection(
        selection_add=[("complaint", "Complaint")], ondelete={"complaint": "cascade"}
    )

    @api.model
    def _union_queries(self):
        """The follow-ups and visits, and one row per complaint against a staff
        member, on the day it was received at its dealership (in its time zone:
        received_at is a UTC timestamp)."""
        return super()._union_queries() + [
            SQL(
                """
                SELECT %(id)s AS id,
                       (c.received_at AT TIME ZONE 'UTC'
                        AT TIME ZONE COALESCE(company.autocrm_tz, %(default_tz)s))::date
                           AS date,
                       'complaint' AS kind, c.company_id, c.user_id,
                       0, 0, 0, NULL::numeric, NULL::numeric, NULL::numeric,
                       0, NULL::numeric, 1 AS complaint_count
                  FROM autocrm_complaint c
                  JOIN res_company company ON company.id = c.company_id
                 WHERE c.received_at IS NOT NULL
                """,
                id=self._row_id("complaint", "c"),
                default_tz=DEFAULT_TZ,
            )
        ]
