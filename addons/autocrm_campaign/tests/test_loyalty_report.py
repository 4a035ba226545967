from datetime import date

from odoo.tests import freeze_time, tagged

from .retention_common import ChurnCase


@tagged("post_install", "-at_install")
class TestLoyaltyReport(ChurnCase):
    def test_relationship_visits_churn_and_retention(self):
        loyal = self.customer_a
        lost = self._customer("Lost Customer")
        for months in (40, 24, 18, 6):
            self._visit(loyal, self._months_ago(months))
        self._visit(lost, self._months_ago(30))
        self._visit(lost, self._months_ago(20))
        self.Case._cron_churn_detect()  # refreshes the analysis

        Loyalty = self.env["autocrm.customer.report.loyalty"]
        rows = Loyalty.search([("partner_id", "in", (loyal | lost).ids)])
        self.assertRecordValues(
            rows.sorted(lambda r: r.partner_id.id),
            [
                {
                    "partner_id": loyal.id,
                    "company_id": self.dealer_a.id,
                    "loyalty_state": "active",
                    "relationship_band": "3",
                    "visit_count": 4,
                    "churn_rate": 0.0,
                    # visited 12 to 24 months ago and came back within 12 months
                    "retention_rate": 100.0,
                    "first_visit_date": self._months_ago(40),
                    "last_visit_date": self._months_ago(6),
                },
                {
                    "partner_id": lost.id,
                    "company_id": self.dealer_a.id,
                    "loyalty_state": "lost",
                    "relationship_band": "0",
                    "visit_count": 2,
                    "churn_rate": 100.0,
                    "retention_rate": 0.0,
                    "first_visit_date": self._months_ago(30),
                    "last_visit_date": self._months_ago(20),
                },
            ],
        )
        loyal_row = rows.filtered(lambda r: r.partner_id == loyal)
        self.assertAlmostEqual(loyal_row.relationship_years, 40 / 12, delta=0.02)
        self.assertAlmostEqual(loyal_row.visits_per_year, 4 / (40 / 12), delta=0.02)
        # averaged by dealership: one customer of two lost
        groups = Loyalty._read_group(
            [("id", "in", rows.ids)], ["company_id"], ["churn_rate:avg"]
        )
        self.assertEqual(groups, [(self.dealer_a, 50.0)])

    def test_visits_per_year_weighted_at_every_level(self):
        """Visits per year of a group are its visits over its years counted, not
        the average of its customers' rates: 4 visits over 40 months and 1 over
        the year counted for a customer of 2 months make 5 / (40 / 12 + 1) =
        1.15, where averaging the rates made 1.1."""
        loyal = self.customer_a
        new = self._customer("New Customer")
        for months in (40, 24, 18, 6):
            self._visit(loyal, self._months_ago(months))
        self._visit(new, self._months_ago(2))
        self.Case._cron_churn_detect()  # refreshes the analysis

        Loyalty = self.env["autocrm.customer.report.loyalty"]
        domain = [("partner_id", "in", (loyal | new).ids)]
        rows = Loyalty.search(domain)
        self.assertEqual(rows.filtered(lambda r: r.partner_id == new).visit_years, 1)
        [(visits, years, per_year)] = Loyalty._read_group(
            domain, [], ["visit_count:sum", "visit_years:sum", "visits_per_year:avg"]
        )
        self.assertEqual(visits, 5)
        self.assertAlmostEqual(per_year, visits / years, places=6)
        self.assertAlmostEqual(per_year, 5 / (40 / 12 + 1), delta=0.02)
        [(company, per_year_by_dealer)] = Loyalty._read_group(
            domain, ["company_id"], ["visits_per_year:sum"]
        )
        self.assertEqual(company, self.dealer_a)
        self.assertAlmostEqual(per_year_by_dealer, visits / years, places=6)

    def test_status_by_the_dealership_day_of_the_run(self):
        """The analysis ends on the day the nightly run detected churn by, the
        dealership's: last seen on 2027-03-31, a customer is at risk from
        2028-01-01, which starts at 16:30 UTC in Shanghai."""
        self._visit(self.customer_a, "2027-03-31")
        Loyalty = self.env["autocrm.customer.report.loyalty"].with_user(self.manager_a)
        with freeze_time("2027-12-31 15:30:00"):
            self.Case._cron_churn_detect()
            row = Loyalty.search([("partner_id", "=", self.customer_a.id)])
            self.assertEqual(row.loyalty_state, "active")
        with freeze_time("2027-12-31 16:30:00"):
            self.Case._cron_churn_detect()
            row = Loyalty.search([("partner_id", "=", self.customer_a.id)])
            self.assertRecordValues(
                row,
                [
                    {
                        "loyalty_state": "at_risk",
                        "last_visit_date": date(2027, 3, 31),
                        "at_risk_rate": 100.0,
                    }
                ],
            )
