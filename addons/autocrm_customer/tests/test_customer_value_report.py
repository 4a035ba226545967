from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import VIN_B, make_vin
from .test_customer_value import CustomerValueCase


class ValueReportCase(CustomerValueCase):
    """Dealer A (north, grade A) with customer A's sedan, a second customer with an
    SUV and a sedan, a third customer without a vehicle; dealer B's customer with
    a vehicle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a.dealer_region = "north"
        cls.dealer_b.dealer_region = "south"
        cls.suv = cls.env["product.product"].create(
            {"name": "Test SUV", "autocrm_is_vehicle_model": True}
        )
        cls.customer_a2, cls.customer_a3 = cls._customers(
            cls.dealer_a, "Customer A2", "Customer A3"
        )
        cls.suv_a2, cls.sedan_a2 = cls._vehicles(
            cls.dealer_a, cls.customer_a2, [(1, cls.suv), (2, cls.sedan)]
        )
        cls.vehicle_b = cls.env["autocrm.vehicle"].create(
            {
                "vin": VIN_B,
                "model_id": cls.sedan.id,
                "sale_date": "2024-06-01",
                "dealer_ids": [Command.set(cls.dealer_b.ids)],
                "partner_id": cls.customer_b.id,
            }
        )

    @classmethod
    def _vehicles(cls, dealer, partner, serials_models):
        return cls.env["autocrm.vehicle"].create(
            [
                {
                    "vin": make_vin(serial, prefix="LVAL1B2C"),
                    "model_id": model.id,
                    "selling_dealer_id": dealer.id,
                    "dealer_ids": [Command.set(dealer.ids)],
                    "partner_id": partner.id,
                }
                for serial, model in serials_models
            ]
        )

    def _read_group(self, model, user, groupby, fields):
        # the OEM also sees the demo dealerships: keep to the test's two
        domain = [("company_id", "in", (self.dealer_a | self.dealer_b).ids)]
        Report = self.env[model].with_user(user)
        groups = Report.read_group(domain, fields, groupby, lazy=False)
        return {
            tuple(self._group_key(group[key]) for key in groupby): tuple(
                group[field.split(":")[0]] for field in fields
            )
            for group in groups
        }

    def _group_key(self, value):
        # many2one groups come as (id, name)
        return value[0] if isinstance(value, tuple | list) else value


@tagged("post_install", "-at_install")
class TestVehicleVisitReport(ValueReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # customer A's sedan sold 2025-01-01, the SUV 2022-03-01
        cls.suv_a2.sale_date = "2022-03-01"
        cls._done_visits(
            cls.dealer_a,
            [
                cls._visit(cls.customer_a, 100, "2025-03-10", cls.vehicle_a),
                cls._visit(cls.customer_a, 200, "2025-09-15", cls.vehicle_a),
                cls._visit(cls.customer_a, 400, "2026-02-20", cls.vehicle_a),
                cls._visit(cls.customer_a2, 300, "2025-05-20", cls.suv_a2),
            ],
        )
        cls.env["repair.order"].with_company(cls.dealer_a).create(
            [cls._visit(cls.customer_a, 800, "2025-10-01", cls.vehicle_a)]
        )
        cls._done_visits(
            cls.dealer_b,
            [cls._visit(cls.customer_b, 999, "2025-04-01", cls.vehicle_b)],
        )

    def test_visits_and_revenue_per_vehicle_per_year(self):
        fields = ["visit_count:sum", "revenue:sum"]
        report = "autocrm.vehicle.report.visit"
        a, suv = self.vehicle_a.id, self.suv_a2.id
        self.assertEqual(
            self._read_group(
                report, self.advisor_a, ["vehicle_id", "visit_date:year"], fields
            ),
            {
                (a, "2025"): (2, 300),
                (a, "2026"): (1, 400),
                (suv, "2025"): (1, 300),
            },
            "the draft repair order is no visit; dealer B's visit is not shown",
        )
        # years from the sale to the visit
        self.assertEqual(
            self._read_group(report, self.advisor_a, ["vehicle_age"], fields),
            {(0,): (2, 300), (1,): (1, 400), (3,): (1, 300)},
        )
        self.assertEqual(
            self._read_group(
                report,
                self.oem_user,
                ["dealer_region", "dealer_grade", "model_id"],
                fields,
            ),
            {
                ("north", "A", self.sedan.id): (3, 700),
                ("north", "A", self.suv.id): (1, 300),
                ("south", "C", self.sedan.id): (1, 999),
            },
        )

    def test_dealer_reads_only_visits_at_its_dealership(self):
        Report = self.env["autocrm.vehicle.report.visit"]
        visit_b = Report.search([("company_id", "=", self.dealer_b.id)])
        self.assertEqual(len(visit_b), 1)
        as_a = Report.with_user(self.advisor_a)
        self.assertEqual(len(as_a.search([])), 4)
        self.assertFalse(as_a.search([("vehicle_id", "=", self.vehicle_b.id)]))
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            as_a.browse(visit_b.id).read(["revenue"])
        self.assertEqual(
            Report.with_user(self.advisor_b).search([]).repair_id.partner_id,
            self.customer_b,
        )


@tagged("post_install", "-at_install")
class TestCustomerValueReport(ValueReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle_a.sale_date = cls.today - relativedelta(years=2, days=5)
        cls.suv_a2.sale_date = cls.today - relativedelta(years=5, days=5)
        cls.sedan_a2.sale_date = cls.today - relativedelta(years=1, days=5)
        cls._done_visits(
            cls.dealer_a,
            [
                cls._visit(cls.customer_a, 600, cls._days_ago(30), cls.vehicle_a),
                cls._visit(cls.customer_a, 400, cls._days_ago(200), cls.vehicle_a),
                cls._visit(cls.customer_a2, 300, cls._days_ago(60), cls.suv_a2),
                # older than 12 months, after the sale (1 year and 5 days ago)
                cls._visit(cls.customer_a2, 700, cls._days_ago(368), cls.sedan_a2),
            ],
        )
        cls._done_visits(
            cls.dealer_b,
            [cls._visit(cls.customer_b, 999, cls._days_ago(10), cls.vehicle_b)],
        )
        cls.env["res.partner"]._cron_customer_value()

    def test_customers_by_tier_model_and_vehicle_age(self):
        # Dealer A ranks 2 customers with revenue: round(0.4) = 0 A, round(0.6) = 1
        # B (customer A, 1,000), then C (customer A2, 300; customer A3, none)
        self.assertEqual(
            (self.customer_a | self.customer_a2 | self.customer_a3).mapped(
                "autocrm_value_tier"
            ),
            ["B", "C", "C"],
        )
        fields = [
            "customer_count:sum",
            "vehicle_count:sum",
            "visit_count:sum",
            "revenue:sum",
            "revenue_per_vehicle:avg",
            "visit_frequency:avg",
        ]
        report = "autocrm.customer.report.value"
        self.assertEqual(
            self._read_group(report, self.advisor_a, ["value_tier"], fields),
            {
                ("B",): (1, 1, 2, 1000, 1000, 2),
                # customer A2's SUV (300, 1 visit) and sedan (nothing in 12
                # months), customer A3 without a vehicle
                ("C",): (2, 2, 1, 300, 150, 0.5),
            },
        )
        # customer A2 counts once, on the sedan sold last
        self.assertEqual(
            self._read_group(report, self.advisor_a, ["model_id"], fields),
            {
                (self.sedan.id,): (2, 2, 2, 1000, 500, 1),
                (self.suv.id,): (0, 1, 1, 300, 300, 1),
                (False,): (1, 0, 0, 0, False, False),
            },
        )
        self.assertEqual(
            self._read_group(report, self.advisor_a, ["vehicle_age"], fields[3:4]),
            {(1,): (0,), (2,): (1000,), (5,): (300,), (False,): (0,)},
        )
        self.assertEqual(
            self._read_group(
                report, self.oem_user, ["dealer_region", "dealer_grade"], fields[:4]
            ),
            {("north", "A"): (3, 3, 3, 1300), ("south", "C"): (1, 1, 1, 999)},
        )

    def test_dealer_reads_only_its_customers(self):
        Report = self.env["autocrm.customer.report.value"]
        row_b = Report.search([("partner_id", "=", self.customer_b.id)])
        self.assertEqual(row_b.vehicle_id, self.vehicle_b)
        # alone at dealer B: round(0.2) = 0 A, round(0.3) = 0 B; second of the 3
        # customers with revenue in the network: round(0.6) = 1 A, round(0.9) = 1 B
        self.assertEqual(row_b.value_tier, "C")
        self.assertEqual(row_b.value_tier_network, "B")
        as_a = Report.with_user(self.advisor_a)
        self.assertEqual(
            as_a.search([]).partner_id,
            self.customer_a | self.customer_a2 | self.customer_a3,
        )
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            as_a.browse(row_b.id).read(["revenue"])

    def test_dealer_opens_the_analyses(self):
        for xmlid in (
            "autocrm_customer.autocrm_customer_report_value_action",
            "autocrm_customer.autocrm_vehicle_report_visit_action",
        ):
            with self.subTest(action=xmlid):
                action = self.env.ref(xmlid)
                views = (
                    self.env[action.res_model]
                    .with_user(self.advisor_a)
                    .get_views(
                        [(False, mode) for mode in action.view_mode.split(",")]
                        + [(action.search_view_id.id, "search")]
                    )
                )
                self.assertEqual(
                    set(views["views"]), {"pivot", "graph", "list", "search"}
                )
