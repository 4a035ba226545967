from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import warmup

from .retention_common import ChurnCase

ACTIVITY_TYPE = "autocrm_campaign.mail_activity_type_retention"


@tagged("post_install", "-at_install")
class TestChurnDetect(ChurnCase):
    def test_opens_cases_at_risk_or_lost_by_the_delays(self):
        """9 months without a visit: at risk; 18: lost; 8: nothing yet. The last
        visit counts, not an earlier one."""
        at_risk = self.customer_a
        lost = self._customer("Lost Customer")
        recent = self._customer("Recent Customer")
        self._visit(at_risk, self._months_ago(20))
        self._visit(
            at_risk,
            self._months_ago(9, days=5),
            vehicle=self.vehicle_a,
            user=self.advisor_a,
        )
        self._visit(lost, self._months_ago(30))
        self._visit(lost, self._months_ago(19))
        self._visit(recent, self._months_ago(8))

        self.assertEqual(self.Case._cron_churn_detect(), 2)

        cases = self._cases(at_risk | lost | recent)
        self.assertRecordValues(
            cases,
            [
                {
                    "partner_id": at_risk.id,
                    "company_id": self.dealer_a.id,
                    "vehicle_id": self.vehicle_a.id,
                    "risk": "at_risk",
                    "result": "pending",
                    "last_visit_date": self._months_ago(9, days=5),
                    "detected_date": self.today,
                    # the advisor of the last visit
                    "user_id": self.advisor_a.id,
                    "months_without_visit": 9,
                },
                {
                    "partner_id": lost.id,
                    "company_id": self.dealer_a.id,
                    "vehicle_id": False,
                    "risk": "lost",
                    "result": "pending",
                    "last_visit_date": self._months_ago(19),
                    "detected_date": self.today,
                    # no advisor on the visit: the dealership's first manager
                    "user_id": self.manager_a.id,
                    "months_without_visit": 19,
                },
            ],
        )
        # a customer who crossed a delay within 30 days gets a to-do; one lost a
        # month ago already waits in the kanban without one
        self.assertRecordValues(
            cases[0].activity_ids,
            [
                {
                    "user_id": self.advisor_a.id,
                    "date_deadline": self.today,
                    "activity_type_id": self.env.ref(ACTIVITY_TYPE).id,
                }
            ],
        )
        self.assertFalse(cases[1].activity_ids)

    def test_running_again_creates_nothing_more(self):
        lost = self._customer("Lost Customer")
        self._visit(lost, self._months_ago(24))
        self._visit(self.customer_a, self._months_ago(10))
        self.assertEqual(self.Case._cron_churn_detect(), 2)
        self.assertEqual(self.Case._cron_churn_detect(), 0)
        # a case closed as lost by the staff is not opened again every night
        case = self._cases(lost)
        case.reason = "competition"
        case.action_lost()
        self.assertEqual(self.Case._cron_churn_detect(), 0)
        self.assertEqual(self._cases(lost), case)

    def test_at_risk_case_becomes_lost_after_the_lost_delay(self):
        self._visit(self.customer_a, self._months_ago(10))
        self.Case._cron_churn_detect()
        case = self._cases(self.customer_a)
        self.assertEqual(case.risk, "at_risk")
        # months later (other customers' visits, demo data's too, age as well)
        with freeze_time(self.today + relativedelta(months=7)):
            self.Case._cron_churn_detect()
            self.assertEqual(case.risk, "at_risk")
        with freeze_time(self.today + relativedelta(months=9)):
            self.Case._cron_churn_detect()
            self.assertRecordValues(
                self._cases(self.customer_a),
                [{"id": case.id, "risk": "lost", "result": "pending"}],
            )

    def test_returning_customer_is_retained(self):
        lost = self._customer("Lost Customer")
        self._visit(lost, self._months_ago(9, days=1))
        self.Case._cron_churn_detect()
        case = self._cases(lost)
        self.assertTrue(case.activity_ids)
        # the customer comes back: a done visit at the dealership
        visit = self._visit(lost, self.today)
        self.Case._cron_churn_detect()
        self.assertRecordValues(
            case,
            [
                {
                    "result": "retained",
                    "return_visit_id": visit.id,
                    "closed_date": self.today,
                    "risk": "at_risk",
                }
            ],
        )
        self.assertFalse(case.activity_ids)
        # a new case only after a new absence
        self.assertEqual(self.Case._cron_churn_detect(), 0)

    def test_visit_at_another_dealership_does_not_retain(self):
        self._visit(self.customer_a, self._months_ago(12))
        self.Case._cron_churn_detect()
        case = self._cases(self.customer_a)
        self.vehicle_a.dealer_ids = [Command.link(self.dealer_b.id)]
        self._visit(
            self.customer_a, self.today, dealer=self.dealer_b, vehicle=self.vehicle_a
        )
        self.Case._cron_churn_detect()
        self.assertEqual(case.result, "pending")

    def test_done_visit_closes_the_case_at_once(self):
        self._visit(self.customer_a, self._months_ago(12))
        self.Case._cron_churn_detect()
        case = self._cases(self.customer_a)
        visit = self._visit(self.customer_a, self.today)
        self.Case._close_by_repairs(visit)
        self.assertRecordValues(
            case, [{"result": "retained", "return_visit_id": visit.id}]
        )

    def test_closing_a_visit_in_the_workshop_retains_the_customer(self):
        """The advisor closes the returning customer's visit: the case closes at
        once, not at the next night's run."""
        self._visit(self.customer_a, self._months_ago(12))
        self.Case._cron_churn_detect()
        case = self._cases(self.customer_a)
        visit = (
            self.env["repair.order"]
            .with_user(self.advisor_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "vehicle_id": self.vehicle_a.id,
                    "visit_date": self.today,
                }
            )
        )
        visit.action_repair_start()
        visit.action_repair_end()
        self.assertRecordValues(
            case, [{"result": "retained", "return_visit_id": visit.id}]
        )

    def test_delays_per_dealership(self):
        self.dealer_b.write(
            {"autocrm_churn_at_risk_months": 3, "autocrm_churn_lost_months": 6}
        )
        customer_b2 = self._customer("Customer B2", self.dealer_b)
        self._visit(self.customer_a, self._months_ago(4))
        self._visit(self.customer_b, self._months_ago(4), dealer=self.dealer_b)
        self._visit(customer_b2, self._months_ago(7), dealer=self.dealer_b)
        self.assertEqual(self.Case._cron_churn_detect(), 2)
        self.assertFalse(self._cases(self.customer_a))
        self.assertRecordValues(
            self._cases(self.customer_b | customer_b2),
            [
                {"partner_id": self.customer_b.id, "risk": "at_risk"},
                {"partner_id": customer_b2.id, "risk": "lost"},
            ],
        )

    def test_delays_must_make_sense(self):
        with self.assertRaises(ValidationError):
            self.dealer_a.autocrm_churn_lost_months = 9
        with self.assertRaises(ValidationError):
            self.dealer_a.autocrm_churn_at_risk_months = 0

    def test_assignee_retention_staff_then_follow_up_staff(self):
        self.dealer_a.autocrm_followup_user_id = self.advisor_a
        first = self._customer("First")
        self._visit(first, self._months_ago(10))
        self.Case._cron_churn_detect()
        self.assertEqual(self._cases(first).user_id, self.advisor_a)
        self.dealer_a.autocrm_retention_user_id = self.manager_a
        second = self._customer("Second")
        self._visit(second, self._months_ago(10))
        self.Case._cron_churn_detect()
        self.assertEqual(self._cases(second).user_id, self.manager_a)

    def test_batches_report_progress(self):
        customers = self._customer("One") | self._customer("Two")
        customers |= self._customer("Three")
        for customer in customers:
            self._visit(customer, self._months_ago(10))
        cron, progress = self.env.ref(
            "autocrm_campaign.ir_cron_churn_detect"
        )._add_progress()
        done = self.Case.with_context(
            ir_cron_progress_id=progress.id
        )._cron_churn_detect(batch_size=2)
        self.assertEqual(done, 3)
        self.assertEqual(len(self._cases(customers)), 3)
        self.assertRecordValues(progress, [{"done": 3, "remaining": 0}])

    def test_dealer_sees_and_reads_own_cases_only(self):
        self._visit(self.customer_a, self._months_ago(10))
        self._visit(self.customer_b, self._months_ago(10), dealer=self.dealer_b)
        self.Case._cron_churn_detect()
        case_a = self._cases(self.customer_a)
        case_b = self._cases(self.customer_b)
        self.env.flush_all()
        self.env.invalidate_all()
        as_a = self.Case.with_user(self.advisor_a)
        self.assertEqual(as_a.search([("id", "in", (case_a | case_b).ids)]), case_a)
        with self.assertRaises(AccessError):
            as_a.browse(case_b.id).read(["partner_id"])
        as_oem = self.Case.with_user(self.oem_user)
        self.assertEqual(
            as_oem.search([("id", "in", (case_a | case_b).ids)]), case_a | case_b
        )
        # the loyalty analysis too
        Loyalty = self.env["autocrm.customer.report.loyalty"]
        rows = Loyalty.search([("partner_id", "in", self.customer_b.ids)])
        self.assertTrue(rows)
        loyalty_a = Loyalty.with_user(self.advisor_a)
        self.assertFalse(loyalty_a.search([("id", "in", rows.ids)]))
        with self.assertRaises(AccessError):
            loyalty_a.browse(rows.ids).read(["churn_rate"])


@tagged("post_install", "-at_install", "is_query_count")
class TestChurnDetectQueries(ChurnCase):
    """The cost of a run does not grow with the number of customers lost."""

    # closing returned and upgrading lost cases, counting and inserting the
    # churned customers, reading the new cases, their activities and followers in
    # one batch each, the refresh of the loyalty analysis (and the two statements
    # that turn JIT compilation off for the big queries): 21 with this module
    # alone, 32 with all five AutoCRM modules installed (their additions to
    # activities and partners), the same for 3 and for 30 customers
    QUERIES = 32

    def _assert_detect_queries(self, count):
        customers = self.env["res.partner"]
        for index in range(count):
            customer = self._customer(f"Churned {index}")
            self._visit(customer, self._months_ago(9, days=3))
            customers |= customer
        with self.assertQueryCount(self.QUERIES):
            self.Case._cron_churn_detect()
        self.assertEqual(len(self._cases(customers)), count)
        self.assertEqual(len(self._cases(customers).activity_ids), count)

    @warmup
    def test_queries_for_3_customers(self):
        self._assert_detect_queries(3)

    @warmup
    def test_queries_for_30_customers(self):
        self._assert_detect_queries(30)
