from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestRetentionCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a, cls.dealer_b = cls.env["res.company"].create(
            [
                {
                    "name": "Ret Dealer A",
                    "autocrm_role": "dealer",
                    "dealer_code": "RA01",
                },
                {
                    "name": "Ret Dealer B",
                    "autocrm_role": "dealer",
                    "dealer_code": "RB01",
                },
            ]
        )
        cls.advisor_a = new_test_user(
            cls.env,
            login="ret_advisor_a",
            groups="autocrm_customer.group_dealer_user",
            company_id=cls.dealer_a.id,
            company_ids=cls.dealer_a.ids,
        )
        cls.customer_a, cls.customer_b = cls.env["res.partner"].create(
            [
                {"name": "Customer of A", "company_id": cls.dealer_a.id},
                {"name": "Customer of B", "company_id": cls.dealer_b.id},
            ]
        )
        cls.case_b = cls.env["autocrm.retention.case"].create(
            {"partner_id": cls.customer_b.id, "company_id": cls.dealer_b.id}
        )

    def test_dealer_records_and_sees_own_cases_only(self):
        Case = self.env["autocrm.retention.case"].with_user(self.advisor_a)
        case = Case.create(
            {"partner_id": self.customer_a.id, "risk": "lost", "reason": "price"}
        )
        self.assertEqual(case.company_id, self.dealer_a)
        self.assertEqual(case.display_name, "Customer of A (Lost)")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(Case.search([]), case)
        with self.assertRaises(AccessError):
            Case.browse(self.case_b.id).read(["reason"])

    def test_case_cannot_point_to_another_dealers_customer(self):
        with self.assertRaises(UserError):
            self.env["autocrm.retention.case"].create(
                {"partner_id": self.customer_b.id, "company_id": self.dealer_a.id}
            )
