from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintSubtypes(ComplaintCase):
    """Escalation and resolution are the subtypes people follow a complaint by."""

    def _end_transaction(self):
        """What a commit does for tracking: post the messages of the changes
        (a record created in the transaction is tracked from the next one)."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _subtypes(self, complaint):
        self._end_transaction()
        return complaint.message_ids.subtype_id

    def test_resolution_is_its_own_subtype(self):
        complaint = self._complaint(resolution="Brake discs replaced free of charge.")
        self._end_transaction()
        complaint.with_user(self.advisor_a).action_resolve()
        resolved = self.env.ref("autocrm_complaint.mt_complaint_resolved")
        self.assertIn(resolved, self._subtypes(complaint))
        message = complaint.message_ids.filtered(lambda m: m.subtype_id == resolved)
        self.assertEqual(len(message), 1)
        self.assertTrue(message.tracking_value_ids, "the stage change it tracks")

    def test_escalation_is_its_own_subtype(self):
        overdue = self._complaint(hours_ago=9)
        self.Complaint._cron_complaint_escalate()
        escalated = self.env.ref("autocrm_complaint.mt_complaint_escalated")
        message = overdue.message_ids.filtered(lambda m: m.subtype_id == escalated)
        self.assertEqual(len(message), 1)
        self.assertIn("Escalated to the OEM", message.body)
        self.assertFalse(
            self.env.ref("autocrm_complaint.mt_complaint_resolved")
            in self._subtypes(overdue)
        )
