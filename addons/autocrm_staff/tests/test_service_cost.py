from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


@tagged("post_install", "-at_install")
class TestServiceCost(AutocrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cost_b = cls.env["autocrm.service.cost"].create(
            {
                "name": "Lounge coffee",
                "company_id": cls.dealer_b.id,
                "category": "equipment",
                "budget": 1000,
                "amount": 1200,
            }
        )

    def test_variance(self):
        self.assertEqual(self.cost_b.variance, -200)

    def test_dealer_sees_only_own_costs(self):
        """Dealer A's manager records his costs and never sees dealer B's."""
        Cost = self.env["autocrm.service.cost"].with_user(self.manager_a)
        own = Cost.create({"name": "Training day", "budget": 500, "amount": 400})
        self.assertEqual(own.company_id, self.dealer_a)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(Cost.search([]), own)
        with self.assertRaises(AccessError):
            Cost.browse(self.cost_b.id).read(["amount"])
        with self.assertRaises(AccessError):
            Cost.create({"name": "Into B", "company_id": self.dealer_b.id})

    def test_oem_sees_network_read_only(self):
        Cost = self.env["autocrm.service.cost"].with_user(self.oem_user)
        self.assertIn(self.cost_b, Cost.search([]))
        with self.assertRaises(AccessError):
            Cost.browse(self.cost_b.id).write({"amount": 0})


@tagged("post_install", "-at_install")
class TestServiceCostReport(AutocrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Cost = cls.env["autocrm.service.cost"]
        cls.Cost.create(
            [
                {
                    "name": "Advisors' bonus",
                    "company_id": cls.dealer_a.id,
                    "category": "people",
                    "date": "2026-10-01",
                    "budget": 3000,
                    "amount": 2500,
                },
                {
                    "name": "Diagnostic tool",
                    "company_id": cls.dealer_b.id,
                    "category": "equipment",
                    "date": "2026-10-01",
                    "budget": 8000,
                    "amount": 9000,
                },
            ]
        )

    def test_costs_per_dealer_and_category(self):
        Report = self.env["autocrm.service.cost.report"].with_user(self.manager_a)
        self.env.flush_all()
        rows = Report.search([])
        self.assertEqual(rows.company_id, self.dealer_a)
        [row] = Report.read_group(
            [("category", "=", "people")], ["budget:sum", "amount:sum"], []
        )
        self.assertEqual((row["budget"], row["amount"]), (3000, 2500))
