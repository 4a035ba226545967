from datetime import date

from odoo import Command
from odoo.tests import Form, tagged
from odoo.tests.common import freeze_time

from ..models.autocrm_work_plan import WARNING_DAYS_PARAM
from .common import StaffCase

# 23:30 on 31 December in Shanghai: the year's last day there as in UTC
SHANGHAI_2330_31_DEC = "2027-12-31 15:30:00"
# 00:30 on 1 January in Shanghai, while UTC is still on 31 December
SHANGHAI_0030_1_JAN = "2027-12-31 16:30:00"
# noon in Shanghai on 2 March 2028, after the leap day and the quarter's end
AFTER_THE_LEAP_DAY = "2028-03-02 04:00:00"


@tagged("post_install", "-at_install")
class TestStaffDay(StaffCase):
    """The staff rules follow the dealership's day (Asia/Shanghai), not UTC's nor
    the user's: the test users, like OdooBot which runs the nightly check, have no
    time zone (UTC). Checked at the Shanghai midnight and at month, quarter and
    leap-month ends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["autocrm.work.plan"]
        cls.env["ir.config_parameter"].set_param(WARNING_DAYS_PARAM, "7")

    def _plan(self, date_start, date_end, plan_type="followup", **values):
        return self.Plan.create(
            {
                "name": f"{plan_type} {date_start} to {date_end}",
                "plan_type": plan_type,
                "company_id": self.dealer_a.id,
                "user_id": self.advisor_a.id,
                "date_start": date_start,
                "date_end": date_end,
                "target_count": 10,
                **values,
            }
        )

    def _actuals(self, plans):
        """Each plan's actual count as its form shows it, and as the analysis
        counts it."""
        self.env.flush_all()
        self.env.invalidate_all()
        plans = plans.with_user(self.manager_a)
        rows = self.env["autocrm.work.plan.report"].search(
            [("plan_id", "in", plans.ids)]
        )
        by_plan = {row.plan_id.id: row.actual_count for row in rows}
        self.assertEqual(by_plan, {plan.id: plan.actual_count for plan in plans})
        return [plan.actual_count for plan in plans]

    def _call_done_now(self):
        """Advisor A records a follow-up call, done now."""
        followup = self._followup(self.advisor_a, due=0, due_date=date(2027, 12, 31))
        followup = followup.with_user(self.advisor_a)
        followup.write({"reached": True, "satisfaction": "4"})
        followup.action_done()
        return followup

    def _month_plans(self):
        return self._plan(date(2027, 12, 1), date(2027, 12, 31)) | self._plan(
            date(2028, 1, 1), date(2028, 1, 31)
        )

    def test_call_at_2330_in_shanghai_counts_in_december(self):
        plans = self._month_plans()
        with freeze_time(SHANGHAI_2330_31_DEC):
            followup = self._call_done_now()
        self.assertEqual(followup.done_date, date(2027, 12, 31))
        self.assertEqual(self._actuals(plans), [1, 0])

    def test_call_at_0030_in_shanghai_counts_in_january(self):
        """UTC is still on 31 December; the dealership is on 1 January."""
        plans = self._month_plans()
        with freeze_time(SHANGHAI_0030_1_JAN):
            followup = self._call_done_now()
        self.assertEqual(followup.done_date, date(2028, 1, 1))
        self.assertEqual(self._actuals(plans), [0, 1])

    def test_nightly_check_at_0030_in_shanghai(self):
        """At 00:30 on 1 January in Shanghai, 7 days of warning reach 8 January
        (UTC's day would reach the 7th); December's plan is over and alerts
        nobody any more."""
        ends_8_jan, ends_9_jan, ended = (
            self._plan(date(2027, 12, 20), date(2028, 1, 8), minimum_count=5)
            | self._plan(date(2027, 12, 20), date(2028, 1, 9), minimum_count=5)
            | self._plan(date(2027, 12, 1), date(2027, 12, 31), minimum_count=5)
        )
        with freeze_time(SHANGHAI_0030_1_JAN):
            plans = (ends_8_jan | ends_9_jan | ended).with_user(self.manager_a)
            self.assertEqual(plans.mapped("is_behind"), [True, False, True])
            behind = self.Plan.with_user(self.manager_a).search(
                [("is_behind", "=", True), ("id", "in", plans.ids)]
            )
            self.assertEqual(behind, ends_8_jan | ended)
            self.env.ref(
                "autocrm_staff.ir_cron_work_plan_check"
            ).method_direct_trigger()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "autocrm.work.plan"), ("res_id", "in", plans.ids)]
        )
        self.assertRecordValues(
            activities,
            [
                {
                    "res_id": ends_8_jan.id,
                    "user_id": self.manager_a.id,
                    "date_deadline": date(2028, 1, 1),
                }
            ],
        )

    def test_leap_month_plan(self):
        """February 2028 ends on the 29th: a call done then counts, one of 1 March
        does not."""
        plans = self._plan(date(2028, 2, 1), date(2028, 2, 29)) | self._plan(
            date(2028, 3, 1), date(2028, 3, 31)
        )
        with freeze_time(AFTER_THE_LEAP_DAY):
            for done_on in (
                date(2028, 1, 31),
                date(2028, 2, 1),
                date(2028, 2, 29),
                date(2028, 3, 1),
            ):
                self._followup(
                    self.advisor_a,
                    due=0,
                    due_date=done_on,
                    state="done",
                    done_date=done_on,
                    reached=True,
                )
            self.assertEqual(self._actuals(plans), [2, 1])

    def test_quarter_end_service_plan_and_appraisal(self):
        """The fourth quarter of 2027 counts the visits of 1 October to 31
        December, in the service plan and in the quarter's appraisal."""
        with freeze_time(AFTER_THE_LEAP_DAY):
            vehicle = self._vehicle()
            for day, revenue in (
                (date(2027, 9, 30), 5000),
                (date(2027, 10, 1), 10),
                (date(2027, 12, 31), 100),
                (date(2028, 1, 1), 1000),
            ):
                self._done_visit(
                    vehicle, (day - self.today).days, self.advisor_a, revenue
                )
            quarter = self._plan(
                date(2027, 10, 1), date(2027, 12, 31), plan_type="service"
            )
            self.assertEqual(self._actuals(quarter), [2])
            self.assertEqual(quarter.revenue_actual, 110)
            period = (
                self.env["autocrm.appraisal.period"]
                .with_user(self.hr_a)
                .create(
                    {
                        "name": "2027 Q4",
                        "frequency": "quarter",
                        "date_start": "2027-10-01",
                        "date_end": "2027-12-31",
                    }
                )
            )
            period.action_open()
            period.action_compute_results()
            appraisal = period.appraisal_ids.filtered(
                lambda a: a.employee_id == self.emp_advisor
            )
            self.assertEqual(appraisal.revenue, 110)

    @freeze_time("2028-03-31 16:30:00")
    def test_swing_defaults_to_the_two_months_before_the_dealership_month(self):
        """00:30 on 1 April in Shanghai (still 31 March in UTC): the analysis
        compares February, 29 days long, with March."""
        swing = Form(self.env["autocrm.customer.swing"].with_user(self.manager_a))
        self.assertEqual(
            (swing.date_from_a, swing.date_to_a, swing.date_from_b, swing.date_to_b),
            (date(2028, 2, 1), date(2028, 2, 29), date(2028, 3, 1), date(2028, 3, 31)),
        )

    @freeze_time(SHANGHAI_0030_1_JAN)
    def test_cost_and_training_dated_on_the_dealership_day(self):
        cost = (
            self.env["autocrm.service.cost"]
            .with_user(self.manager_a)
            .create({"name": "New year's gifts", "amount": 800})
        )
        training = (
            self.env["autocrm.training"]
            .with_user(self.manager_a)
            .create(
                {
                    "name": "First training of the year",
                    "attendee_ids": [Command.create({"employee_id": self.emp_2.id})],
                }
            )
        )
        self.assertEqual((cost.date, training.date), (date(2028, 1, 1),) * 2)
