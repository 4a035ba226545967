from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import StaffCase


class WorkPlanCase(StaffCase):
    """StaffCase with advisor A's follow-up plan over the last 10 days and the
    next 3, and follow-ups counted in it or not (autocrm_staff_campaign's tests
    start from it too)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["autocrm.work.plan"]
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer", "company_id": cls.dealer_a.id}
        )
        # follow-up plan of advisor A, from 10 days ago to 3 days ahead
        cls.followup_plan = cls.Plan.create(
            {
                "name": "Follow-ups",
                "plan_type": "followup",
                "company_id": cls.dealer_a.id,
                "user_id": cls.advisor_a.id,
                "date_start": cls._day(-10),
                "date_end": cls._day(3),
                "target_count": 5,
                "minimum_count": 3,
            }
        )
        # counted: done by advisor A in the period
        cls._followup(cls.advisor_a, due=-8, done=-9, satisfaction="5")
        cls._followup(cls.advisor_a, due=-6, done=-2, partner=cls.other_customer)
        # not counted: before the period, another user, not done, not reached
        cls._followup(cls.advisor_a, due=-20, done=-15)
        cls._followup(cls.sub_2, due=-3, done=-3)
        cls._followup(cls.advisor_a, due=-1)
        cls._followup(cls.advisor_a, due=-5, done=-4, reached=False)

    def _assert_report_matches(self, plans):
        """The SQL analysis counts as the plans' own fields do."""
        self.env.flush_all()
        rows = self.env["autocrm.work.plan.report"].search(
            [("plan_id", "in", plans.ids)]
        )
        self.assertEqual(
            {row.plan_id: (row.actual_count, row.revenue_actual) for row in rows},
            {plan: (plan.actual_count, plan.revenue_actual) for plan in plans},
        )


