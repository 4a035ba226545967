from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.models.res_company import DEFAULT_TZ


class AutocrmCustomerLog(models.Model):
    _inherit = "autocrm.customer.log"

    kind = fields.Selection(selection_add=[("complaint", "Complaint")])

    @api.model
    def _union_queries(self):
        """Complaints in the customer log: the day received (the dealership's,
        in its time zone), the customer's words and the resolution, the
        satisfaction with how it was handled."""
        return [
            *super()._union_queries(),
            SQL(
                """
            SELECT %(id)s AS id,
                   (c.received_at AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(company.autocrm_tz, %(default_tz)s))::date
                       AS date,
                   'complaint' AS kind, c.name AS name, c.partner_id, c.vehicle_id,
                   c.company_id, c.user_id, NULL AS visit_type,
                   NULL AS followup_type,
                   concat_ws(E'\\n', c.description, c.resolution) AS detail,
                   NULL::numeric AS amount, c.satisfaction,
                   'autocrm.complaint' AS res_model, c.id AS res_id
              FROM autocrm_complaint c
              JOIN res_company company ON company.id = c.company_id
                """,
                id=self._row_id("complaint", "c"),
                default_tz=DEFAULT_TZ,
            ),
        ]
