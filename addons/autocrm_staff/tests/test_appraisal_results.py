from odoo.tests import tagged

from .common import StaffCase


@tagged("post_install", "-at_install")
class TestAppraisalResults(StaffCase):
    """The results score of advisor A against figures computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_customer = cls.env["res.partner"].create(
            {"name": "New Customer", "company_id": cls.dealer_a.id}
        )
        cls.vehicle_old = cls._vehicle()
        cls.vehicle_new = cls._vehicle(partner=cls.new_customer)
        # customer A came before the period: not new business
        cls._done_visit(cls.vehicle_old, -100, cls.sub_2)
        cls.visit_new = cls._done_visit(cls.vehicle_new, -10, cls.advisor_a, 300)
        cls.visit_old = cls._done_visit(cls.vehicle_old, -5, cls.advisor_a, 200)
        cls._done_visit(cls.vehicle_old, -3, cls.sub_2, 900)  # someone else's
        cls.env["autocrm.work.plan"].create(
            {
                "name": "Revenue",
                "plan_type": "service",
                "company_id": cls.dealer_a.id,
                "user_id": cls.advisor_a.id,
                "date_start": cls._day(-30),
                "date_end": cls._day(0),
                "target_count": 10,
                "revenue_target": 1000,
            }
        )
        cls._followup(cls.advisor_a, due=-9, done=-9, satisfaction="4")
        cls._followup(cls.advisor_a, due=-8, done=-8, satisfaction="5")
        cls._followup(cls.advisor_a, due=-90, done=-90, satisfaction="1")  # before
        cls.period = (
            cls.env["autocrm.appraisal.period"]
            .with_user(cls.hr_a)
            .create(
                {
                    "name": "Last 30 days",
                    "date_start": cls._day(-30),
                    "date_end": cls._day(0),
                    "new_customer_target": 2,
                    "work_weight": 40,
                }
            )
        )
        cls.period.action_open()
        cls.appraisal = cls.period.appraisal_ids.filtered(
            lambda a: a.employee_id == cls.emp_advisor
        )

    def test_results_score(self):
        self.appraisal.with_user(self.manager_a).work_score = 80
        self.period.with_user(self.hr_a).action_close()
        appraisal = self.appraisal
        self.assertEqual(appraisal.revenue, 500)
        self.assertEqual(appraisal.revenue_target, 1000)
        self.assertEqual(appraisal.new_customer_count, 1)
        self.assertEqual(appraisal.satisfaction, 4.5)
        self.assertEqual(appraisal.collection_rate, 0, "no invoice: left out")
        # revenue 500/1000 = 50, new business 1/2 = 50, satisfaction
        # (4.5 - 1) / 4 = 87.5: (50 + 50 + 87.5) / 3
        self.assertEqual(appraisal.results_score, 62.5)
        # 40 % work (80) and 60 % results (62.5)
        self.assertEqual(appraisal.overall_score, 69.5)
        self.assertEqual(appraisal.rating, "C")
        # sub 2: 900 without target, no new customer, no rated follow-up
        sub_2 = self.period.appraisal_ids.filtered(
            lambda a: a.employee_id == self.emp_2
        )
        self.assertEqual((sub_2.revenue, sub_2.results_score), (900, 0))

    def test_receivables_collected(self):
        sale_journal = self.env["account.journal"].search(
            [("company_id", "=", self.dealer_a.id), ("type", "=", "sale")], limit=1
        )
        if not sale_journal:
            # a test dealership has no accounts yet: give it Odoo's generic chart
            self.env["account.chart.template"].try_loading(
                "generic_coa", company=self.dealer_a, install_demo=False
            )
        orders = (self.visit_new | self.visit_old).sale_order_id
        invoices = orders.with_company(self.dealer_a)._create_invoices()
        invoices.action_post()
        paid = invoices.filtered(lambda m: m.amount_total == 300)
        self.env["account.payment.register"].with_company(self.dealer_a).with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({})._create_payments()
        self.period.with_user(self.hr_a).action_compute_results()
        # 300 of 500 paid
        self.assertEqual(self.appraisal.collection_rate, 60.0)
        # (50 + 50 + 60 + 87.5) / 4
        self.assertEqual(self.appraisal.results_score, 61.88)
