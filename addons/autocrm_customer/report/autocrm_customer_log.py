from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.selection import selection_of

# The kinds of entries of this module; each module that adds its part of the log
# adds its kind to ``kind`` with selection_add (complaints, warranty claims,
# campaign responses).
LOG_KINDS = [
    ("visit", "Visit"),
    ("followup", "Follow-up"),
]


class AutocrmCustomerLog(models.Model):
    """The customer log (客户日志): one chronological list of everything that happened
    with a customer — done visits and follow-ups here; complaints, warranty claims and
    campaign responses as the other AutoCRM modules add their part of the query.

    Each module adds its kind to ``kind`` (``selection_add``) and extends
    ``_union_queries`` with one SELECT of the columns below; the id of a row is
    ``_row_id``: the source id times the number of kinds plus the kind's position in
    ``kind``, so it is unique across kinds and stable while the same modules are
    installed.
    """

    _name = "autocrm.customer.log"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Customer Log"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"

    date = fields.Date(readonly=True)
    kind = fields.Selection(LOG_KINDS, readonly=True)
    name = fields.Char(string="Reference", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    vehicle_id = fields.Many2one("autocrm.vehicle", string="Vehicle", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    user_id = fields.Many2one("res.users", string="Staff", readonly=True)
    visit_type = fields.Selection(
        selection_of("repair.order", "visit_type"), readonly=True
    )
    followup_type = fields.Selection(
        selection_of("autocrm.followup", "followup_type"), readonly=True
    )
    detail = fields.Text(string="What Was Done", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(readonly=True)
    satisfaction = fields.Selection(
        selection_of("autocrm.followup", "satisfaction"), readonly=True
    )
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Source", model_field="res_model", readonly=True
    )

    @api.model
    def _union_queries(self):
        """One SELECT per kind of entry, each with the columns of this model."""
        return [
            SQL(
                """
            SELECT %(id)s AS id, ro.visit_date AS date, 'visit' AS kind,
                   ro.name AS name, ro.partner_id, ro.vehicle_id, ro.company_id,
                   ro.user_id, ro.visit_type, NULL AS followup_type,
                   concat_ws(E'\\n', ro.customer_words, ro.technician_findings)
                       AS detail,
                   ro.autocrm_revenue AS amount, fu.satisfaction,
                   'repair.order' AS res_model, ro.id AS res_id
              FROM repair_order ro
              LEFT JOIN autocrm_followup fu
                ON fu.res_model = 'repair.order' AND fu.res_id = ro.id
               AND fu.followup_type = 'post_service'
             WHERE ro.state = 'done' AND ro.partner_id IS NOT NULL
                """,
                id=self._row_id("visit", "ro"),
            ),
            SQL(
                """
            SELECT %(id)s AS id, COALESCE(f.done_date, f.due_date) AS date,
                   'followup' AS kind, NULL AS name, f.partner_id, f.vehicle_id,
                   f.company_id, f.user_id, NULL AS visit_type, f.followup_type,
                   concat_ws(E'\\n', f.customer_remarks, f.notes) AS detail,
                   NULL::numeric AS amount, f.satisfaction,
                   'autocrm.followup' AS res_model, f.id AS res_id
              FROM autocrm_followup f
             WHERE f.state IN ('done', 'unreachable')
                """,
                id=self._row_id("followup", "f"),
            ),
        ]

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
