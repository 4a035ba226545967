from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintDeadlineHours(ComplaintCase):
    """Issue 19: a deadline is a number of hours within a year; a negative or
    absurd one is refused with the field and its range, and nothing is written."""

    def test_deadline_hours_within_a_year(self):
        Deadline = self.env["autocrm.complaint.deadline"].with_user(self.oem_manager)
        deadline = Deadline.search([("priority", "=", "1")]) or Deadline.create(
            {"priority": "1", "hours_to_acknowledge": 8, "hours_to_resolve": 72}
        )
        before = (deadline.hours_to_acknowledge, deadline.hours_to_resolve)
        for vals, message in (
            ({"hours_to_acknowledge": -8}, "Hours To Acknowledge is between 0 and"),
            ({"hours_to_resolve": 1e9}, "Hours To Resolve is between 0 and 8784"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                deadline.write(vals)
        with self.assertRaisesRegex(ValidationError, "Hours To Resolve is between"):
            Deadline.create(
                {"priority": "3", "hours_to_acknowledge": 1, "hours_to_resolve": 1e300}
            )
        # a dealer does not change the network's deadlines at all
        with self.assertRaises(AccessError):
            deadline.with_user(self.advisor_a).write({"hours_to_resolve": 1})
        self.env.flush_all()
        self.env.invalidate_all()
        stored = deadline.with_env(self.env)
        self.assertEqual((stored.hours_to_acknowledge, stored.hours_to_resolve), before)

    def test_dealer_cannot_push_a_deadline_back(self):
        """A complaint's deadlines, step and lateness are computed: a dealer's user
        writing a later deadline over RPC would keep it from ever being escalated
        to the OEM. Refused; nothing is written."""
        complaint = self._complaint(hours_ago=10).with_user(self.advisor_a)
        deadline, acknowledge_by = complaint.deadline, complaint.acknowledge_deadline
        for vals, label in (
            ({"deadline": "2099-01-01 00:00:00"}, "Resolve By"),
            ({"acknowledge_deadline": "2099-01-01 00:00:00"}, "Acknowledge By"),
            ({"phase": "closed"}, "Step"),
            ({"is_late": False}, "Handled Late"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(
                    AccessError, f"{label} follow from the rest of the record"
                ),
            ):
                complaint.write(vals)
        self.env.flush_all()
        self.env.invalidate_all()
        stored = complaint.with_env(self.env)
        self.assertEqual(stored.deadline, deadline)
        self.assertEqual(stored.acknowledge_deadline, acknowledge_by)
        self.assertEqual(stored.phase, "new")
        self.assertTrue(stored.is_overdue)
