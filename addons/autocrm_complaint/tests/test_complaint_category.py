from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestComplaintCategory(TransactionCase):
    def test_nine_categories_shipped(self):
        """The six reasons why customers complain, product quality, price and
        waiting."""
        categories = self.env["autocrm.complaint.category"].search([])
        self.assertEqual(
            set(categories.mapped("code")),
            {
                "attention",
                "not_listened",
                "passed_around",
                "promise_broken",
                "not_fixed_first_time",
                "unprofessional",
                "product_quality",
                "price",
                "waiting",
            },
        )
        passed_around = self.env.ref(
            "autocrm_complaint.autocrm_complaint_category_passed_around"
        )
        self.assertEqual(passed_around.priority, "2")
        self.assertTrue(passed_around.is_process_failure)

    def test_only_oem_managers_change_categories(self):
        dealer = self.env["res.company"].create(
            {"name": "Cat Dealer", "autocrm_role": "dealer", "dealer_code": "CD01"}
        )
        dealer_manager = new_test_user(
            self.env,
            login="cat_dealer_manager",
            groups="autocrm_customer.group_dealer_manager",
            company_id=dealer.id,
            company_ids=dealer.ids,
        )
        oem_manager = new_test_user(
            self.env,
            login="cat_oem_manager",
            groups="autocrm_customer.group_oem_manager",
        )
        Category = self.env["autocrm.complaint.category"]
        self.assertEqual(Category.with_user(dealer_manager).search_count([]), 9)
        with self.assertRaises(AccessError):
            Category.with_user(dealer_manager).create({"name": "Mine", "code": "mine"})
        new = Category.with_user(oem_manager).create(
            {"name": "Parking", "code": "parking"}
        )
        self.assertEqual(new.priority, "1")
