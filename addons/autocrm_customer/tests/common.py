from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class AutocrmCase(TransactionCase):
    """Two dealerships, each with a service advisor and a customer, and an OEM user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oem = cls.env.ref("base.main_company")
        cls.dealer_a, cls.dealer_b = cls.env["res.company"].create(
            [
                {
                    "name": "Dealer A",
                    "autocrm_role": "dealer",
                    "dealer_code": "TA01",
                    "dealer_grade": "A",
                },
                {
                    "name": "Dealer B",
                    "autocrm_role": "dealer",
                    "dealer_code": "TB01",
                    "dealer_grade": "C",
                },
            ]
        )
        cls.advisor_a = cls._dealer_user("advisor_a", cls.dealer_a)
        cls.advisor_b = cls._dealer_user("advisor_b", cls.dealer_b)
        cls.manager_a = cls._dealer_user(
            "manager_a", cls.dealer_a, "autocrm_customer.group_dealer_manager"
        )
        cls.oem_user = new_test_user(
            cls.env,
            login="oem_user",
            groups="autocrm_customer.group_oem_user",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.customer_a, cls.customer_b = cls.env["res.partner"].create(
            [
                {
                    "name": "Customer A",
                    "company_id": cls.dealer_a.id,
                    "phone": "13900000001",
                },
                {
                    "name": "Customer B",
                    "company_id": cls.dealer_b.id,
                    "phone": "13900000002",
                },
            ]
        )

    @classmethod
    def _dealer_user(cls, login, dealer, groups="autocrm_customer.group_dealer_user"):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=dealer.id,
            company_ids=dealer.ids,
        )
