from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantyClaimRules(WarrantyCase):
    def test_submit_prices_and_dates(self):
        """Labour at the dealer grade's rate, parts from the OEM price list; submit
        records the day."""
        claim = self._claim()
        self.assertTrue(claim.name.startswith("WC/"))
        self.assertEqual(claim.labour_line_ids.rate, 120.0, "grade A rate")
        self.assertEqual(claim.amount_labour, 240.0)
        self.assertEqual(claim.amount_parts, 900.0)
        self.assertEqual(claim.amount_claimed, 1140.0)
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.submitted_date, self.today)
        self.assertFalse(claim.fraud_flag_ids)

    def test_deadline_refused_for_dealer_flagged_when_oem_accepts(self):
        claim = self._claim(days_ago=11)
        with self.assertRaisesRegex(UserError, "too late.*within 10 days"):
            claim.action_submit()
        self.assertEqual(claim.state, "draft")
        claim.with_user(self.reviewer).action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.fraud_flag_ids.code, "late")

    def test_out_of_warranty_refused_unless_goodwill(self):
        self.vehicle_a.sale_date = self.today - timedelta(days=4 * 365)
        claim = self._claim()
        with self.assertRaisesRegex(UserError, "warranty ended on"):
            claim.action_submit()
        goodwill = self._claim(
            claim_type="goodwill",
            goodwill_oem_percent=50,
            goodwill_dealer_percent=30,
            goodwill_customer_percent=20,
        )
        self.assertEqual(goodwill.amount_claimed, 570.0, "the OEM's half")
        goodwill.action_submit()
        self.assertEqual(goodwill.state, "submitted")

    def test_out_of_warranty_by_odometer(self):
        claim = self._claim(odometer=100001)
        with self.assertRaisesRegex(UserError, "100001 km at the repair, beyond"):
            claim.action_submit()

    def test_goodwill_split_adds_up_to_100(self):
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            self._claim(
                claim_type="goodwill",
                goodwill_oem_percent=50,
                goodwill_dealer_percent=30,
            )

    def test_duplicate_vin_and_causal_part_flagged(self):
        first = self._claim(days_ago=8)
        first.action_submit()
        second = self._claim(days_ago=1)
        second.action_submit()
        self.assertFalse(first.fraud_flag_ids)
        self.assertEqual(second.fraud_flag_ids.code, "duplicate")
        self.assertIn(first.name, second.fraud_flag_ids.note)
        # another causal part is no duplicate
        third = self._claim(days_ago=1, causal_part_id=self.gasket.id)
        third.action_submit()
        self.assertFalse(third.fraud_flag_ids)

    def test_odometer_lower_than_earlier_reading_flagged(self):
        self.env["autocrm.odometer.reading"].create(
            {
                "vehicle_id": self.vehicle_a.id,
                "date": self.today - timedelta(days=20),
                "value": 25000,
            }
        )
        claim = self._claim(odometer=20000)
        claim.action_submit()
        self.assertEqual(claim.fraud_flag_ids.code, "odometer")
        self.assertIn("25000", claim.fraud_flag_ids.note)

    def test_hours_above_flat_rate_flagged(self):
        claim = self._claim(
            labour_line_ids=[
                Command.create({"operation_id": self.operation.id, "hours": 3.5})
            ]
        )
        claim.action_submit()
        self.assertEqual(claim.fraud_flag_ids.code, "hours")
        self.assertIn("T-ENG-01", claim.fraud_flag_ids.note)

    def test_preauthorisation_above_amount(self):
        self.env["ir.config_parameter"].set_param(
            "autocrm_warranty.preauthorisation_amount", "1000"
        )
        claim = self._claim()
        self.assertTrue(claim.preauthorisation_required)
        with self.assertRaisesRegex(UserError, "pre-authorisation before the repair"):
            claim.action_submit()
        claim.write(
            {"preauthorisation_number": "PA-1", "preauthorisation_date": self.today}
        )
        with self.assertRaisesRegex(UserError, "after the repair"):
            claim.action_submit()
        claim.preauthorisation_date = claim.repair_date - timedelta(days=1)
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")

    def test_amounts_locked_after_submit(self):
        claim = self._claim()
        claim.action_submit()
        with self.assertRaisesRegex(UserError, "locked"):
            claim.part_line_ids[0].quantity = 5
        with self.assertRaisesRegex(UserError, "locked"):
            claim.odometer = 1000
        with self.assertRaisesRegex(UserError, "locked"):
            self.env["autocrm.warranty.claim.labour"].with_user(self.advisor_a).create(
                {"claim_id": claim.id, "operation_id": self.operation.id}
            )
        with self.assertRaisesRegex(UserError, "locked"):
            claim.labour_line_ids.unlink()
        self.assertEqual(claim.amount_claimed, 1140.0)

    def test_only_reviewers_decide(self):
        claim = self._claim()
        claim.action_submit()
        for action in ("action_approve", "action_reject", "action_pay"):
            with self.assertRaises(AccessError):
                getattr(claim, action)()
        with self.assertRaises(AccessError):
            claim.write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "only through its buttons"):
            claim.write({"submitted_date": self.today + timedelta(days=30)})
        draft = self._claim(causal_part_id=self.gasket.id)
        with self.assertRaisesRegex(AccessError, "only through its buttons"):
            draft.write({"state": "submitted"})
        with self.assertRaises(AccessError):
            self.Claim.with_user(self.advisor_a).create(self._claim_vals(state="paid"))
        with self.assertRaises(AccessError):
            claim.amount_approved = 99999
        oem_claim = claim.with_user(self.oem_user)
        with self.assertRaises(AccessError):
            oem_claim.action_approve()
        self.assertEqual(claim.state, "submitted")

    def test_reject_needs_reason_and_pay_needs_approval(self):
        claim = self._claim()
        claim.action_submit()
        review = claim.with_user(self.reviewer)
        with self.assertRaisesRegex(UserError, "rejection reason"):
            review.action_reject()
        with self.assertRaisesRegex(UserError, "only approved claims are paid"):
            review.action_pay()
        wizard = (
            self.env["autocrm.warranty.claim.reject"]
            .with_user(self.reviewer)
            .create(
                {
                    "claim_ids": [Command.set(claim.ids)],
                    "rejection_category": "evidence",
                    "rejection_reason": "No photo of the leak.",
                }
            )
        )
        wizard.action_reject()
        self.assertEqual(claim.state, "rejected")
        self.assertEqual(claim.rejection_reason, "No photo of the leak.")

    def test_approval_waits_for_inspected_parts(self):
        claim = self._claim()
        claim.action_submit()
        review = claim.with_user(self.reviewer)
        with self.assertRaisesRegex(UserError, "Water pump.*not been returned"):
            review.action_approve()
        self._inspect(claim, "no_defect")
        with self.assertRaisesRegex(UserError, "Water pump.*found no defect"):
            review.action_approve()
        self._inspect(claim, "wrong_part")
        with self.assertRaisesRegex(UserError, "Water pump.*not the one claimed"):
            review.action_approve()
        self._inspect(claim, "defect_confirmed")
        review.action_approve()
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.amount_approved, 1140.0)
        self.assertEqual(claim.reviewer_id, self.reviewer)
        review.action_pay()
        self.assertEqual(claim.state, "paid")
        self.assertEqual(claim.cycle_days, 0)

    def test_charged_back_part_left_out(self):
        claim = self._claim()
        claim.action_submit()
        pump_line = claim.part_line_ids.filtered("return_required")
        pump_line.sudo().write({"charged_back": True, "charged_back_date": self.today})
        self.assertEqual(claim.amount_claimed, 340.0, "labour 240 + gaskets 100")
        claim.with_user(self.reviewer).action_approve()
        self.assertEqual(claim.amount_approved, 340.0)

    def test_dealer_cannot_record_inspection(self):
        claim = self._claim()
        claim.action_submit()
        with self.assertRaises(AccessError):
            claim.part_line_ids[0].inspection_result = "defect_confirmed"
        with self.assertRaises(AccessError):
            claim.part_line_ids[0].charged_back = True
