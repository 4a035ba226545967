from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.test_followup import FollowupCase

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintFollowup(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.followup = cls.env["autocrm.followup"].create(
            {
                "followup_type": "post_service",
                "partner_id": cls.customer_a.id,
                "vehicle_id": cls.vehicle_a.id,
                "company_id": cls.dealer_a.id,
                "user_id": cls.advisor_a.id,
                "due_date": cls.today,
            }
        )

    def test_dissatisfied_answer_opens_a_complaint_in_one_click(self):
        followup = self.followup.with_user(self.advisor_a)
        followup.write(
            {
                "reached": True,
                "satisfaction": "1",
                "customer_remarks": "The noise is still there after the repair.",
            }
        )
        action = followup.action_done()
        complaint = followup.complaint_ids
        self.assertEqual(len(complaint), 1)
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("autocrm.complaint", complaint.id),
        )
        self.assertRecordValues(
            complaint,
            [
                {
                    "channel": "followup",
                    "followup_id": followup.id,
                    "partner_id": self.customer_a.id,
                    "vehicle_id": self.vehicle_a.id,
                    "company_id": self.dealer_a.id,
                    "user_id": self.advisor_a.id,
                    "priority": "2",
                    "phase": "new",
                }
            ],
        )
        self.assertIn("noise is still there", complaint.description)
        self.assertEqual(followup.complaint_count, 1)
        # the form's button opens the same complaint, no second one
        again = followup.action_open_complaint()
        self.assertEqual(again["res_id"], complaint.id)
        self.assertEqual(len(followup.complaint_ids), 1)

    def test_several_dissatisfied_answers(self):
        other = self.followup.copy({"followup_type": "post_sale"})
        followups = (self.followup | other).with_user(self.advisor_a)
        followups.write({"reached": True, "satisfaction": "2"})
        action = followups.action_done()
        self.assertEqual(action["res_model"], "autocrm.complaint")
        self.assertEqual(
            sorted(action["domain"][0][2]), sorted(followups.complaint_ids.ids)
        )
        self.assertEqual(len(followups.complaint_ids), 2)

    def test_satisfied_answer_gets_no_complaint(self):
        followup = self.followup.with_user(self.advisor_a)
        followup.write({"reached": True, "satisfaction": "4"})
        self.assertTrue(followup.action_done())
        self.assertFalse(followup.complaint_ids)
        with self.assertRaises(UserError):
            followup.action_open_complaint()


@tagged("post_install", "-at_install")
class TestComplaintFromOemCallback(FollowupCase):
    def test_oem_callback_complaint_goes_to_the_dealership_of_the_visit(self):
        """The OEM calls back a customer after a warranty repair: a dissatisfied
        answer opens a complaint of the dealership that did the repair, which the
        dealership sees and the other does not."""
        followup_types = self.Followup._fields["followup_type"].get_values(self.env)
        if "oem_callback" not in followup_types:
            self.skipTest("the OEM's call-backs come with autocrm_warranty")
        visit = self._done_visit(self.vehicle_a, 5, visit_type="warranty")
        callback = self.Followup.create(
            {
                "followup_type": "oem_callback",
                "partner_id": self.customer_a.id,
                "vehicle_id": self.vehicle_a.id,
                "company_id": self.oem.id,
                "user_id": self.oem_user.id,
                "due_date": self.today,
                "res_model": "repair.order",
                "res_id": visit.id,
            }
        ).with_user(self.oem_user)
        callback.write({"reached": True, "satisfaction": "2", "customer_paid": True})
        callback.action_done()
        complaint = callback.complaint_ids
        self.assertRecordValues(
            complaint,
            [
                {
                    "company_id": self.dealer_a.id,
                    "channel": "followup",
                    "followup_id": callback.id,
                }
            ],
        )
        self.env.invalidate_all()
        Complaint = self.env["autocrm.complaint"]
        self.assertEqual(
            Complaint.with_user(self.advisor_a).search([("id", "=", complaint.id)]),
            complaint,
        )
        self.assertFalse(
            Complaint.with_user(self.advisor_b).search([("id", "=", complaint.id)])
        )
