from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StaffCase


@tagged("post_install", "-at_install")
class TestQualityReport(StaffCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vehicle_1, vehicle_2 = cls._vehicle(), cls._vehicle()
        # vehicle 1 comes back for a repair 10 days after its service: the service
        # was not fixed the first time; the repair was
        cls._done_visit(vehicle_1, -20, cls.advisor_a)
        cls._done_visit(vehicle_1, -10, cls.advisor_a, visit_type="repair")
        # vehicle 2: a maintenance after a repair is no comeback, and a repair
        # 40 days later is too late to count
        cls._done_visit(vehicle_2, -60, cls.advisor_a, visit_type="repair")
        cls._done_visit(vehicle_2, -55, cls.advisor_a)
        cls._done_visit(vehicle_2, -15, cls.advisor_a, visit_type="repair")
        # follow-ups: 2 on time, 1 late, 1 still planned; satisfaction 3 and 5
        cls._followup(cls.advisor_a, due=-10, done=-11, satisfaction="3")
        cls._followup(cls.advisor_a, due=-9, done=-9, satisfaction="5")
        cls._followup(cls.advisor_a, due=-8, done=-6)
        cls._followup(cls.advisor_a, due=-1)
        cls._followup(cls.advisor_a, due=-1, state="cancelled")
        vehicle_b = cls._vehicle(dealer=cls.dealer_b, partner=cls.customer_b)
        cls._done_visit(vehicle_b, -5, cls.advisor_b, dealer=cls.dealer_b)
        cls._followup(
            cls.advisor_b,
            due=-2,
            done=-2,
            company=cls.dealer_b,
            partner=cls.customer_b,
        )

    def _figures(self, Report, domain):
        fields_ = [
            "followup_count:sum",
            "done_count:sum",
            "on_time_count:sum",
            "completion_rate:avg",
            "on_time_rate:avg",
            "satisfaction:avg",
            "visit_count:sum",
            "first_time_fix_rate:avg",
        ]
        [row] = Report.read_group(domain, fields_, [])
        return {name.split(":")[0]: row[name.split(":")[0]] for name in fields_}

    def test_figures_per_staff_member(self):
        Report = self._as(self.manager_a, "autocrm.staff.report.quality")
        figures = self._figures(Report, [("user_id", "=", self.advisor_a.id)])
        self.assertEqual(figures["followup_count"], 4, "the cancelled one is left out")
        self.assertEqual(figures["done_count"], 3)
        self.assertEqual(figures["on_time_count"], 2)
        self.assertEqual(figures["completion_rate"], 75.0)
        self.assertEqual(figures["on_time_rate"], 50.0)
        self.assertEqual(figures["satisfaction"], 4.0)
        self.assertEqual(figures["visit_count"], 5)
        # 4 of 5 visits fixed the first time
        self.assertEqual(figures["first_time_fix_rate"], 80.0)

    def test_dealer_isolation(self):
        Report = self._as(self.manager_a, "autocrm.staff.report.quality")
        rows = Report.search([])
        self.assertEqual(rows.company_id, self.dealer_a)
        self.assertEqual(len(rows), 9)
        row_b = self.env["autocrm.staff.report.quality"].search(
            [("company_id", "=", self.dealer_b.id)], limit=1
        )
        with self.assertRaises(AccessError):
            Report.browse(row_b.id).read(["visit_count"])
        Oem = self._as(self.oem_user, "autocrm.staff.report.quality")
        self.assertIn(self.dealer_b, Oem.search([]).company_id)
