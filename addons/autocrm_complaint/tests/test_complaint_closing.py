from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintClosing(ComplaintCase):
    def _followups_of(self, complaint):
        return self.env["autocrm.followup"].search(
            [
                ("res_model", "=", "autocrm.complaint"),
                ("res_id", "=", complaint.id),
                ("followup_type", "=", "complaint"),
            ]
        )

    def _resolved(self, **values):
        complaint = self._complaint(
            hours_ago=5, resolution="Apologised and refunded the wash.", **values
        ).with_user(self.advisor_a)
        complaint.action_resolve()
        return complaint

    def test_resolving_needs_a_resolution(self):
        complaint = self._complaint(hours_ago=5).with_user(self.advisor_a)
        with self.assertRaisesRegex(ValidationError, "resolution"):
            complaint.action_resolve()
        self.assertEqual(complaint.phase, "new")

    def test_closing_needs_root_cause_and_satisfaction(self):
        complaint = self._resolved(category_id=self.category_quality.id)
        with self.assertRaisesRegex(ValidationError, "Root Cause.*Satisfaction"):
            complaint.action_close()
        complaint.root_cause = "Software fault of the head unit."
        with self.assertRaisesRegex(ValidationError, "Satisfaction"):
            complaint.action_close()
        complaint.satisfaction = "4"
        complaint.action_close()
        self.assertEqual(complaint.phase, "closed")
        self.assertTrue(complaint.closed_at)

    def test_closing_through_the_stage_is_checked_too(self):
        complaint = self._resolved(category_id=self.category_quality.id)
        with self.assertRaises(ValidationError):
            complaint.stage_id = self.stage["closed"]
        with self.assertRaises(ValidationError):
            self._complaint(stage_id=self.stage["closed"].id, resolution="Done.")

    def test_process_failure_needs_improvement_and_prevention_plans(self):
        complaint = self._resolved(
            category_id=self.category_passed_around.id,
            root_cause="Nobody owned the customer's request.",
            satisfaction="3",
        )
        with self.assertRaisesRegex(
            ValidationError, "Improvement Plan.*Prevention Plan"
        ):
            complaint.action_close()
        complaint.improvement_plan = "One advisor owns each customer until handover."
        with self.assertRaisesRegex(ValidationError, "Prevention Plan"):
            complaint.action_close()
        complaint.prevention_plan = "Handover checklist reviewed weekly."
        complaint.action_close()
        self.assertTrue(complaint.has_improvement_plan)

    def _closed(self):
        complaint = self._resolved(
            category_id=self.category_quality.id,
            root_cause="Software fault.",
            satisfaction="5",
        )
        complaint.action_close()
        return complaint

    def test_closed_complaint_is_locked(self):
        complaint = self._closed()
        for user in (self.advisor_a, self.manager_a, self.oem_user):
            with self.assertRaisesRegex(UserError, "closed"):
                complaint.with_user(user).write({"satisfaction": "1"})
        with self.assertRaisesRegex(UserError, "closed"):
            complaint.with_user(self.advisor_a).stage_id = self.stage["in_progress"]
        with self.assertRaises(UserError):
            complaint.with_user(self.manager_a).unlink()
        # the chatter stays open
        complaint.with_user(self.advisor_a).message_post(body="Customer called back.")

    def test_manager_reopens_a_closed_complaint(self):
        complaint = self._closed()
        complaint.with_user(self.manager_a).action_reopen()
        self.assertRecordValues(
            complaint,
            [{"phase": "in_progress", "closed_at": False, "resolved_at": False}],
        )
        complaint.with_user(self.advisor_a).satisfaction = "2"

    def test_resolved_complaint_gets_its_follow_up_once(self):
        complaint = self._resolved(vehicle_id=self.vehicle_a.id)
        followup = self._followups_of(complaint)
        self.assertRecordValues(
            followup,
            [
                {
                    "followup_type": "complaint",
                    "partner_id": self.customer_a.id,
                    "vehicle_id": self.vehicle_a.id,
                    "company_id": self.dealer_a.id,
                    # 3 days after the dealership's day of the resolution
                    "due_date": self.today + timedelta(days=3),
                    "state": "planned",
                }
            ],
        )
        self.assertEqual(complaint.complaint_followup_id, followup)
        complaint.with_user(self.manager_a).action_reopen()
        complaint.action_resolve()
        self.assertEqual(self._followups_of(complaint), followup)

    def test_only_managers_delete_open_complaints(self):
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(self.advisor_a).unlink()
        complaint.with_user(self.manager_a).unlink()
        self.assertFalse(complaint.exists())
