from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.selection import selection_of


class AutocrmCustomerReportValue(models.Model):
    """One row per vehicle of a dealership's customer (one row without a vehicle for a
    customer who has none): customers by value tier, region, dealer grade, vehicle
    model and vehicle age, with each vehicle's visits and revenue of the last 12
    months. A row belongs to the customer's dealership; it carries the customer's
    name but none of their contact details.

    A materialized view, refreshed by the nightly customer value run together with
    the tiers it shows: a dealer's pivot then reads its own rows instead of adding up
    the whole network's visits of the year each time. Its 12 months end on the
    database's date of the refresh (the run's own date may be a day apart in the
    scheduler user's time zone). Readers wait until the nightly run commits: at 1M
    vehicles a plain refresh takes about 10 s, a concurrent one more than twice as
    long.
    """

    _name = "autocrm.customer.report.value"
    _inherit = ["autocrm.report.materialized.mixin"]
    _description = "Customer Value Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "partner_id, id"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    dealer_grade = fields.Selection(
        selection_of("res.company", "dealer_grade"), readonly=True
    )
    dealer_region = fields.Selection(
        selection_of("res.company", "dealer_region"), string="Region", readonly=True
    )
    value_tier = fields.Selection(
        selection_of("res.partner", "autocrm_value_tier"),
        readonly=True,
        help="The customer's tier among the dealership's customers.",
    )
    value_tier_network = fields.Selection(
        selection_of("res.partner", "autocrm_value_tier_network"),
        string="Network Value Tier",
        readonly=True,
        help="The customer's tier among the customers of the whole network.",
    )
    last_visit_date = fields.Date(string="Customer's Last Visit", readonly=True)
    vehicle_id = fields.Many2one("autocrm.vehicle", string="Vehicle", readonly=True)
    model_id = fields.Many2one("product.product", string="Model", readonly=True)
    vehicle_age = fields.Integer(
        string="Vehicle Age (years)",
        readonly=True,
        aggregator="avg",
        help="Whole years since the vehicle's sale.",
    )
    customer_count = fields.Integer(
        string="Customers",
        readonly=True,
        help="Each customer counts once, on their most recently sold vehicle.",
    )
    vehicle_count = fields.Integer(string="Vehicles", readonly=True)
    visit_count = fields.Integer(
        string="Visits (12 months)",
        readonly=True,
        help="The vehicle's done visits of the last 12 months, at any dealership.",
    )
    visit_frequency = fields.Float(
        string="Visits per Vehicle (12 months)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Yearly visit frequency (回店频次): the average of the vehicles' visits "
        "of the last 12 months.",
    )
    revenue = fields.Monetary(
        string="Revenue (12 months)",
        readonly=True,
        help="Revenue of the vehicle's done visits of the last 12 months.",
    )
    revenue_per_vehicle = fields.Monetary(
        string="Revenue per Vehicle (12 months)",
        readonly=True,
        aggregator="avg",
        help="Revenue per vehicle (单车贡献产值): the average of the vehicles' "
        "revenue of the last 12 months.",
    )
    currency_id = fields.Many2one("res.currency", readonly=True)

    @api.model
    def _with(self):
        return SQL(
            """
            vehicle_visit AS (
                SELECT repair.vehicle_id,
                       count(*) AS visit_count,
                       sum(repair.autocrm_revenue) AS revenue
                  FROM repair_order repair
                  -- the last 12 months up to the visit dealership's today
                  JOIN %(company_days)s
                    ON company_day.company_id = repair.company_id
                 WHERE repair.state = 'done'
                   AND repair.vehicle_id IS NOT NULL
                   AND repair.visit_date
                       > (company_day.today - interval '1 year')::date
                   AND repair.visit_date <= company_day.today
                 GROUP BY repair.vehicle_id
            ),
            customer_vehicle AS (
                SELECT partner.id AS partner_id,
                       partner.company_id,
                       partner.autocrm_value_tier,
                       partner.autocrm_value_tier_network,
                       partner.autocrm_last_visit_date,
                       vehicle.id AS vehicle_id,
                       vehicle.model_id,
                       vehicle.sale_date,
                       vehicle_visit.visit_count,
                       vehicle_visit.revenue,
                       row_number() OVER (
                           PARTITION BY partner.id
                           ORDER BY vehicle.sale_date DESC NULLS LAST,
                                    vehicle.id DESC
                       ) AS vehicle_rank
                  FROM res_partner partner
                  LEFT JOIN autocrm_vehicle vehicle
                         ON vehicle.partner_id = partner.id AND vehicle.active
                  LEFT JOIN vehicle_visit
                         ON vehicle_visit.vehicle_id = vehicle.id
                 WHERE %(is_customer)s
            )
            """,
            is_customer=self.env["res.partner"]._autocrm_customer_condition(),
            company_days=self.env["res.company"]._autocrm_company_days(
                at_query_time=True
            ),
        )

    @api.model
    def _select(self):
        # Row ids: 2 * vehicle id for a vehicle, 2 * customer id + 1 for a customer
        # without one, so both kinds stay unique and stable.
        return SQL(
            """
            coalesce(2 * cv.vehicle_id, 2 * cv.partner_id + 1) AS id,
            cv.partner_id,
            cv.company_id,
            dealer.dealer_grade,
            dealer.dealer_region,
            cv.autocrm_value_tier AS value_tier,
            cv.autocrm_value_tier_network AS value_tier_network,
            cv.autocrm_last_visit_date AS last_visit_date,
            cv.vehicle_id,
            cv.model_id,
            extract(year FROM age(dealer_day.today, cv.sale_date))
                ::integer AS vehicle_age,
            CASE WHEN cv.vehicle_rank = 1 THEN 1 ELSE 0 END AS customer_count,
            CASE WHEN cv.vehicle_id IS NULL THEN 0 ELSE 1 END AS vehicle_count,
            coalesce(cv.visit_count, 0) AS visit_count,
            CASE WHEN cv.vehicle_id IS NOT NULL
                 THEN coalesce(cv.visit_count, 0)
            END AS visit_frequency,
            coalesce(cv.revenue, 0) AS revenue,
            CASE WHEN cv.vehicle_id IS NOT NULL
                 THEN coalesce(cv.revenue, 0)
            END AS revenue_per_vehicle,
            dealer.currency_id
            """
        )

    @api.model
    def _from(self):
        # the dealership joined last: a join with res_company, whose statistics
        # are often stale, must not steer the plan of the expressions above
        return SQL(
            """
            customer_vehicle cv
            JOIN res_company dealer ON dealer.id = cv.company_id
            JOIN %(dealer_days)s ON dealer_day.company_id = cv.company_id
            """,
            dealer_days=self.env["res.company"]._autocrm_company_days(
                at_query_time=True, alias="dealer_day"
            ),
        )