@tagged("post_install", "-at_install")
class TestWorkPlan(WorkPlanCase):
    def test_followup_plan_counts_done_followups(self):
        # 3 done in the period by advisor A, one of them unreached
        self.assertEqual(self.followup_plan.actual_count, 3)
        self.assertEqual(self.followup_plan.progress, 60.0)
        self._assert_report_matches(self.followup_plan)
        self.assertFalse(self.followup_plan.is_behind, "3 reaches the minimum of 3")

    def test_activity_plan_counts_distinct_reached_customers(self):
        plan = self.Plan.create(
            {
                "name": "Care",
                "plan_type": "activity",
                "company_id": self.dealer_a.id,
                "user_id": self.advisor_a.id,
                "date_start": self._day(-10),
                "date_end": self._day(3),
                "target_count": 4,
                "minimum_count": 2,
            }
        )
        self._followup(self.advisor_a, due=-7, done=-7)  # customer A again
        # customer A (twice) and the other customer; the unreached one is left out
        self.assertEqual(plan.actual_count, 2)
        self._assert_report_matches(plan)

    def test_service_plan_counts_visits_and_revenue(self):
        vehicle = self._vehicle()
        self._done_visit(vehicle, -5, self.advisor_a, revenue=300)
        self._done_visit(vehicle, -2, self.sub_2, revenue=200)
        self._done_visit(vehicle, -40, self.advisor_a, revenue=1000)  # too early
        vehicle_b = self._vehicle(dealer=self.dealer_b, partner=self.customer_b)
        self._done_visit(vehicle_b, -2, self.advisor_b, 700, dealer=self.dealer_b)
        dealer_plan, own_plan = self.Plan.create(
            [
                {
                    "name": name,
                    "plan_type": "service",
                    "company_id": self.dealer_a.id,
                    "user_id": user,
                    "date_start": self._day(-30),
                    "date_end": self._day(0),
                    "target_count": 10,
                    "revenue_target": 5000,
                }
                for name, user in (("Dealer", False), ("Own", self.advisor_a.id))
            ]
        )
        self.assertEqual(
            (dealer_plan.actual_count, dealer_plan.revenue_actual), (2, 500.0)
        )
        self.assertEqual((own_plan.actual_count, own_plan.revenue_actual), (1, 300.0))
        self._assert_report_matches(dealer_plan | own_plan)

    def test_minimum_above_target_refused(self):
        with self.assertRaises(ValidationError):
            self.followup_plan.minimum_count = 6

    def _behind_plans(self, count):
        return self.Plan.create(
            [
                {
                    "name": f"Behind {index}",
                    "plan_type": "followup",
                    "company_id": self.dealer_a.id,
                    "user_id": user.id,
                    "date_start": self._day(-20),
                    "date_end": self._day(5),
                    "target_count": 10,
                    "minimum_count": 8,
                }
                for index in range(count)
                for user in (self.advisor_a, self.sub_2)
            ]
        )

    def _plan_activities(self, plans):
        return self.env["mail.activity"].search(
            [("res_model", "=", "autocrm.work.plan"), ("res_id", "in", plans.ids)]
        )

    def test_cron_alerts_manager_once(self):
        plans = self._behind_plans(1)
        self.assertTrue(all(plans.mapped("is_behind")))
        self.assertIn(plans[0], self.Plan.search([("is_behind", "=", True)]))
        self.Plan._cron_work_plan_check()
        activities = self._plan_activities(plans)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.manager_a)
        self.assertTrue(all(plans.mapped("manager_alerted")))
        # the dealerships' days (one query on the companies), then the candidates
        with self.assertQueryCount(2):
            self.Plan._cron_work_plan_check()
        self.assertEqual(self._plan_activities(plans), activities, "no second one")
        # a plan on track gets none
        self.assertFalse(self._plan_activities(self.followup_plan))

    def test_alert_in_manager_language(self):
        """The cron runs in English; a manager working in Chinese reads the alert
        in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_staff"], ["zh_CN"])
        self.manager_a.lang = "zh_CN"
        plans = self._behind_plans(1)
        self.Plan.with_context(lang="en_US")._cron_work_plan_check()
        activities = self._plan_activities(plans)
        self.assertEqual(len(activities), 2)
        for activity in activities:
            plan = plans.browse(activity.res_id)
            expected = f"{plan.user_id.name}：截至 {plan.date_end} 至少需 8，"
            self.assertEqual(activity.summary, f"{expected}目前 {plan.actual_count}")

    def _cron_queries(self):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.Plan._cron_work_plan_check()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_cron_is_set_based(self):
        """Twenty behind plans cost the nightly check no more queries than two."""
        self._behind_plans(1)
        self.Plan._cron_work_plan_check()  # warms the caches up
        few = self._cron_queries() if self._behind_plans(1) else 0
        plans = self._behind_plans(10)
        self.env.flush_all()
        # 22 plus one: the query on the companies for their days
        with self.assertQueryCount(23):
            self.Plan._cron_work_plan_check()
        self.assertEqual(len(self._plan_activities(plans)), 20)
        self._behind_plans(10)
        self.assertLessEqual(self._cron_queries(), few)

    def test_dealer_isolation(self):
        plan_b = self.Plan.create(
            {
                "name": "B plan",
                "plan_type": "followup",
                "company_id": self.dealer_b.id,
                "user_id": self.advisor_b.id,
                "date_start": self._day(-5),
                "date_end": self._day(5),
            }
        )
        Plan = self._as(self.advisor_a, "autocrm.work.plan")
        self.assertEqual(Plan.search([]), self.followup_plan)
        with self.assertRaises(AccessError):
            Plan.browse(plan_b.id).read(["actual_count"])
        # an advisor plans for themselves only; the manager for the team
        with self.assertRaises(AccessError):
            Plan.create(
                {
                    "name": "For sub 2",
                    "user_id": self.sub_2.id,
                    "date_start": self._day(0),
                    "date_end": self._day(5),
                }
            )
        own = Plan.create(
            {"name": "Mine", "date_start": self._day(0), "date_end": self._day(5)}
        )
        self.assertEqual(own.user_id, self.advisor_a)
        Manager = self._as(self.manager_a, "autocrm.work.plan")
        Manager.browse(self.followup_plan.id).write({"target_count": 6})
        self.assertIn(plan_b, self._as(self.oem_user, "autocrm.work.plan").search([]))
