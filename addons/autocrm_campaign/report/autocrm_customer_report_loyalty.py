from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.tools.db import tune_for_bulk
from odoo.addons.autocrm_customer.tools.selection import selection_of


class AutocrmCustomerReportLoyalty(models.Model):
    """One row per customer and dealership where the customer had a done visit:
    length of the relationship, visits per year, revenue, and whether the customer is
    active, at risk or lost by the dealership's delays; averaged, the churn and
    retention rates by value tier, region, grade and dealership. A row belongs to
    the dealership and names the customer but none of their contact details.

    A table filled by the nightly churn detection: a dealer's pivot reads its own
    rows instead of adding up the network's visits of five years each time. Its
    dates end on each dealership's today (in its time zone) of the run that filled
    it, the day the run detected churn by; the delays are counted as the churn
    detection counts them (past a delay when the last visit plus its months is
    before that day).
    """

    _name = "autocrm.customer.report.loyalty"
    _inherit = ["autocrm.report.materialized.mixin"]
    _description = "Customer Loyalty Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "partner_id, company_id"
    # filled with the dealerships' days of the churn detection that refreshes it
    _materialized = "table"

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
    loyalty_state = fields.Selection(
        [("active", "Active"), ("at_risk", "At Risk"), ("lost", "Lost")],
        string="Status",
        readonly=True,
        help="By the time since the last visit at the dealership and its delays (at "
        "risk after more than 9 months, lost after more than 18 by default).",
    )
    relationship_band = fields.Selection(
        [
            ("0", "Less than 1 year"),
            ("1", "1 to 2 years"),
            ("2", "2 to 3 years"),
            ("3", "3 to 5 years"),
            ("5", "5 years or more"),
        ],
        string="Relationship",
        readonly=True,
    )
    first_visit_date = fields.Date(string="Customer Since", readonly=True)
    last_visit_date = fields.Date(readonly=True)
    customer_count = fields.Integer(string="Customers", readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    revenue = fields.Monetary(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    relationship_years = fields.Float(
        string="Relationship (years)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Length of the relationship: from the first visit to today, or to the "
        "last visit for a lost customer.",
    )
    visits_per_year = fields.Float(
        readonly=True,
        digits=(16, 2),
        help="Done visits since the first one, per year of relationship (counted as "
        "at least one year).",
    )
    visit_years = fields.Float(
        string="Years Counted for Visits",
        readonly=True,
        digits=(16, 2),
        help="Years since the first visit, at least one: what the visits per year "
        "are counted over. At every level of a pivot the visits per year are the "
        "visits over these years.",
    )
    churn_rate = fields.Float(
        string="Churn Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the customers who are lost: no visit for the dealership's "
        "lost delay.",
    )
    at_risk_rate = fields.Float(
        string="At-Risk Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
    )
    retention_rate = fields.Float(
        string="Retention Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Of the customers who visited in the 12 months before the last 12, the "
        "share who came back in the last 12 months (customers not in that base are "
        "left out of the average).",
    )

    @api.model
    def _autocrm_ratio_measures(self):
        return {
            **super()._autocrm_ratio_measures(),
            "visits_per_year": {
                "numerator": "visit_count",
                "denominator": "visit_years",
                "factor": 1,
            },
        }

    @api.model
    def _query(self, company_days=None):
        """The rows, each ending on its dealership's today in ``company_days``
        (``res.company._autocrm_company_days``; by default each one's today).
        Row ids: the customer's first visit id at the dealership, unique and
        stable (a visit belongs to one customer and dealership)."""
        if company_days is None:
            company_days = self.env["res.company"]._autocrm_company_days()
        return SQL(
            "WITH %s SELECT %s FROM %s",
            self._with(company_days),
            self._select(),
            self._from(),
        )

    @api.model
    def _with(self, company_days):
        return SQL(
            """
            relation AS (
                SELECT min(visit.id) AS id,
                       visit.partner_id,
                       visit.company_id,
                       company_day.today,
                       min(visit.visit_date) AS first_visit_date,
                       max(visit.visit_date) AS last_visit_date,
                       count(*) AS visit_count,
                       sum(visit.autocrm_revenue) AS revenue,
                       bool_or(visit.visit_date
                               > company_day.today - interval '1 year')
                           AS visited_this_year,
                       bool_or(visit.visit_date
                               > company_day.today - interval '2 years'
                               AND visit.visit_date
                               <= company_day.today - interval '1 year')
                           AS visited_last_year
                  FROM repair_order visit
                  JOIN %(company_days)s ON company_day.company_id = visit.company_id
                 WHERE visit.state = 'done'
                   AND visit.partner_id IS NOT NULL
                   AND visit.visit_date <= company_day.today
                 GROUP BY visit.partner_id, visit.company_id, company_day.today
            ),
            loyalty AS (
                SELECT relation.*,
                       CASE
                         WHEN relation.last_visit_date + make_interval(
                                  months => dealer.autocrm_churn_lost_months)
                              < relation.today
                         THEN 'lost'
                         WHEN relation.last_visit_date + make_interval(
                                  months => dealer.autocrm_churn_at_risk_months)
                              < relation.today
                         THEN 'at_risk'
                         ELSE 'active'
                       END AS loyalty_state,
                       dealer.dealer_grade,
                       dealer.dealer_region,
                       dealer.currency_id
                  FROM relation
                  JOIN res_company dealer ON dealer.id = relation.company_id
            ),
            span AS (
                SELECT loyalty.*,
                       (CASE WHEN loyalty.loyalty_state = 'lost'
                             THEN loyalty.last_visit_date
                             ELSE loyalty.today
                        END - loyalty.first_visit_date) / 365.25
                           AS relationship_years
                  FROM loyalty
            )
            """,
            company_days=company_days,
        )

    @api.model
    def _select(self):
        return SQL(
            """
            span.id,
            span.partner_id,
            span.company_id,
            span.dealer_grade,
            span.dealer_region,
            partner.autocrm_value_tier AS value_tier,
            partner.autocrm_value_tier_network AS value_tier_network,
            span.loyalty_state,
            CASE WHEN span.relationship_years < 1 THEN '0'
                 WHEN span.relationship_years < 2 THEN '1'
                 WHEN span.relationship_years < 3 THEN '2'
                 WHEN span.relationship_years < 5 THEN '3'
                 ELSE '5'
            END AS relationship_band,
            span.first_visit_date,
            span.last_visit_date,
            1 AS customer_count,
            span.visit_count,
            span.revenue,
            span.currency_id,
            span.relationship_years,
            span.visit_count / GREATEST(
                (span.today - span.first_visit_date) / 365.25, 1.0)
                AS visits_per_year,
            GREATEST((span.today - span.first_visit_date) / 365.25, 1.0)
                AS visit_years,
            CASE WHEN span.loyalty_state = 'lost' THEN 100.0
                 ELSE 0.0 END AS churn_rate,
            CASE WHEN span.loyalty_state = 'at_risk' THEN 100.0
                 ELSE 0.0 END AS at_risk_rate,
            CASE WHEN NOT span.visited_last_year THEN NULL
                 WHEN span.visited_this_year THEN 100.0
                 ELSE 0.0 END AS retention_rate
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            span
            JOIN res_partner partner ON partner.id = span.partner_id
            """
        )

    def _refresh(self, company_days=None):
        """Recompute the analysis (by the nightly churn detection, with the
        dealerships' days it detected churn by; by default each one's today), for
        the rest of the transaction tuned for one bulk statement (no JIT
        compilation, the memory to aggregate the visits without spilling to disk:
        see ``autocrm_customer.tools.db``). Like the
        materialized view's refresh it replaces, the table is locked until the
        transaction ends."""
        tune_for_bulk(self.env.cr)
        self._refill(self._query(company_days))
