from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaint(ComplaintCase):
    def test_advisor_records_a_complaint_on_one_screen(self):
        with Form(self.Complaint.with_user(self.advisor_a)) as form:
            form.vehicle_id = self.vehicle_a
            form.channel = "walk_in"
            form.category_id = self.category_passed_around
            form.description = "I was sent from the desk to the workshop and back."
            self.assertEqual(form.partner_id, self.customer_a)
            self.assertEqual(form.priority, "2", "priority of the category")
        complaint = form.record
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertRecordValues(
            complaint,
            [
                {
                    "company_id": self.dealer_a.id,
                    "user_id": self.advisor_a.id,
                    "phase": "new",
                    "is_overdue": False,
                    "escalated": False,
                }
            ],
        )

    def test_deadlines_follow_the_priority(self):
        complaint = self._complaint()
        self.assertEqual(
            complaint.acknowledge_deadline, complaint.received_at + timedelta(hours=8)
        )
        self.assertEqual(
            complaint.deadline, complaint.received_at + timedelta(hours=72)
        )
        complaint.priority = "3"
        self.assertEqual(
            complaint.acknowledge_deadline, complaint.received_at + timedelta(hours=2)
        )
        self.assertEqual(
            complaint.deadline, complaint.received_at + timedelta(hours=24)
        )

    def test_oem_manager_changes_deadlines_of_open_complaints(self):
        open_complaint = self._complaint()
        acknowledged_in_5_hours = self._complaint(hours_ago=5)
        acknowledged_in_5_hours.action_acknowledge()
        self.assertFalse(acknowledged_in_5_hours.is_late)
        deadline = self.env.ref("autocrm_complaint.autocrm_complaint_deadline_1")
        deadline.with_user(self.oem_manager).write(
            {"hours_to_acknowledge": 1, "hours_to_resolve": 12}
        )
        self.assertEqual(
            open_complaint.acknowledge_deadline,
            open_complaint.received_at + timedelta(hours=1),
        )
        self.assertEqual(
            open_complaint.deadline, open_complaint.received_at + timedelta(hours=12)
        )
        self.assertTrue(acknowledged_in_5_hours.is_late)
        with self.assertRaises(ValidationError):
            deadline.with_user(self.oem_manager).write({"hours_to_acknowledge": 20})
        with self.assertRaises(UserError):
            deadline.with_user(self.manager_a).write({"hours_to_resolve": 500})

    def test_overdue_to_acknowledge_then_to_resolve(self):
        fresh = self._complaint(hours_ago=1)
        unacknowledged = self._complaint(hours_ago=9)
        acknowledged = self._complaint(hours_ago=9)
        acknowledged.action_acknowledge()
        unresolved = self._complaint(hours_ago=80)
        unresolved.action_acknowledge()
        resolved = self._complaint(hours_ago=80, resolution="Apologised, refunded.")
        resolved.action_resolve()
        complaints = fresh | unacknowledged | acknowledged | unresolved | resolved
        self.assertEqual(
            complaints.mapped("is_overdue"), [False, True, False, True, False]
        )
        self.assertIn("left to acknowledge", fresh.time_left)
        self.assertIn("Acknowledgement late", unacknowledged.time_left)
        self.assertIn("left to resolve", acknowledged.time_left)
        self.assertIn("Resolution late", unresolved.time_left)
        self.assertFalse(resolved.time_left)
        # late acknowledgement of the second, though no longer overdue
        self.assertEqual(complaints.mapped("is_late"), [False, False, True, True, True])

    def test_search_overdue_complaints(self):
        fresh = self._complaint(hours_ago=1)
        unacknowledged = self._complaint(hours_ago=9)
        unresolved = self._complaint(hours_ago=80)
        unresolved.action_acknowledge()
        mine = fresh | unacknowledged | unresolved
        Complaint = self.Complaint.with_user(self.advisor_a)
        overdue = Complaint.search([("id", "in", mine.ids), ("is_overdue", "=", True)])
        self.assertEqual(overdue, unacknowledged | unresolved)
        self.assertEqual(
            Complaint.search([("id", "in", mine.ids), ("is_overdue", "!=", True)]),
            fresh,
        )
        self.assertEqual(
            Complaint.search([("id", "in", mine.ids), ("is_overdue", "=", False)]),
            fresh,
        )

    def test_stages_stamp_the_handling_times(self):
        complaint = self._complaint(hours_ago=2).with_user(self.advisor_a)
        complaint.action_acknowledge()
        self.assertTrue(complaint.acknowledged_at)
        self.assertFalse(complaint.resolved_at)
        complaint.action_start()
        complaint.resolution = "Free car wash and an apology."
        complaint.action_resolve()
        self.assertTrue(complaint.resolved_at)
        self.assertEqual(complaint.phase, "resolved")

    def test_handling_times_cannot_be_written(self):
        complaint = self._complaint(hours_ago=20).with_user(self.advisor_a)
        for values in (
            {"acknowledged_at": self.now},
            {"escalated": True},
            {"resolved_at": self.now},
            {"name": "CMP/FAKE"},
            {"followup_id": self.env["autocrm.followup"].search([], limit=1).id},
        ):
            with self.assertRaises(UserError):
                complaint.write(values)
        with self.assertRaises(UserError):
            self.Complaint.with_user(self.advisor_a).create(
                {
                    "partner_id": self.customer_a.id,
                    "description": "x",
                    "acknowledged_at": self.now,
                }
            )

    def test_received_time_is_fixed_once_acknowledged(self):
        complaint = self._complaint(hours_ago=20).with_user(self.advisor_a)
        complaint.received_at = self.now - timedelta(hours=1)
        complaint.action_acknowledge()
        with self.assertRaises(UserError):
            complaint.received_at = self.now
        with self.assertRaises(ValidationError):
            self._complaint(hours_ago=-2)

    def test_customer_of_another_dealership_is_refused(self):
        with self.assertRaises(ValidationError):
            self._complaint(partner=self.customer_b)
        with self.assertRaises(ValidationError):
            self._complaint(
                dealer=self.dealer_b,
                partner=self.customer_b,
                vehicle_id=self.vehicle_a.id,
            )

    def test_complaint_in_the_customer_log(self):
        complaint = self._complaint(hours_ago=2)
        log = self.env["autocrm.customer.log"].search(
            [("res_model", "=", "autocrm.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertRecordValues(
            log,
            [
                {
                    "kind": "complaint",
                    "name": complaint.name,
                    "partner_id": self.customer_a.id,
                    "company_id": self.dealer_a.id,
                }
            ],
        )
        self.assertIn("promised time", log.detail)
        self.assertFalse(
            self.env["autocrm.customer.log"]
            .with_user(self.advisor_b)
            .search([("id", "=", log.id)])
        )

    def test_buttons_never_undo_a_step(self):
        complaint = self._complaint(hours_ago=2, resolution="Refunded.")
        complaint.with_user(self.advisor_a).action_resolve()
        complaint.with_user(self.advisor_a).action_acknowledge()
        complaint.with_user(self.advisor_a).action_start()
        self.assertEqual(complaint.phase, "resolved")
        complaint.with_user(self.advisor_a).action_reopen()
        self.assertEqual(complaint.phase, "in_progress")
