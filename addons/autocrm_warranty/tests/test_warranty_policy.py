from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWarrantyPolicy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.default = cls.env.ref("autocrm_warranty.autocrm_warranty_policy_default")
        cls.Policy = cls.env["autocrm.warranty.policy"]
        cls.sedan, cls.suv = cls.env["product.product"].create(
            [
                {"name": "Test Sedan", "autocrm_is_vehicle_model": True},
                {"name": "Test SUV", "autocrm_is_vehicle_model": True},
            ]
        )
        dealer = cls.env["res.company"].create(
            {"name": "Policy Dealer", "autocrm_role": "dealer", "dealer_code": "PD01"}
        )
        cls.dealer_user = new_test_user(
            cls.env,
            login="policy_dealer",
            groups="autocrm_customer.group_dealer_user",
            company_id=dealer.id,
            company_ids=dealer.ids,
        )

    def test_default_policy_terms(self):
        """The shipped default is 3 years / 100,000 km, first service 6 months or
        3,000-5,000 km, claims within 10 days."""
        self.assertFalse(self.default.model_id)
        self.assertEqual(
            (
                self.default.warranty_months,
                self.default.warranty_km,
                self.default.first_service_months,
                self.default.first_service_km_min,
                self.default.first_service_km_max,
                self.default.claim_deadline_days,
            ),
            (36, 100000, 6, 3000, 5000, 10),
        )

    def test_model_policy_overrides_default(self):
        """A model with its own policy gets it; others fall back to the default."""
        own = self.Policy.create(
            {"name": "SUV 5 years", "model_id": self.suv.id, "warranty_months": 60}
        )
        found = self.Policy._get_for_models(self.sedan | self.suv)
        self.assertEqual(found[self.suv.id], own)
        self.assertEqual(found[self.sedan.id], self.default)

    def test_one_policy_per_model_and_one_default(self):
        self.Policy.create({"name": "Sedan", "model_id": self.sedan.id})
        with self.assertRaises(ValidationError):
            self.Policy.create({"name": "Second default"})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.Policy.create({"name": "Sedan again", "model_id": self.sedan.id})

    def test_first_service_range_is_checked(self):
        with self.assertRaisesRegex(
            ValidationError, "cannot be recommended from 6000 km"
        ):
            self.Policy.create(
                {
                    "name": "Wrong",
                    "model_id": self.sedan.id,
                    "first_service_km_min": 6000,
                    "first_service_km_max": 5000,
                }
            )

    def test_dealer_reads_but_cannot_change_policies(self):
        """Dealers see the OEM's terms; only OEM managers change them."""
        policy = self.default.with_user(self.dealer_user)
        self.assertEqual(policy.warranty_km, 100000)
        with self.assertRaises(AccessError):
            policy.write({"warranty_km": 200000})
        with self.assertRaises(AccessError):
            self.Policy.with_user(self.dealer_user).create({"name": "Mine"})
