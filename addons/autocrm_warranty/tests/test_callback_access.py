from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.test_followup_access import FollowupAccessCase


@tagged("post_install", "-at_install")
class TestCallbackAccess(FollowupAccessCase):
    """The OEM's call-backs among the dealerships' follow-ups: the OEM sees the
    network's follow-ups, a dealership does not see the OEM's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.callback = cls.Followup.create(
            {
                "partner_id": cls.customer_a.id,
                "vehicle_id": cls.vehicle_a.id,
                "company_id": cls.oem.id,
                "user_id": cls.oem_user.id,
                "followup_type": "oem_callback",
                "due_date": cls.today,
            }
        )

    def test_dealer_does_not_see_the_oem_call_backs(self):
        """Whether the customer was made to pay is the OEM's check on dealers."""
        self._fresh()
        Followup = self.Followup.with_user(self.advisor_a)
        self.assertEqual(Followup.search([]), self.followup_a)
        with self.assertRaises(AccessError):
            Followup.browse(self.callback.id).read(["customer_paid"])

    def test_oem_sees_the_network_and_records_its_call_back(self):
        self._fresh()
        Followup = self.Followup.with_user(self.oem_user)
        self.assertEqual(
            Followup.search([("partner_id", "=", self.customer_a.id)]),
            self.followup_a | self.callback,
        )
        callback = Followup.browse(self.callback.id)
        callback.write({"reached": True, "satisfaction": "5", "customer_paid": True})
        callback.action_done()
        self.assertEqual(callback.state, "done")
