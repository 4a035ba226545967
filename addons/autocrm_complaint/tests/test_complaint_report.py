from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.test_followup import make_vin

from .common import ComplaintCase

MEASURES = ["complaint_count:sum", "per_100_visits:sum"]


@tagged("post_install", "-at_install")
class TestComplaintsPer100Visits(ComplaintCase):
    """Complaints per 100 visits, as the pivot reads them, at every level. By
    hand:

    =========  ===================  ===================
    dealer     March 2025           April 2025
    =========  ===================  ===================
    A          4 visits, 1 compl.   0 visits, 1 compl.
    B          1 visit, 1 compl.    -
    C          5 visits, 0 compl.   -
    =========  ===================  ===================

    A: 2 / 4 = 50 (March 25, April none); B: 1 / 1 = 100; March: 2 / 10 = 20; the
    network: 3 / 10 = 30, where adding the dealerships' rates made 150."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_c = cls.env["res.company"].create(
            {"name": "Dealer C", "autocrm_role": "dealer", "dealer_code": "TC01"}
        )
        cls.advisor_c = cls._dealer_user("advisor_c", cls.dealer_c)
        cls.customer_c = cls.env["res.partner"].create(
            {"name": "Customer C", "company_id": cls.dealer_c.id}
        )
        vehicle_b, vehicle_c = cls.env["autocrm.vehicle"].create(
            [
                {
                    "vin": make_vin(serial, prefix="LFUR1A2B"),
                    "model_id": cls.sedan.id,
                    "sale_date": "2025-01-01",
                    "selling_dealer_id": dealer.id,
                    "dealer_ids": [Command.set(dealer.ids)],
                    "partner_id": partner.id,
                }
                for serial, dealer, partner in (
                    (1, cls.dealer_b, cls.customer_b),
                    (2, cls.dealer_c, cls.customer_c),
                )
            ]
        )
        for dealer, vehicle, count in (
            (cls.dealer_a, cls.vehicle_a, 4),
            (cls.dealer_b, vehicle_b, 1),
            (cls.dealer_c, vehicle_c, 5),
        ):
            # done visits, created done as an import would
            cls.env["repair.order"].with_company(dealer).create(
                [
                    {
                        "vehicle_id": vehicle.id,
                        "partner_id": vehicle.partner_id.id,
                        "visit_date": date(2025, 3, 1 + day),
                        "state": "done",
                    }
                    for day in range(count)
                ]
            )
        for dealer, partner, received_at in (
            (cls.dealer_a, cls.customer_a, datetime(2025, 3, 12, 4, 0)),
            (cls.dealer_a, cls.customer_a, datetime(2025, 4, 2, 4, 0)),
            (cls.dealer_b, cls.customer_b, datetime(2025, 3, 20, 4, 0)),
        ):
            cls._complaint(dealer=dealer, partner=partner, received_at=received_at)
        cls.env.flush_all()
        cls.domain = [
            ("company_id", "in", (cls.dealer_a | cls.dealer_b | cls.dealer_c).ids),
            ("received_date", ">=", "2025-03-01"),
            ("received_date", "<=", "2025-04-30"),
        ]

    def _pivot(self, groupby, user=None, domain=None):
        Report = self.env["autocrm.complaint.report"]
        if user:
            Report = Report.with_user(user)
        groups = Report.read_group(
            self.domain + (domain or []), MEASURES, groupby, lazy=False
        )
        return [
            (
                *(group[spec] for spec in groupby),
                group["complaint_count"],
                group["per_100_visits"],
            )
            for group in groups
        ]

    def test_network_total_is_weighted(self):
        self.assertEqual(self._pivot([]), [(3, 30.0)])

    def test_per_dealership(self):
        self.assertEqual(
            self._pivot(["company_id"]),
            [
                ((self.dealer_a.id, "Dealer A"), 2, 50.0),
                ((self.dealer_b.id, "Dealer B"), 1, 100.0),
            ],
        )

    def test_per_dealership_and_month(self):
        rows = self._pivot(["company_id", "received_date:month"])
        self.assertEqual(
            [(company[0], month, count, rate) for company, month, count, rate in rows],
            [
                (self.dealer_a.id, "March 2025", 1, 25.0),
                (self.dealer_a.id, "April 2025", 1, False),
                (self.dealer_b.id, "March 2025", 1, 100.0),
            ],
        )
        self.assertEqual(
            [row[1:] for row in self._pivot(["received_date:month"])],
            [(2, 20.0), (1, False)],
        )

    def test_category_counts_against_all_visits(self):
        """Grouped by what a visit has not, the group's complaints per 100 of all
        the visits."""
        [(category, count, rate)] = self._pivot(["category_id"])
        self.assertEqual(category[0], self.category_waiting.id)
        self.assertEqual((count, rate), (3, 30.0))
        self.assertEqual(
            self._pivot([], domain=[("category_id", "=", self.category_waiting.id)]),
            [(3, 30.0)],
        )

    def test_dealer_reads_its_own_figures(self):
        self.assertEqual(self._pivot([], user=self.advisor_a), [(2, 50.0)])
        self.assertEqual(self._pivot([], user=self.advisor_c), [(0, 0.0)])

    def test_sorted_by_the_rate(self):
        rows = self.env["autocrm.complaint.report"]._read_group(
            self.domain,
            ["company_id"],
            ["per_100_visits:sum"],
            order="per_100_visits:sum desc",
        )
        self.assertEqual(rows, [(self.dealer_b, 100.0), (self.dealer_a, 50.0)])
