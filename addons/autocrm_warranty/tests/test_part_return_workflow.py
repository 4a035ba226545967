from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_part_return import PartReturnCase


@tagged("post_install", "-at_install")
class TestPartReturnWorkflow(PartReturnCase):
    """Issue 19: a return's status moves through its buttons only, whatever context
    a JSON-RPC client sends, and the parts of a shipped return are fixed, so that
    no part escapes the charge-back without going back to the OEM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls._submitted_claim(
            cls.advisor_a, cls.vehicle_a, [(cls.pump, 1, True), (cls.sensor, 2, True)]
        )
        cls.pump_line, cls.sensor_line = cls.claim.part_line_ids

    def _stored(self, records):
        self.env.flush_all()
        self.env.invalidate_all()
        return records.with_env(self.env)

    def _overdue(self):
        """The claim was submitted past the return period: run the charge-back."""
        self.claim.sudo().submitted_date = self.today - timedelta(days=31)
        self.env.flush_all()
        return self.Return._cron_charge_back_unshipped()

    def test_context_flag_does_not_ship(self):
        """The flag the actions once passed in the context writes nothing now: the
        return stays a draft, and its parts are charged back when late."""
        part_return = self._return_with_outstanding(self.advisor_a)
        forged = part_return.with_context(autocrm_part_return_action=True)
        for vals in (
            {"state": "shipped", "ship_date": self.today},
            {"state": "inspected"},
            {"inspector_id": self.advisor_a.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "buttons only"),
            ):
                forged.write(vals)
        with self.assertRaisesRegex(UserError, "buttons only"):
            self.Return.with_user(self.advisor_a).with_context(
                autocrm_part_return_action=True
            ).create({"state": "shipped"})
        stored = self._stored(part_return)
        self.assertEqual(stored.state, "draft")
        self.assertFalse(stored.ship_date)
        self.assertEqual(
            self.Return.search_count([("company_id", "=", self.dealer_a.id)]), 1
        )
        self.assertEqual(self._overdue(), 2)
        self.assertTrue(
            all(self._stored(self.claim).part_line_ids.mapped("charged_back"))
        )

    def test_actions_check_the_user_not_the_context(self):
        """Dealer B cannot ship dealer A's return; a dealer cannot receive or
        inspect, with the old flag or without."""
        part_return = self._return_with_outstanding(self.advisor_a)
        with self.assertRaises(AccessError):
            part_return.with_user(self.advisor_b).action_ship()
        self.assertEqual(self._stored(part_return).state, "draft")
        part_return.with_user(self.advisor_a).action_ship()
        forged = part_return.with_user(self.advisor_a).with_context(
            autocrm_part_return_action=True
        )
        with self.assertRaises(AccessError):
            forged.action_receive()
        self.assertEqual(self._stored(part_return).state, "shipped")
        part_return.with_user(self.oem_user).action_receive()
        self.assertEqual(self._stored(part_return).state, "received")

    def test_parts_of_a_shipped_return_are_fixed(self):
        """Once shipped, no line of the return changes, goes or comes: neither
        another claim part put in its place nor a line moved onto it, which the
        charge-back would count as shipped."""
        shipped = self._return_with_outstanding(self.advisor_a)
        shipped.with_user(self.advisor_a).action_ship()
        other = self._submitted_claim(
            self.advisor_a, self.vehicle_a, [(self.filter, 1, True)]
        )
        draft = self._return_with_outstanding(self.advisor_a)
        self.assertEqual(draft.line_ids.claim_line_id, other.part_line_ids)
        line = shipped.line_ids.with_user(self.advisor_a)[0]
        moving = draft.line_ids.with_user(self.advisor_a)
        for records, vals in (
            (line, {"claim_line_id": other.part_line_ids.id}),
            (line, {"quantity": 0.5}),
            (moving, {"return_id": shipped.id}),
            (
                shipped.with_user(self.advisor_a),
                {"line_ids": [Command.link(moving.id)]},
            ),
            (
                shipped.with_user(self.advisor_a),
                {
                    "line_ids": [
                        Command.create({"claim_line_id": other.part_line_ids.id})
                    ]
                },
            ),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(
                    UserError, "is shipped: its parts can no longer change"
                ),
            ):
                records.write(vals)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            line.unlink()
        stored = self._stored(shipped)
        self.assertEqual(
            stored.line_ids.claim_line_id, self.pump_line | self.sensor_line
        )
        self.assertEqual(stored.line_ids.mapped("quantity"), [1.0, 2.0])
        self.assertEqual(
            self._stored(draft).line_ids.claim_line_id, other.part_line_ids
        )
        # the other claim's part is still due: charged back when late
        other.sudo().submitted_date = self.today - timedelta(days=31)
        self.env.flush_all()
        self.assertEqual(self.Return._cron_charge_back_unshipped(), 1)
        self.assertTrue(self._stored(other).part_line_ids.charged_back)
        self.assertFalse(
            self._stored(self.claim).part_line_ids.filtered("charged_back")
        )

    def test_other_dealer_cannot_move_a_line_onto_dealer_a_return(self):
        claim_b = self._submitted_claim(
            self.advisor_b, self.vehicle_b, [(self.pump, 1, True)]
        )
        return_a = self._return_with_outstanding(self.advisor_a)
        return_a.with_user(self.advisor_a).action_ship()
        return_b = self._return_with_outstanding(self.advisor_b)
        with self.assertRaises(AccessError):
            return_b.line_ids.with_user(self.advisor_b).write(
                {"return_id": return_a.id}
            )
        with self.assertRaises(AccessError):
            self.env["autocrm.part.return.line"].with_user(self.advisor_b).create(
                {"return_id": return_a.id, "claim_line_id": claim_b.part_line_ids.id}
            )
        self.assertEqual(
            self._stored(return_b).line_ids.claim_line_id, claim_b.part_line_ids
        )
        self.assertEqual(
            self._stored(return_a).line_ids.claim_line_id,
            self.pump_line | self.sensor_line,
        )

    def test_a_return_ships_every_part_claimed(self):
        """A line carrying fewer parts than its claim line claims is not shipped:
        once shipped, the whole claim line would count as returned."""
        part_return = self._return_with_outstanding(self.advisor_a)
        sensor = part_return.line_ids.filtered(
            lambda line: line.claim_line_id == self.sensor_line
        )
        sensor.with_user(self.advisor_a).quantity = 1
        with self.assertRaisesRegex(
            UserError, r"carries 1\.0 of part Test ABS Sensor .* claims 2\.0"
        ):
            part_return.with_user(self.advisor_a).action_ship()
        stored = self._stored(part_return)
        self.assertEqual(stored.state, "draft")
        self.assertFalse(stored.picking_id)
        sensor.with_user(self.advisor_a).quantity = 2
        part_return.with_user(self.advisor_a).action_ship()
        self.assertEqual(self._stored(part_return).state, "shipped")

    def test_intake_move_is_the_bookings_own(self):
        """A line's intake move is reversed when the line leaves a draft return: a
        dealer pointing it at another move would have that move reversed."""
        part_return = self._return_with_outstanding(self.advisor_a)
        lines = part_return.line_ids.with_user(self.advisor_a)
        line = lines.filtered(lambda line: line.claim_line_id == self.pump_line)
        intake = line.intake_move_id
        other = (lines - line).intake_move_id
        with self.assertRaisesRegex(AccessError, "intake move .* cannot be written"):
            line.write({"intake_move_id": other.id})
        self.assertEqual(self._stored(line).intake_move_id, intake)
        # the booking itself still moves the parts in and out
        line.unlink()
        self.assertEqual(
            self._qty(self.pump, self.dealer_a.autocrm_used_part_location_id), 0
        )
