import logging
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import unquote

from .res_users import STAFF_CONTACT_FIELDS

_logger = logging.getLogger(__name__)

VALUE_TIERS = [("A", "A"), ("B", "B"), ("C", "C")]
# Share of the customers with revenue that make tier A, then tier B (the rest is C).
# Each tier's size is rounded to the nearest whole customer, .5 upwards (SQL
# round() of a numeric).
VALUE_TIER_A_SHARE = Decimal("0.2")
VALUE_TIER_B_SHARE = Decimal("0.3")
VALUE_FIELDS = [
    "autocrm_visit_count",
    "autocrm_revenue_12m",
    "autocrm_last_visit_date",
    "autocrm_value_tier",
    "autocrm_value_tier_network",
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "autocrm.dealer.mixin"]
    _autocrm_protect_computed = False  # Odoo's own fields

    vehicle_ids = fields.One2many("autocrm.vehicle", "partner_id", string="Vehicles")
    autocrm_vehicle_count = fields.Integer(
        string="Vehicle Count", compute="_compute_autocrm_vehicle_count"
    )
    autocrm_visit_count = fields.Integer(
        string="Visits (12 months)",
        readonly=True,
        help="Done workshop visits of the last 12 months (回店频次), computed nightly.",
    )
    autocrm_revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        readonly=True,
        help="Revenue of the done visits of the last 12 months, computed nightly.",
    )
    autocrm_last_visit_date = fields.Date(string="Last Visit", readonly=True)
    autocrm_value_tier = fields.Selection(
        VALUE_TIERS,
        string="Value Tier",
        readonly=True,
        index=True,
        help="A: the top 20 % of the dealership's customers by revenue of the last 12 "
        "months; B: the next 30 %; C: the rest and customers without revenue.",
    )
    autocrm_value_tier_network = fields.Selection(
        VALUE_TIERS,
        string="Network Value Tier",
        readonly=True,
        help="The same ranking over the customers of every dealership together, as "
        "the OEM sees the network: A for the top 20 %, B for the next 30 %, C for "
        "the rest and customers without revenue.",
    )

    def _compute_autocrm_vehicle_count(self):
        counts = dict(
            self.env["autocrm.vehicle"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.autocrm_vehicle_count = counts.get(partner, 0)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden = [f for f in STAFF_CONTACT_FIELDS["res.partner"] if f in fnames]
        if hidden and self._autocrm_is_dealer_user():
            staff = self.sudo().user_ids._autocrm_other_dealers_staff()
            others = set(staff.partner_id.ids)
            for values in result:
                if values["id"] in others:
                    values.update(dict.fromkeys(hidden, False))
        return result

    def _check_access(self, operation):
        result = super()._check_access(operation)
        # The record rule's ``vehicle_ids.dealer_ids`` was just evaluated as
        # superuser on these partners (``filtered_domain``), which left every
        # vehicle of theirs in the cache: forget them, so that reading
        # ``vehicle_ids`` shows the user only the vehicles he may read, not the
        # owner's cars at other dealerships.
        if not self.env.su:
            self.invalidate_recordset(["vehicle_ids"], flush=False)
        return result

    @api.model
    def _autocrm_not_yours_message(self):
        return self.env._(
            "this customer is not a customer of %(dealer)s",
            dealer=self.env.company.name,
        )

    @api.model
    def _check_company_domain(self, companies):
        # A vehicle's owner serves every dealership the vehicle is shared with.
        domain = super()._check_company_domain(companies)
        if not companies or isinstance(companies, unquote):
            return domain
        company_ids = models.to_company_ids(companies)
        return [
            "|",
            *domain,
            ("vehicle_ids.dealer_ids", "in", company_ids),
        ]

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo shows company-less partners to every company: a customer entered by a
        # dealership belongs to it (DESIGN.md, Security).
        if self._autocrm_is_dealer_user():
            for vals in vals_list:
                vals.setdefault("company_id", self.env.company.id)
        return super().create(vals_list)

    def write(self, vals):
        if (
            "company_id" in vals
            and not vals["company_id"]
            and self._autocrm_is_dealer_user()
        ):
            raise UserError(
                self.env._(
                    "A customer must belong to a dealership: without one, every other "
                    "dealership would see it. Keep the company set."
                )
            )
        return super().write(vals)

    @api.model
    def _autocrm_customer_condition(self):
        """SQL condition on a ``partner`` alias of res_partner: the partner is a
        dealership's customer, an active individual of a dealership, neither a
        company nor a user.

        The dealerships come as an array computed once, not as a join: statistics
        of the small res_company table are often stale, and a join estimated at one
        dealership once led PostgreSQL to a nested loop over every customer.
        """
        return SQL(
            """
            partner.active
            AND partner.is_company IS NOT TRUE
            AND partner.company_id = ANY(ARRAY(
                    SELECT dealer.id FROM res_company dealer
                     WHERE dealer.autocrm_role = 'dealer'
                ))
            AND NOT EXISTS (
                    SELECT FROM res_users login WHERE login.partner_id = partner.id
                )
            """
        )

    @api.model
    def _cron_customer_value(self):
        """Store each customer's done visits (回店频次) and revenue of the last 12
        months, last visit date and value tiers (the 80/20 rule), nightly.

        One UPDATE whatever the number of customers, writing only the rows whose
        figures change, then the refresh of the customer value analysis; running it
        again gives the same result. A second run started while one is under way (a
        manual call beside the cron) steps aside instead of waiting on the same rows.
        """
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", self._name + ".value")
        )
        if not self.env.cr.fetchone()[0]:
            _logger.info("Customer value: another run is under way, skipped.")
            return
        self.env.flush_all()
        self.env.cr.execute(self._autocrm_customer_value_query())
        updated = self.env.cr.rowcount
        self.invalidate_model(VALUE_FIELDS)
        self.env["autocrm.customer.report.value"]._refresh()
        _logger.info("Customer value: %d partners updated.", updated)
        self.env["ir.cron"]._notify_progress(done=updated, remaining=0)

    @api.model
    def _autocrm_customer_value_query(self, company_days=None):
        """The UPDATE storing the customer value figures as of each dealership's
        today (``company_days``, by default ``res.company._autocrm_company_days()``).

        A visit is a done repair order, dated by its ``visit_date``; it counts for
        the repair order's customer, at whichever dealership it took place. Visits
        and revenue cover the last 12 months up to the visit dealership's today
        (in its time zone), today included: after the same day a year before, so
        from 1 March 2027 on 29 February 2028; the last visit date any time.
        Customers with revenue are ranked by it, highest first, ties by the earlier
        customer: per dealership (the customer's company) for
        ``autocrm_value_tier``, over the whole network for
        ``autocrm_value_tier_network``. Of the n customers ranked, the first
        round(n * 0.2) are A, the next round(n * 0.3) B and the rest C, .5 rounding
        upwards: 5 customers make 1 A, 2 B and 2 C; 7 make 1 A, 2 B, 4 C. A customer
        without revenue is C. Partners that are no longer customers lose their
        figures.
        """

        def tier(rank, ranked):
            return SQL(
                """
                CASE WHEN figure.revenue <= 0 THEN 'C'
                     WHEN %(rank)s <= round(%(ranked)s * %(a)s) THEN 'A'
                     WHEN %(rank)s <= round(%(ranked)s * %(a)s)
                                      + round(%(ranked)s * %(b)s) THEN 'B'
                     ELSE 'C'
                END
                """,
                rank=SQL.identifier("figure", rank),
                ranked=SQL.identifier("figure", ranked),
                a=VALUE_TIER_A_SHARE,
                b=VALUE_TIER_B_SHARE,
            )

        return SQL(
            """
            WITH visit AS (
                SELECT repair.partner_id,
                       count(*) FILTER (WHERE %(in_12_months)s) AS visit_count,
                       sum(repair.autocrm_revenue) FILTER (WHERE %(in_12_months)s)
                           AS revenue,
                       max(repair.visit_date) AS last_visit_date
                  FROM repair_order repair
                  JOIN %(company_days)s ON company_day.company_id = repair.company_id
                 WHERE repair.state = 'done'
                   AND repair.partner_id IS NOT NULL
                 GROUP BY repair.partner_id
            ),
            figure AS (
                SELECT partner.id,
                       coalesce(visit.visit_count, 0) AS visit_count,
                       coalesce(visit.revenue, 0) AS revenue,
                       visit.last_visit_date,
                       row_number() OVER dealer_ranking AS dealer_rank,
                       count(*) OVER dealer_ranked AS dealer_ranked,
                       row_number() OVER network_ranking AS network_rank,
                       count(*) OVER network_ranked AS network_ranked
                  FROM res_partner partner
                  LEFT JOIN visit ON visit.partner_id = partner.id
                 WHERE %(is_customer)s
                WINDOW dealer_ranked AS (
                           PARTITION BY partner.company_id,
                                        coalesce(visit.revenue, 0) > 0
                       ),
                       dealer_ranking AS (
                           dealer_ranked
                           ORDER BY coalesce(visit.revenue, 0) DESC, partner.id
                       ),
                       network_ranked AS (
                           PARTITION BY coalesce(visit.revenue, 0) > 0
                       ),
                       network_ranking AS (
                           network_ranked
                           ORDER BY coalesce(visit.revenue, 0) DESC, partner.id
                       )
            ),
            target AS (
                SELECT figure.id,
                       figure.visit_count,
                       figure.revenue,
                       figure.last_visit_date,
                       %(dealer_tier)s AS value_tier,
                       %(network_tier)s AS value_tier_network
                  FROM figure
                 UNION ALL
                SELECT partner.id, 0, 0, NULL, NULL, NULL
                  FROM res_partner partner
                 WHERE partner.autocrm_value_tier IS NOT NULL
                   AND (%(is_customer)s) IS NOT TRUE
            )
            UPDATE res_partner partner
               SET autocrm_visit_count = target.visit_count,
                   autocrm_revenue_12m = target.revenue,
                   autocrm_last_visit_date = target.last_visit_date,
                   autocrm_value_tier = target.value_tier,
                   autocrm_value_tier_network = target.value_tier_network
              FROM target
             WHERE partner.id = target.id
               AND (partner.autocrm_visit_count,
                    partner.autocrm_revenue_12m,
                    partner.autocrm_last_visit_date,
                    partner.autocrm_value_tier,
                    partner.autocrm_value_tier_network)
                   IS DISTINCT FROM
                   (target.visit_count,
                    target.revenue,
                    target.last_visit_date,
                    target.value_tier,
                    target.value_tier_network)
            """,
            is_customer=self._autocrm_customer_condition(),
            company_days=company_days
            or self.env["res.company"]._autocrm_company_days(),
            in_12_months=SQL(
                "repair.visit_date > (company_day.today - interval '1 year')::date "
                "AND repair.visit_date <= company_day.today"
            ),
            dealer_tier=tier("dealer_rank", "dealer_ranked"),
            network_tier=tier("network_rank", "network_ranked"),
        )
