from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AutocrmCase


@tagged("post_install", "-at_install")
class TestDealerAccess(AutocrmCase):
    def _fresh(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def test_dealer_enters_walk_in_customer_of_own_dealership(self):
        """Service advisors create customers; each belongs to their dealership, never
        to nobody (a company-less partner would be visible to every dealer)."""
        partner = (
            self.env["res.partner"]
            .with_user(self.advisor_a)
            .create({"name": "Walk-in", "phone": "13700000000"})
        )
        self.assertEqual(partner.company_id, self.dealer_a)

    def test_dealer_does_not_see_other_dealers_customers(self):
        self._fresh()
        Partner = self.env["res.partner"].with_user(self.advisor_a)
        found = Partner.search([("name", "in", ["Customer A", "Customer B"])])
        self.assertEqual(found, self.customer_a)
        with self.assertRaises(AccessError):
            Partner.browse(self.customer_b.id).read(["phone"])

    def test_dealer_sees_only_own_company_and_warehouse(self):
        self._fresh()
        env_a = self.env(user=self.advisor_a)
        self.assertEqual(env_a["res.company"].search([]), self.dealer_a)
        warehouses = env_a["stock.warehouse"].search([])
        self.assertEqual(warehouses.company_id, self.dealer_a)
        with self.assertRaises(AccessError):
            env_a["res.company"].browse(self.dealer_b.id).read(["dealer_grade"])

    def test_oem_user_sees_the_network(self):
        self._fresh()
        Partner = self.env["res.partner"].with_user(self.oem_user)
        found = Partner.search([("name", "in", ["Customer A", "Customer B"])])
        self.assertEqual(found, self.customer_a | self.customer_b)

    def test_only_oem_managers_edit_the_network(self):
        with self.assertRaises(AccessError):
            self.dealer_a.with_user(self.manager_a).write({"dealer_grade": "A"})
        with self.assertRaises(AccessError):
            self.dealer_a.with_user(self.oem_user).write({"dealer_grade": "B"})

    def test_dealer_cannot_make_a_customer_company_less(self):
        with self.assertRaisesRegex(UserError, "must belong to a dealership"):
            self.customer_a.with_user(self.advisor_a).write({"company_id": False})
