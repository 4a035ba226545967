from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_part_return import PartReturnCase


@tagged("post_install", "-at_install")
class TestPartReturnChargeback(PartReturnCase):
    def _claim_submitted_days_ago(self, days, parts=None, user=None, vehicle=None):
        claim = self._submitted_claim(
            user or self.advisor_a,
            vehicle or self.vehicle_a,
            parts or [(self.pump, 1, True), (self.filter, 1, False)],
        )
        # hand-made date: the claim was submitted `days` ago
        claim.sudo().submitted_date = self.today - timedelta(days=days)
        return claim

    def _run(self):
        self.env.flush_all()
        return self.Return._cron_charge_back_unshipped()

    def test_unshipped_part_is_charged_back_once(self):
        """A return-required part not shipped 31 days after submission is charged
        back: its amount leaves the claim and the dealer reads which part and why;
        a second run changes nothing."""
        late = self._claim_submitted_days_ago(31)
        recent = self._claim_submitted_days_ago(29)
        pump_line, filter_line = late.part_line_ids
        claimed = late.amount_claimed
        self.assertTrue(pump_line.amount)
        messages = len(late.message_ids)

        self.assertEqual(self._run(), 1)

        self.assertTrue(pump_line.charged_back)
        self.assertEqual(pump_line.charged_back_date, self.today)
        self.assertFalse(filter_line.charged_back)
        self.assertAlmostEqual(late.amount_claimed, claimed - pump_line.amount)
        self.assertFalse(recent.part_line_ids.filtered("charged_back"))
        message = late.message_ids[0]
        self.assertEqual(len(late.message_ids), messages + 1)
        self.assertIn("Test Water Pump", message.body)
        self.assertIn("30 days", message.body)
        self.assertIn("Charged back", message.body)

        self.assertEqual(self._run(), 0)
        self.assertEqual(len(late.message_ids), messages + 1)
        self.assertEqual(pump_line.charged_back_date, self.today)

    def test_shipped_parts_are_not_charged_back(self):
        """A part on a shipped return is safe; a part on a draft return is not
        shipped, and once charged back its return can no longer be shipped."""
        shipped = self._claim_submitted_days_ago(40)
        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.action_ship()
        drafted = self._claim_submitted_days_ago(40)
        draft_return = self._return_with_outstanding(self.advisor_a)

        self.assertEqual(self._run(), 1)

        self.assertFalse(shipped.part_line_ids.filtered("charged_back"))
        self.assertTrue(drafted.part_line_ids[0].charged_back)
        with self.assertRaisesRegex(UserError, "was charged back"):
            draft_return.action_ship()

    def test_return_period_is_configurable(self):
        self.env["res.config.settings"].create(
            {"autocrm_part_return_days": 10}
        ).execute()
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("autocrm_warranty.part_return_days"),
            "10",
        )
        claim = self._claim_submitted_days_ago(11)
        self.assertEqual(self._run(), 1)
        self.assertTrue(claim.part_line_ids[0].charged_back)
        self.assertIn("10 days", claim.message_ids[0].body)

    def test_batches_report_progress(self):
        claims = [self._claim_submitted_days_ago(35) for _i in range(3)]
        self.env.flush_all()
        self.assertEqual(self.Return._cron_charge_back_unshipped(batch_size=2), 2)
        self.assertEqual(self.Return._cron_charge_back_unshipped(batch_size=2), 1)
        self.assertTrue(all(claim.part_line_ids[0].charged_back for claim in claims))


@tagged("post_install", "-at_install", "is_query_count")
class TestPartReturnChargebackQueries(PartReturnCase):
    """The cost of a run grows with the claims it writes to, not with their lines."""

    # for 2 claims of 6 lines: the due lines, their update, the claims' amounts and
    # one message (with its e-mail) per claim; 101 measured, a little slack for the
    # other suite modules
    QUERIES = 105

    def _late_claims(self, lines_per_claim):
        parts = [(self.pump, 1, True)] * lines_per_claim
        claims = self.env["autocrm.warranty.claim"]
        for vehicle, user in (
            (self.vehicle_a, self.advisor_a),
            (self.vehicle_b, self.advisor_b),
        ):
            claim = self._submitted_claim(user, vehicle, parts)
            claim.sudo().submitted_date = self.today - timedelta(days=45)
            claims |= claim
        self.env.flush_all()
        self.env.invalidate_all()
        return claims

    def _count(self):
        before = self.cr.sql_log_count
        self.env["autocrm.part.return"]._cron_charge_back_unshipped()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_lines(self):
        self._late_claims(1)
        self._count()  # warm-up: caches of the first message and write
        few = self._late_claims(1)
        count_few = self._count()
        many = self._late_claims(6)
        with self.assertQueryCount(self.QUERIES):
            count_many = self._count()
        self.assertEqual(len(few.part_line_ids.filtered("charged_back")), 2)
        self.assertEqual(len(many.part_line_ids.filtered("charged_back")), 12)
        # ten more lines, not ten more queries (a few reads differ with the cache)
        self.assertLess(count_many - count_few, 5)
