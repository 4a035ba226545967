from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_followup import FollowupCase


class FollowupAccessCase(FollowupCase):
    """Dealer A's advisor's follow-up after a visit, the OEM company in its role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oem.autocrm_role = "oem"
        cls.followup_a = cls.Followup.create(
            {
                "partner_id": cls.customer_a.id,
                "vehicle_id": cls.vehicle_a.id,
                "company_id": cls.dealer_a.id,
                "user_id": cls.advisor_a.id,
                "followup_type": "post_service",
                "due_date": cls.today,
            }
        )

    def _fresh(self):
        self.env.flush_all()
        self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestFollowupAccess(FollowupAccessCase):
    def test_other_dealer_neither_finds_nor_reads_the_follow_up(self):
        self._fresh()
        Followup = self.Followup.with_user(self.advisor_b)
        self.assertFalse(Followup.search([("partner_id.name", "=", "Customer A")]))
        self.assertFalse(Followup.search([("id", "=", self.followup_a.id)]))
        with self.assertRaises(AccessError):
            Followup.browse(self.followup_a.id).read(["satisfaction"])
        with self.assertRaises(AccessError):
            Followup.browse(self.followup_a.id).write({"notes": "B was here"})

    def test_dealer_cannot_follow_up_another_dealers_customer(self):
        Followup = self.Followup.with_user(self.advisor_b)
        with self.assertRaisesRegex(AccessError, "not a customer of Dealer B"):
            Followup.create(
                {
                    "partner_id": self.customer_a.id,
                    "followup_type": "post_service",
                    "due_date": self.today,
                }
            )
        with self.assertRaises(AccessError):
            Followup.create(
                {
                    "partner_id": self.customer_a.id,
                    "company_id": self.dealer_a.id,
                    "followup_type": "post_service",
                    "due_date": self.today,
                }
            )

    def test_only_managers_delete(self):
        with self.assertRaises(AccessError):
            self.followup_a.with_user(self.advisor_a).unlink()
        self.followup_a.with_user(self.manager_a).unlink()
        self.assertFalse(self.followup_a.exists())
