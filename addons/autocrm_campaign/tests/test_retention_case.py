from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


@tagged("post_install", "-at_install")
class TestRetentionCase(AutocrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_b = cls.env["autocrm.retention.case"].create(
            {"partner_id": cls.customer_b.id, "company_id": cls.dealer_b.id}
        )

    def test_dealer_records_and_sees_own_cases_only(self):
        Case = self.env["autocrm.retention.case"].with_user(self.advisor_a)
        case = Case.create(
            {"partner_id": self.customer_a.id, "risk": "lost", "reason": "price"}
        )
        self.assertEqual(case.company_id, self.dealer_a)
        self.assertEqual(case.display_name, "Customer A (Lost)")
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
