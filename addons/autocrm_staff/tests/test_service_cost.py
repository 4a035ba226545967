from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestServiceCost(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a, cls.dealer_b = cls.env["res.company"].create(
            [
                {
                    "name": "Cost Dealer A",
                    "autocrm_role": "dealer",
                    "dealer_code": "CA01",
                },
                {
                    "name": "Cost Dealer B",
                    "autocrm_role": "dealer",
                    "dealer_code": "CB01",
                },
            ]
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="cost_manager_a",
            groups="autocrm_customer.group_dealer_manager",
            company_id=cls.dealer_a.id,
            company_ids=cls.dealer_a.ids,
        )
        cls.oem_user = new_test_user(
            cls.env, login="cost_oem", groups="autocrm_customer.group_oem_user"
        )
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
