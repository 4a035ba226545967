from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutocrmCase

# ISO 3779 transliteration and position weights, to make valid VINs for test vehicles


class CustomerValueCase(AutocrmCase):
    """Helpers to make done workshop visits whose revenue comes, as in real life,
    from the confirmed quotation of the repair order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part = cls.env["product.product"].create(
            {"name": "Service Part", "type": "consu", "list_price": 1.0, "taxes_id": []}
        )

    @classmethod
    def _customers(cls, dealer, *names):
        return cls.env["res.partner"].create(
            [{"name": name, "company_id": dealer.id} for name in names]
        )

    @classmethod
    def _days_ago(cls, days):
        return cls.today - relativedelta(days=days)

    @classmethod
    def _visit(cls, partner, revenue, visit_date, vehicle=None):
        """Values of a visit whose quotation is ``revenue`` parts at 1.0 each."""
        parts = [
            Command.create(
                {
                    "product_id": cls.part.id,
                    "product_uom_qty": revenue,
                    "repair_line_type": "add",
                }
            )
        ]
        return {
            "partner_id": partner.id,
            "vehicle_id": vehicle and vehicle.id,
            "visit_date": visit_date,
            "move_ids": parts if revenue else [],
        }

    @classmethod
    def _done_visits(cls, dealer, vals_list):
        """Repair orders at ``dealer``, their quotations confirmed, repaired."""
        repairs = cls.env["repair.order"].with_company(dealer).create(vals_list)
        paid = repairs.filtered("move_ids")
        for repair in paid:
            # Repairs' "Create Quotation" handles one repair order at a time
            repair.action_create_sale_order()
        paid.sale_order_id.action_confirm()
        repairs.action_repair_start()
        repairs.action_repair_end()
        return repairs

    def _run_cron(self):
        self.env["res.partner"]._cron_customer_value()

    def _figures(self, partners):
        return {
            partner.name: (
                partner.autocrm_visit_count,
                partner.autocrm_revenue_12m,
                partner.autocrm_value_tier,
                partner.autocrm_value_tier_network,
            )
            for partner in partners
        }


@tagged("post_install", "-at_install")
class TestCustomerValue(CustomerValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Dealer A: ten customers with revenue, 1,000 down to 100
        cls.ranked_a = cls._customers(
            cls.dealer_a, *(f"A{i:02d}" for i in range(1, 11))
        )
        cls.no_visit, cls.no_revenue, cls.lapsed = cls._customers(
            cls.dealer_a, "A no visit", "A no revenue", "A lapsed"
        )
        cls.old_date = cls._days_ago(400)
        visits = [
            cls._visit(customer, 1000 - 100 * index, cls._days_ago(10 + index))
            for index, customer in enumerate(cls.ranked_a)
            if customer.name != "A02"
        ]
        a01, a02 = cls.ranked_a[:2]
        visits += [
            # A02's 900 in two visits
            cls._visit(a02, 500, cls._days_ago(100)),
            cls._visit(a02, 400, cls._days_ago(20)),
            # older than 12 months: not counted, not the last visit
            cls._visit(a01, 2000, cls.old_date),
            cls._visit(cls.no_revenue, 0, cls._days_ago(5)),
            cls._visit(cls.lapsed, 5000, cls.old_date),
        ]
        cls.repairs_a = cls._done_visits(cls.dealer_a, visits)
        # Dealer B: five customers ranked on their own
        cls.ranked_b = cls._customers(cls.dealer_b, "B1", "B2", "B3", "B4", "B5")
        cls._done_visits(
            cls.dealer_b,
            [
                cls._visit(customer, revenue, cls._days_ago(30))
                for customer, revenue in zip(
                    cls.ranked_b, [1500, 1200, 850, 50, 20], strict=True
                )
            ],
        )

    def test_figures_and_tiers_per_dealership_and_network(self):
        self._run_cron()
        # Dealer A: 10 customers with revenue, round(2.0) = 2 A, round(3.0) = 3 B.
        # Dealer B: 5, round(1.0) = 1 A, round(1.5) = 2 B (.5 rounds upwards).
        # Network: 15, round(3.0) = 3 A (1500, 1200, 1000), round(4.5) = 5 B
        # (900, 850, 800, 700, 600), the rest C.
        self.assertEqual(
            self._figures(self.ranked_a),
            {
                "A01": (1, 1000, "A", "A"),
                "A02": (2, 900, "A", "B"),
                "A03": (1, 800, "B", "B"),
                "A04": (1, 700, "B", "B"),
                "A05": (1, 600, "B", "B"),
                "A06": (1, 500, "C", "C"),
                "A07": (1, 400, "C", "C"),
                "A08": (1, 300, "C", "C"),
                "A09": (1, 200, "C", "C"),
                "A10": (1, 100, "C", "C"),
            },
        )
        self.assertEqual(
            self._figures(self.ranked_b),
            {
                "B1": (1, 1500, "A", "A"),
                "B2": (1, 1200, "B", "A"),
                "B3": (1, 850, "B", "B"),
                "B4": (1, 50, "C", "C"),
                "B5": (1, 20, "C", "C"),
            },
        )
        # A01's visit of 400 days ago is neither counted nor its last visit
        self.assertEqual(self.ranked_a[0].autocrm_last_visit_date, self._days_ago(10))
        self.assertEqual(
            self._figures(self.no_visit | self.no_revenue | self.lapsed),
            {
                "A no visit": (0, 0, "C", "C"),
                "A no revenue": (1, 0, "C", "C"),
                "A lapsed": (0, 0, "C", "C"),
            },
        )

    def test_last_visit_date_of_done_visits_any_time(self):
        a01 = self.ranked_a[0]
        self.repairs_a.filtered(lambda r: r.partner_id == a01).write(
            {"visit_date": fields.Date.to_string(self.old_date)}
        )
        draft = (
            self.env["repair.order"]
            .with_company(self.dealer_a)
            .create({"partner_id": a01.id, "visit_date": self._days_ago(1)})
        )
        self._run_cron()
        self.assertEqual(a01.autocrm_last_visit_date, self.old_date)
        self.assertEqual(self.lapsed.autocrm_last_visit_date, self.old_date)
        self.assertEqual(self.ranked_a[1].autocrm_last_visit_date, self._days_ago(20))
        self.assertFalse(self.no_visit.autocrm_last_visit_date)
        self.assertEqual(draft.state, "draft", "a visit counts once it is done")

    def test_visits_leaving_the_12_months_reset_and_rerank(self):
        self._run_cron()
        a01, a02, a03 = self.ranked_a[:3]
        visit_a03 = self.repairs_a.filtered(lambda r: r.partner_id == a03)
        one_year_ago = self.today - relativedelta(years=1)
        # a visit counts until it is exactly 12 months old
        visit_a03.write({"visit_date": one_year_ago + relativedelta(days=1)})
        self._run_cron()
        self.assertEqual(self._figures(a03)["A03"], (1, 800, "B", "B"))
        visit_a03.write({"visit_date": one_year_ago})
        self._run_cron()
        self.assertEqual(self._figures(a03)["A03"], (0, 0, "C", "C"))
        self.assertEqual(a03.autocrm_last_visit_date, one_year_ago)
        # 9 customers left: round(1.8) = 2 A, round(2.7) = 3 B
        self.assertEqual(
            {p.name: p.autocrm_value_tier for p in self.ranked_a - a03},
            {
                "A01": "A",
                "A02": "A",
                "A04": "B",
                "A05": "B",
                "A06": "B",
                "A07": "C",
                "A08": "C",
                "A09": "C",
                "A10": "C",
            },
        )
        self.assertEqual((a01 | a02).mapped("autocrm_value_tier"), ["A", "A"])

    def test_only_dealership_customers_get_tiers(self):
        fleet = self.env["res.partner"].create(
            {"name": "Fleet Co", "is_company": True, "company_id": self.dealer_a.id}
        )
        oem_customer = self.env["res.partner"].create(
            {"name": "OEM contact", "company_id": self.oem.id}
        )
        archived = self.ranked_a[-1]
        self._run_cron()
        self.assertEqual(archived.autocrm_value_tier, "C")
        archived.action_archive()
        not_customers = (
            fleet
            | oem_customer
            | self.dealer_a.partner_id
            | self.advisor_a.partner_id
            | archived
        )
        self._done_visits(
            self.dealer_a,
            [
                self._visit(partner, 3000, self._days_ago(3))
                for partner in not_customers - archived - oem_customer
            ],
        )
        self._done_visits(
            self.oem, [self._visit(oem_customer, 3000, self._days_ago(3))]
        )
        self._run_cron()
        for partner in not_customers:
            with self.subTest(partner=partner.name):
                self.assertFalse(partner.autocrm_value_tier)
                self.assertFalse(partner.autocrm_value_tier_network)
                self.assertEqual(partner.autocrm_visit_count, 0)
                self.assertEqual(partner.autocrm_revenue_12m, 0)
        self.assertEqual(self.ranked_a[0].autocrm_value_tier, "A")

    def test_rounding_ties_and_small_dealerships(self):
        dealer_c, dealer_d = self.env["res.company"].create(
            [
                {"name": "Dealer C", "autocrm_role": "dealer", "dealer_code": "TC01"},
                {"name": "Dealer D", "autocrm_role": "dealer", "dealer_code": "TD01"},
            ]
        )
        # 7 customers: round(1.4) = 1 A, round(2.1) = 2 B, 4 C; the tie at the top
        # goes to the earlier customer
        seven = self._customers(dealer_c, *(f"C{i}" for i in range(1, 8)))
        revenues = [700, 700, 500, 400, 300, 200, 100]
        self._done_visits(
            dealer_c,
            [
                self._visit(customer, revenue, self._days_ago(7))
                for customer, revenue in zip(seven, revenues, strict=True)
            ],
        )
        # 1 customer: round(0.2) = 0 A, round(0.3) = 0 B
        alone = self._customers(dealer_d, "D1")
        self._done_visits(dealer_d, [self._visit(alone, 9000, self._days_ago(7))])
        self._run_cron()
        self.assertEqual(
            seven.mapped("autocrm_value_tier"), ["A", "B", "B", "C", "C", "C", "C"]
        )
        self.assertEqual(alone.autocrm_value_tier, "C")
        # network-wide it is the biggest customer of 23: round(4.6) = 5 A
        self.assertEqual(alone.autocrm_value_tier_network, "A")

    def test_cron_is_idempotent(self):
        self._run_cron()
        before = self._figures(self.ranked_a | self.ranked_b)
        # the level is left out: Odoo also names its level 25 "INFO"
        with self.assertLogs("odoo.addons.autocrm_customer.models.res_partner") as logs:
            self._run_cron()
        self.assertEqual(
            logs.output,
            [
                "INFO:odoo.addons.autocrm_customer.models.res_partner:"
                "Customer value: 0 partners updated."
            ],
            "a second run changes no row",
        )
        self.assertEqual(self._figures(self.ranked_a | self.ranked_b), before)

    def test_scheduled_action(self):
        cron = self.env.ref("autocrm_customer.ir_cron_customer_value")
        self.assertEqual(cron.model_id.model, "res.partner")
        self.assertEqual(cron.interval_type, "days")
        cron.method_direct_trigger()
        self.assertEqual(self.ranked_a[0].autocrm_value_tier, "A")

    def test_dealer_reads_own_customers_tiers_only(self):
        self._run_cron()
        self.env.invalidate_all()
        a01 = self.ranked_a[0].with_user(self.advisor_a)
        self.assertEqual(a01.autocrm_value_tier, "A")
        self.assertEqual(a01.autocrm_revenue_12m, 1000)
        found = (
            self.env["res.partner"]
            .with_user(self.advisor_a)
            .search([("autocrm_value_tier", "=", "A")])
        )
        self.assertEqual(set(found.ids), set(self.ranked_a[:2].ids))
        b1 = self.ranked_b[0].with_user(self.advisor_a)
        with self.assertRaises(AccessError):
            b1.read(["autocrm_value_tier"])
        self.assertEqual(
            self.ranked_b[0].with_user(self.oem_user).autocrm_value_tier, "A"
        )


@tagged("post_install", "-at_install", "is_query_count")
class TestCustomerValueQueryCount(CustomerValueCase):
    def test_query_count_does_not_depend_on_customers(self):
        for count in (3, 30):
            with self.subTest(customers=count):
                customers = self._customers(
                    self.dealer_a, *(f"Q{count}-{i}" for i in range(count))
                )
                self._done_visits(
                    self.dealer_a,
                    [
                        self._visit(customer, 0, self._days_ago(i + 1))
                        for i, customer in enumerate(customers)
                    ],
                )
                # the advisory lock, the companies' days, the UPDATE, the refresh
                # of the analysis
                with self.assertQueryCount(4):
                    self._run_cron()
                self.assertEqual(customers.mapped("autocrm_visit_count"), [1] * count)
