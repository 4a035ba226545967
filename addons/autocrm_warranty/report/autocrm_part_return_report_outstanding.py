from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.models.res_company import DEFAULT_TZ
from odoo.addons.autocrm_customer.tools.selection import selection_of

from ..models.autocrm_part_return import DEFAULT_RETURN_DAYS, RETURN_DAYS_PARAM


class AutocrmPartReturnReportOutstanding(models.Model):
    """One row per return-required part of a submitted claim that the OEM has not
    received yet (and that was not charged back): what each dealership still owes
    the used-part desk, and for how long. The days are counted to the dealership's
    today (its company's time zone) at the time of the query, as the charge-back
    job counts them."""

    _name = "autocrm.part.return.report.outstanding"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Used Parts Outstanding"
    _auto = False
    _rec_name = "claim_line_id"
    _order = "days_outstanding desc, id"

    claim_line_id = fields.Many2one(
        "autocrm.warranty.claim.part", string="Claim Part", readonly=True
    )
    claim_id = fields.Many2one("autocrm.warranty.claim", string="Claim", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    dealer_region = fields.Selection(
        selection_of("res.company", "dealer_region"),
        string="Region",
        readonly=True,
    )
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    vehicle_id = fields.Many2one("autocrm.vehicle", string="Vehicle", readonly=True)
    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    submitted_date = fields.Date(readonly=True)
    days_outstanding = fields.Integer(
        string="Days since Submission", readonly=True, aggregator="max"
    )
    overdue = fields.Boolean(
        readonly=True,
        help="Past the return period: the next charge-back run withdraws it unless "
        "it is shipped.",
    )
    stage = fields.Selection(
        [
            ("to_pack", "On No Return"),
            ("draft", "On a Draft Return"),
            ("shipped", "In Transit"),
        ],
        readonly=True,
    )
    return_id = fields.Many2one(
        "autocrm.part.return", string="Used-Part Return", readonly=True
    )
    part_count = fields.Integer(string="Part Lines", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    amount = fields.Monetary(readonly=True, help="Amount claimed for the part.")
    currency_id = fields.Many2one("res.currency", readonly=True)

    @api.model
    def _with(self):
        return SQL(
            r"""
            period AS (
                SELECT coalesce(
                    (SELECT value::integer
                       FROM ir_config_parameter
                      WHERE key = %(param)s AND value ~ '^\d+$'),
                    %(default)s
                ) AS days
            )
            """,
            param=RETURN_DAYS_PARAM,
            default=DEFAULT_RETURN_DAYS,
        )

    @api.model
    def _select(self):
        return SQL(
            """
            line.id,
            line.id AS claim_line_id,
            line.claim_id,
            claim.company_id,
            dealer.dealer_region,
            line.product_id,
            claim.vehicle_id,
            vehicle.model_id,
            claim.submitted_date,
            (%(dealer_today)s - claim.submitted_date) AS days_outstanding,
            (%(dealer_today)s - claim.submitted_date) > period.days AS overdue,
            CASE
                WHEN part_return.id IS NULL THEN 'to_pack'
                WHEN part_return.state = 'draft' THEN 'draft'
                ELSE 'shipped'
            END AS stage,
            part_return.id AS return_id,
            1 AS part_count,
            line.quantity,
            line.amount,
            dealer.currency_id
            """,
            dealer_today=SQL(
                "(now() AT TIME ZONE COALESCE(dealer.autocrm_tz, %s))::date",
                DEFAULT_TZ,
            ),
        )

    @api.model
    def _from(self):
        return SQL(
            """
            autocrm_warranty_claim_part line
            JOIN autocrm_warranty_claim claim ON claim.id = line.claim_id
            JOIN res_company dealer ON dealer.id = claim.company_id
            LEFT JOIN autocrm_vehicle vehicle ON vehicle.id = claim.vehicle_id
            LEFT JOIN autocrm_part_return_line return_line
                   ON return_line.claim_line_id = line.id
            LEFT JOIN autocrm_part_return part_return
                   ON part_return.id = return_line.return_id
            CROSS JOIN period
            """
        )

    @api.model
    def _where(self):
        return SQL(
            """
            line.return_required
            AND NOT coalesce(line.charged_back, FALSE)
            AND claim.state = 'submitted'
            AND (part_return.id IS NULL
                 OR part_return.state IN ('draft', 'shipped'))
            """
        )
