from datetime import date, timedelta

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
        """Past 9 months without a visit: at risk; past 18: lost; 8: nothing yet.
        The last visit counts, not an earlier one."""
        activity_days = self.Case._churn_activity_days()
        at_risk = self.customer_a
        lost = self._customer("Lost Customer")
        recent = self._customer("Recent Customer")
        at_risk_visit = self._last_visit_past(9, days=5)
        # lost well before the activity window, whatever the months' lengths
        lost_visit = self._last_visit_past(18, days=activity_days + 10)
        self._visit(at_risk, self._months_ago(20))
        self._visit(at_risk, at_risk_visit, vehicle=self.vehicle_a, user=self.advisor_a)
        self._visit(lost, self._months_ago(30))
        self._visit(lost, lost_visit)
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
                    "last_visit_date": at_risk_visit,
                    "detected_date": self.today,
                    # the advisor of the last visit
                    "user_id": self.advisor_a.id,
                },
                {
                    "partner_id": lost.id,
                    "company_id": self.dealer_a.id,
                    "vehicle_id": False,
                    "risk": "lost",
                    "result": "pending",
                    "last_visit_date": lost_visit,
                    "detected_date": self.today,
                    # no advisor on the visit: the dealership's first manager
                    "user_id": self.manager_a.id,
                },
            ],
        )
        self.assertEqual(cases[0].months_without_visit, 9)
        # a customer whose delay ran out in the last N days gets a to-do; one lost
        # longer ago already waits in the kanban without one
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
            # the tracked risk changed in SQL: the chatter still says so
            self.assertIn("Now lost: no visit since", case.message_ids[0].body)

    def test_returning_customer_is_retained(self):
        lost = self._customer("Lost Customer")
        self._visit(lost, self._last_visit_past(9, days=1))
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
        self.assertIn(
            f"Retained: the customer came back on {self.today} ({visit.name})",
            case.message_ids[0].body,
        )
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

    def test_activity_in_assignee_language(self):
        """The cron runs in English; retention staff working in Chinese read the
        retention call's summary in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_campaign"], ["zh_CN"])
        self.advisor_a.lang = "zh_CN"
        self.dealer_a.autocrm_retention_user_id = self.advisor_a
        customer = self._customer("Gone Quiet")
        self._visit(customer, self._last_visit_past(9, days=1))
        self.Case.with_context(lang="en_US")._cron_churn_detect()
        activity = self._cases(customer).activity_ids
        self.assertEqual(activity.user_id, self.advisor_a)
        self.assertEqual(activity.summary, "致电客户：为什么不再来了？")

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


@tagged("post_install", "-at_install")
class TestChurnDetectDays(ChurnCase):
    """The delays and the activity window by the dealership's day, at its
    midnight, at month ends and on a leap day: each run happens at a chosen
    moment (UTC), as the scheduler runs it (OdooBot, whose time zone is UTC).
    Demo customers are detected too at these dates: only the cases of the test's
    customers are checked."""

    def test_activity_when_the_delay_ran_out_in_the_last_n_days(self):
        """A delay that ran out N days ago (the system parameter) is in the window
        of the activity, one N + 1 days ago is not."""
        days = self.Case._churn_activity_days()
        today = date(2027, 6, 15)
        edge = self._customer("Edge Customer")
        past = self._customer("Past the Edge Customer")
        self._visit(edge, today - timedelta(days=days) - relativedelta(months=9))
        self._visit(past, today - timedelta(days=days + 1) - relativedelta(months=9))
        with freeze_time("2027-06-15 04:00:00"):  # noon in Shanghai
            self.Case._cron_churn_detect()
        edge_case, past_case = self._cases(edge), self._cases(past)
        self.assertEqual(edge_case._threshold_date(), today - timedelta(days=days))
        self.assertEqual(past_case._threshold_date(), today - timedelta(days=days + 1))
        self.assertRecordValues(
            edge_case | past_case,
            [
                {"risk": "at_risk", "detected_date": today},
                {"risk": "at_risk", "detected_date": today},
            ],
        )
        self.assertRecordValues(
            edge_case.activity_ids,
            [{"user_id": self.manager_a.id, "date_deadline": today}],
        )
        self.assertFalse(past_case.activity_ids)

    def test_delay_runs_out_at_the_dealership_midnight(self):
        """Last seen on 2027-03-31, a customer is past 9 months on 2028-01-01: at
        16:30 UTC it is already that day in Shanghai (00:30), at 15:30 UTC (23:30)
        not yet; a dealership in Paris waits for its own midnight (23:00 UTC)."""
        self.dealer_b.autocrm_tz = "Europe/Paris"
        customer_b2 = self._customer("Customer B2", self.dealer_b)
        self._visit(self.customer_a, "2027-03-31", user=self.advisor_a)
        self._visit(customer_b2, "2027-03-31", dealer=self.dealer_b)
        new_year = date(2028, 1, 1)
        with freeze_time("2027-12-31 15:30:00"):
            self.Case._cron_churn_detect()
            self.assertFalse(self._cases(self.customer_a | customer_b2))
        with freeze_time("2027-12-31 16:30:00"):
            self.Case._cron_churn_detect()
            # what the advisor finds in the kanban the morning after
            case = self.Case.with_user(self.advisor_a).search(
                [("partner_id", "=", self.customer_a.id)]
            )
            self.assertRecordValues(
                case,
                [
                    {
                        "risk": "at_risk",
                        "detected_date": new_year,
                        "user_id": self.advisor_a.id,
                        "months_without_visit": 9,
                    }
                ],
            )
            self.assertEqual(case.activity_ids.date_deadline, new_year)
            self.assertFalse(self._cases(customer_b2), "17:30 in Paris")
        with freeze_time("2027-12-31 23:30:00"):
            self.Case._cron_churn_detect()
            self.assertRecordValues(
                self._cases(customer_b2),
                [{"risk": "at_risk", "detected_date": new_year}],
            )

    def test_delays_on_a_leap_day(self):
        """The last visit plus the delay's months, the 29th to 31st of a month
        giving February's last day: 2027-05-28 is past 9 months on 2028-02-29,
        2027-05-29 and 2027-05-31 only on 2028-03-01; 2026-08-29 is past 18 months
        (lost) on 2028-03-01 too."""
        on_28 = self._customer("Last Seen on a 28th")
        on_29 = self._customer("Last Seen on a 29th")
        on_31 = self._customer("Last Seen on a 31st")
        lost = self._customer("Lost Customer")
        self._visit(on_28, "2027-05-28")
        self._visit(on_29, "2027-05-29")
        self._visit(on_31, "2027-05-31")
        self._visit(lost, "2026-08-29")
        customers = on_28 | on_29 | on_31 | lost
        leap_day, march_1 = date(2028, 2, 29), date(2028, 3, 1)
        with freeze_time("2028-02-29 04:00:00"):
            self.Case._cron_churn_detect()
            self.assertRecordValues(
                self._cases(customers),
                [
                    {"partner_id": on_28.id, "risk": "at_risk"},
                    {"partner_id": lost.id, "risk": "at_risk"},
                ],
            )
            self.assertEqual(
                self._cases(customers).mapped("months_without_visit"), [9, 18]
            )
        with freeze_time("2028-03-01 04:00:00"):
            self.Case._cron_churn_detect()
            cases = self._cases(customers)
            self.assertRecordValues(
                cases,
                [
                    {"partner_id": on_28.id, "risk": "at_risk"},
                    {"partner_id": lost.id, "risk": "lost"},
                    {"partner_id": on_29.id, "risk": "at_risk"},
                    {"partner_id": on_31.id, "risk": "at_risk"},
                ],
            )
            self.assertEqual(
                cases.mapped("detected_date"), [leap_day, leap_day, march_1, march_1]
            )
            self.assertEqual(
                [case._threshold_date() for case in cases],
                [date(2028, 2, 28), leap_day, leap_day, leap_day],
            )
            # the two ran out yesterday: each has its to-do, due today
            self.assertEqual(
                (cases[2] | cases[3]).activity_ids.mapped("date_deadline"),
                [march_1, march_1],
            )

    def test_delay_from_a_month_end_runs_out_at_a_month_end(self):
        """2026-05-31 plus 9 months is 2027-02-28: past it from 2027-03-01, which
        starts at 16:30 UTC in Shanghai. 2027-02-28 plus 9 months is 2027-11-28:
        past it from 2027-11-29 (not only once today minus 9 months, 2027-02-28 on
        the 28th to the 30th, passes it)."""
        after_31 = self._customer("Last Seen on a 31st")
        after_28 = self._customer("Last Seen on February 28th")
        self._visit(after_31, "2026-05-31")
        self._visit(after_28, "2027-02-28")
        with freeze_time("2027-02-28 15:30:00"):
            self.Case._cron_churn_detect()
            self.assertFalse(self._cases(after_31))
        with freeze_time("2027-02-28 16:30:00"):
            self.Case._cron_churn_detect()
            case = self._cases(after_31)
            self.assertRecordValues(
                case, [{"risk": "at_risk", "detected_date": date(2027, 3, 1)}]
            )
            self.assertEqual(case._threshold_date(), date(2027, 2, 28))
            self.assertEqual(case.activity_ids.date_deadline, date(2027, 3, 1))
        with freeze_time("2027-11-28 04:00:00"):
            self.Case._cron_churn_detect()
            self.assertFalse(self._cases(after_28))
        with freeze_time("2027-11-29 04:00:00"):
            self.Case._cron_churn_detect()
            case = self._cases(after_28)
            self.assertRecordValues(
                case,
                [
                    {
                        "risk": "at_risk",
                        "detected_date": date(2027, 11, 29),
                        "months_without_visit": 9,
                    }
                ],
            )
            self.assertEqual(case.activity_ids.date_deadline, date(2027, 11, 29))


@tagged("post_install", "-at_install", "is_query_count")
class TestChurnDetectQueries(ChurnCase):
    """The cost of a run does not grow with the number of customers lost."""

    # the dealerships' todays (their search and time zones), closing returned
    # and upgrading lost cases, counting and inserting the churned customers,
    # reading the new cases, their activities and followers in one batch each,
    # the refresh of the loyalty analysis (emptying and filling its table, and
    # the two statements that turn JIT compilation off for the big queries): 24
    # with this module alone, 35 with all five AutoCRM modules installed (their
    # additions to activities and partners), the same for 3 and for 30 customers
    QUERIES = 35

    def _assert_detect_queries(self, count):
        customers = self.env["res.partner"]
        for index in range(count):
            customer = self._customer(f"Churned {index}")
            self._visit(customer, self._last_visit_past(9, days=3))
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
