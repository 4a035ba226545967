from odoo import api, fields, models
from odoo.tools import SQL


class AutocrmCustomerLog(models.Model):
    _inherit = "autocrm.customer.log"

    kind = fields.Selection(selection_add=[("claim", "Warranty Claim")])

    @api.model
    def _union_queries(self):
        """Warranty claims submitted for the customer's vehicles, with the
        satisfaction of the OEM's call-back."""
        return [
            *super()._union_queries(),
            SQL(
                """
            SELECT %(id)s AS id, c.repair_date AS date, 'claim' AS kind,
                   c.name AS name, c.partner_id, c.vehicle_id, c.company_id,
                   c.create_uid AS user_id, NULL AS visit_type,
                   NULL AS followup_type,
                   concat_ws(E'\\n', c.customer_words, c.diagnosis, c.repair_report)
                       AS detail,
                   c.amount_claimed AS amount, fu.satisfaction,
                   'autocrm.warranty.claim' AS res_model, c.id AS res_id
              FROM autocrm_warranty_claim c
              LEFT JOIN autocrm_followup fu ON fu.id = c.callback_followup_id
             WHERE c.state != 'draft' AND c.partner_id IS NOT NULL
                """,
                id=self._row_id("claim", "c"),
            ),
        ]
