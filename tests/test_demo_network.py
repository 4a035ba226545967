"""The demo network's generated history (tools/demo_network.py), as a newcomer finds
it after ``./bin/autocrm run``: logged in as the demo users, the analyses show
money, grades, rates and times, not zeros.

On a copy of the test database (CREATE DATABASE ... TEMPLATE), with half the
generated owners (``--scale 0.5``) to keep the test short; the figures are read
over JSON-RPC as the demo users, through their record rules.
"""

import subprocess
import sys
import unittest

from .common import (
    ROOT,
    TEST_DB,
    odoo_command,
    pg_execute,
    problem_lines,
    requires_test_db,
)
from .rpc import Client, start_server

DEMO_DB = f"{TEST_DB}_demo_network"
TOOL = ROOT / "tools" / "demo_network.py"
DEALERS = ("bj01", "sh02", "gz03", "wh04", "zz05", "cq06")
# the tables whose rows a second run must leave as they are
TABLES = (
    "res_partner",
    "autocrm_vehicle",
    "repair_order",
    "sale_order",
    "autocrm_followup",
    "autocrm_complaint",
    "autocrm_warranty_claim",
    "autocrm_campaign",
    "autocrm_appraisal",
    "autocrm_retention_case",
    "mail_message",
)


def drop_demo_db():
    pg_execute(f'DROP DATABASE IF EXISTS "{DEMO_DB}" WITH (FORCE)')


def generate():
    """Run the generator on the copy: its output (stdout and stderr)."""
    cmd = [sys.executable, str(TOOL), *odoo_command(DEMO_DB)[3:], "--scale", "0.5"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    output = proc.stdout + proc.stderr
    if proc.returncode:
        raise AssertionError(f"demo_network.py failed:\n{output[-5000:]}")
    return output


def row_counts():
    return {
        table: pg_execute(f"SELECT count(*) FROM {table}", dbname=DEMO_DB)[0][0]
        for table in TABLES
    }


@requires_test_db
class TestDemoNetwork(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_demo_db()
        pg_execute(f'CREATE DATABASE "{DEMO_DB}" TEMPLATE "{TEST_DB}"')
        cls.addClassCleanup(drop_demo_db)
        cls.first_output = generate()
        cls.counts = row_counts()
        cls.second_output = generate()
        cls.url, stop_server = start_server(DEMO_DB)
        cls.addClassCleanup(stop_server)
        cls.users = {}

    def client(self, login):
        if login not in self.users:
            self.users[login] = Client(self.url, DEMO_DB, login)
        return self.users[login]

    def read_group(self, login, model, fields, groupby, domain=()):
        return self.client(login).call(
            model, "read_group", list(domain), fields, groupby, lazy=False
        )

    def test_runs_clean_and_once(self):
        """The generator logs no warning or error, and a second run finds its
        marker and adds nothing."""
        self.assertEqual(problem_lines(self.first_output), [])
        self.assertIn("already has its demo network", self.second_output)
        self.assertEqual(row_counts(), self.counts)

    def test_customer_value_tiers(self):
        """Every dealership's manager sees customers in tiers A, B and C, each
        with revenue."""
        for dealer in DEALERS:
            with self.subTest(dealer=dealer):
                groups = self.read_group(
                    f"{dealer}.manager",
                    "autocrm.customer.report.value",
                    ["revenue:sum", "customer_count:sum"],
                    ["value_tier"],
                )
                revenue = {g["value_tier"]: g["revenue"] for g in groups}
                self.assertEqual(set(revenue), {"A", "B", "C"})
                self.assertTrue(all(amount > 0 for amount in revenue.values()))
                self.assertGreater(revenue["A"], revenue["C"] / 10)

    def test_visits_by_month(self):
        """An advisor's visit analysis has a year of months with visits and money."""
        for dealer in DEALERS:
            with self.subTest(dealer=dealer):
                groups = self.read_group(
                    f"{dealer}.advisor",
                    "autocrm.vehicle.report.visit",
                    ["revenue:sum", "visit_count:sum"],
                    ["visit_date:month"],
                )
                paid = [g for g in groups if g["revenue"] > 0]
                self.assertGreaterEqual(len(paid), 12)

    def test_campaign_roi(self):
        """The campaigns that cost something earned something: no ROI of -1."""
        for login in ("oem.manager", "bj01.manager", "cq06.manager"):
            with self.subTest(login=login):
                campaigns = self.client(login).call(
                    "autocrm.campaign",
                    "search_read",
                    [("cost", ">", 0)],
                    ["roi", "responded_count", "revenue"],
                )
                self.assertTrue(campaigns)
                for campaign in campaigns:
                    self.assertGreater(campaign["roi"], -1)
                    self.assertGreater(campaign["revenue"], 0)

    def test_appraisals_scored_and_graded(self):
        """Managers and HR see scored appraisals, and not all of one grade."""
        ratings = set()
        for login in ("bj01.hr", *(f"{dealer}.manager" for dealer in DEALERS)):
            with self.subTest(login=login):
                appraisals = self.client(login).call(
                    "autocrm.appraisal",
                    "search_read",
                    [("period_id.state", "=", "published")],
                    ["overall_score", "results_score", "rating"],
                )
                self.assertTrue(appraisals)
                self.assertTrue(all(a["overall_score"] > 0 for a in appraisals))
                self.assertTrue(any(a["results_score"] > 0 for a in appraisals))
                ratings.update(a["rating"] for a in appraisals)
        self.assertGreater(len(ratings), 1, ratings)

    def test_claim_cycle_time_and_rejection_rate(self):
        """The claims centre sees claims paid after days, some rejected, others
        still in review."""
        [totals] = self.read_group(
            "oem.claims",
            "autocrm.warranty.claim.report",
            ["cycle_days:avg", "rejection_rate:avg", "claim_count:sum"],
            [],
        )
        self.assertGreater(totals["cycle_days"], 3)
        self.assertGreater(totals["rejection_rate"], 0)
        states = {
            g["state"]
            for g in self.read_group(
                "oem.claims", "autocrm.warranty.claim", ["state"], ["state"]
            )
        }
        self.assertLessEqual({"rejected", "paid"}, states)
        self.assertGreaterEqual(len(states), 3, states)

    def test_loyalty_retention(self):
        """Each dealership's loyalty analysis has a retention rate."""
        for dealer in DEALERS:
            with self.subTest(dealer=dealer):
                [totals] = self.read_group(
                    f"{dealer}.manager",
                    "autocrm.customer.report.loyalty",
                    ["retention_rate:avg", "customer_count:sum"],
                    [],
                )
                self.assertGreater(totals["retention_rate"] or 0, 0)

    def test_complaints_and_followups(self):
        """Complaints with handling times and satisfaction; follow-ups mostly done,
        with satisfaction scores."""
        for dealer in DEALERS:
            with self.subTest(dealer=dealer):
                login = f"{dealer}.manager"
                [complaints] = self.read_group(
                    login,
                    "autocrm.complaint.report",
                    ["complaint_count:sum", "hours_to_resolve:avg"],
                    [],
                )
                self.assertGreater(complaints["complaint_count"], 0)
                self.assertGreater(complaints["hours_to_resolve"] or 0, 0)
                [followups] = self.read_group(
                    login,
                    "autocrm.followup",
                    ["completion_rate:avg", "satisfaction_score:avg"],
                    [],
                )
                self.assertGreater(followups["completion_rate"], 50)
                self.assertGreater(followups["satisfaction_score"], 0)
