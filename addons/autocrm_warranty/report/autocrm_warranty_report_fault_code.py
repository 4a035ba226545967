from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.tools.selection import selection_of


class AutocrmWarrantyReportFaultCode(models.Model):
    """The failure and early-warning analyses by fault code, for the OEM's
    quality desk: per fault code, vehicle model and production month of the
    vehicles, the claims (submitted and not rejected) that name the code, their
    rate per 1,000 vehicles of the model sold, and the alert of a month against the
    six production months before. A claim with two codes counts for each."""

    _name = "autocrm.warranty.report.fault.code"
    _inherit = ["autocrm.warranty.report.quality"]
    _description = "Fault Code Analysis"
    _auto = False
    _rec_name = "fault_code_id"
    _order = "claim_count desc, id"

    fault_code_id = fields.Many2one(
        "autocrm.fault.code", string="Fault Code", readonly=True
    )
    code_type = fields.Selection(
        selection_of("autocrm.fault.code", "code_type"), readonly=True
    )
    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    production_month = fields.Date(
        readonly=True, help="Empty for vehicles without a production date."
    )
    claim_count = fields.Integer(string="Claims", readonly=True)
    vehicle_count = fields.Integer(
        string="Vehicles Sold",
        readonly=True,
        help="The vehicles sold of the model; at every level of a pivot, those of "
        "its models, each model's once.",
    )
    failure_rate = fields.Float(
        string="Failures per 1,000 Vehicles",
        readonly=True,
        aggregator="sum",
        digits=(16, 2),
        help="The claims naming the code per 1,000 vehicles of the model sold; the "
        "production months of a code and model add up to its rate.",
    )
    usual_count = fields.Float(
        string="Usual Claims per Month",
        readonly=True,
        digits=(16, 2),
        help="Average over the six production months before.",
    )
    ratio = fields.Float(
        string="Times the Usual",
        readonly=True,
        digits=(16, 2),
        help="The claims against the usual claims of their months, at every level.",
    )
    is_alert = fields.Boolean(
        string="Alert",
        readonly=True,
        help="At least 3 claims in the production month, more than twice the usual.",
    )

    @api.model
    def _autocrm_ratio_measures(self):
        return {
            **super()._autocrm_ratio_measures(),
            **self._failure_rate_measures(),
            **self._times_usual_measures(),
        }

    @api.model
    def _with(self):
        return SQL("fleet AS (%s)", self._fleet_query())

    @api.model
    def _select(self):
        return SQL(
            """
            row_number() OVER (
                ORDER BY compared.fault_code_id, compared.model_id,
                         compared.production_month
            ) AS id,
            compared.fault_code_id,
            fault_code.code_type,
            compared.model_id,
            compared.production_month,
            compared.claim_count,
            coalesce(fleet.vehicle_count, 0) AS vehicle_count,
            %(failure_rate)s AS failure_rate,
            compared.usual_count,
            compared.ratio,
            compared.is_alert
            """,
            failure_rate=self._failure_rate_sql(
                SQL("compared.claim_count"), SQL("fleet.vehicle_count")
            ),
        )

    @api.model
    def _from(self):
        return SQL(
            """
            (%(compared)s) compared
            JOIN autocrm_fault_code fault_code
                 ON fault_code.id = compared.fault_code_id
            LEFT JOIN fleet ON fleet.model_id = compared.model_id
            """,
            compared=self._early_warning_query(
                self._monthly_query(), ["fault_code_id", "model_id"]
            ),
        )

    @api.model
    def _monthly_query(self):
        """The failures per fault code, model and production month (none for a
        vehicle without a production date)."""
        return SQL(
            """
            SELECT rel.fault_code_id, c.model_id,
                   date_trunc('month', v.production_date)::date AS production_month,
                   count(*) AS claim_count
              FROM autocrm_warranty_claim c
              JOIN autocrm_warranty_claim_fault_code_rel rel ON rel.claim_id = c.id
              JOIN autocrm_vehicle v ON v.id = c.vehicle_id
             WHERE c.state IN %(states)s
             GROUP BY 1, 2, 3
            """,
            states=self._failure_states(),
        )
