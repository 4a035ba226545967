from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestClaimListPrices(WarrantyCase):
    """Issue 19: whatever a dealer's user writes over JSON-RPC, a claim's prices and
    rates are the OEM's lists', and its figures are computed, not typed in. Each
    refusal leaves the records as they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.turbo = cls.env["product.product"].create(
            {"name": "Turbocharger", "type": "consu", "list_price": 560.0}
        )
        # dealer A's draft claim: a turbocharger at 560, 2 h at grade A's 120
        cls.claim = cls._claim(
            causal_part_id=cls.turbo.id,
            part_line_ids=[Command.create({"product_id": cls.turbo.id})],
        )
        cls.part = cls.claim.part_line_ids
        cls.labour = cls.claim.labour_line_ids

    def _stored(self, records):
        """``records`` as the database holds them."""
        self.env.flush_all()
        self.env.invalidate_all()
        return records.with_env(self.env)

    def _price_notes(self, claim):
        return claim.with_env(self.env).message_ids.filtered(
            lambda message: "Price set by" in (message.body or "")
        )

    def test_dealer_part_price_above_the_list_refused(self):
        """The issue's claim: the part written from 560 to 1,780."""
        self.assertEqual(self.part.unit_price, 560.0)
        with self.assertRaisesRegex(
            AccessError,
            r"Unit Price of part Turbocharger: the OEM's list says .*560\.00, not "
            r".*1,780\.00",
        ):
            self.part.write({"unit_price": 1780})
        part = self._stored(self.part)
        self.assertEqual(part.unit_price, 560.0)
        self.assertFalse(part.price_overridden)
        self.assertEqual(part.claim_id.amount_parts, 560.0)
        # the list's own price, as the web client sends it, goes through
        self.part.write({"unit_price": 560.0})
        self.assertEqual(self._stored(self.part).unit_price, 560.0)
        self.assertFalse(self._price_notes(self.claim))

    def test_dealer_labour_rate_above_the_table_refused(self):
        """The issue's claim: the labour rate written from 120 to 410."""
        self.assertEqual(self.labour.rate, 120.0)
        with self.assertRaisesRegex(
            AccessError,
            r"Hourly Rate of labour \[T-ENG-01\] Replace water pump: the OEM's list "
            r"says .*120\.00, not .*410\.00",
        ):
            self.labour.write({"rate": 410})
        labour = self._stored(self.labour)
        self.assertEqual(labour.rate, 120.0)
        self.assertEqual(labour.claim_id.amount_labour, 240.0)
        self.labour.write({"rate": 120})
        self.assertEqual(self._stored(self.labour).rate, 120.0)

    def test_dealer_cannot_create_lines_at_its_own_price(self):
        Part = self.env["autocrm.warranty.claim.part"].with_user(self.advisor_a)
        with self.assertRaisesRegex(AccessError, "Unit Price of part Turbocharger"):
            Part.create(
                {
                    "claim_id": self.claim.id,
                    "product_id": self.turbo.id,
                    "unit_price": 1780,
                }
            )
        with self.assertRaisesRegex(AccessError, "Hourly Rate of labour"):
            self.claim.write(
                {
                    "labour_line_ids": [
                        Command.create({"operation_id": self.operation.id, "rate": 410})
                    ]
                }
            )
        claims_before = self.Claim.search_count([])
        # the claim is written before its lines are refused: as an RPC call's
        # transaction, the savepoint undoes it
        with (
            self.assertRaisesRegex(AccessError, "Unit Price of part Water pump"),
            self.env.cr.savepoint(),
        ):
            self._claim(
                part_line_ids=[
                    Command.create({"product_id": self.pump.id, "unit_price": 1780})
                ]
            )
        claim = self._stored(self.claim)
        self.assertEqual(claim.part_line_ids, self.part)
        self.assertEqual(claim.labour_line_ids, self.labour)
        self.assertEqual(claim.amount_claimed, 800.0)
        self.assertEqual(self.Claim.search_count([]), claims_before)
        # at the list's price, a line is added
        Part.create(
            {"claim_id": self.claim.id, "product_id": self.pump.id, "unit_price": 800}
        )
        self.assertEqual(self._stored(self.claim).amount_parts, 1360.0)

    def test_dealer_cannot_mark_a_price_as_the_oems(self):
        with self.assertRaisesRegex(AccessError, "the mark cannot be written"):
            self.part.write({"price_overridden": True, "unit_price": 1780})
        part = self._stored(self.part)
        self.assertFalse(part.price_overridden)
        self.assertEqual(part.unit_price, 560.0)

    def test_other_dealer_cannot_price_dealer_a_lines(self):
        """Dealer B, knowing the ids of dealer A's lines and claim, writes nothing on
        them and adds nothing to them."""
        other = self.env["autocrm.warranty.claim.part"].with_user(self.advisor_b)
        with self.assertRaises(AccessError):
            other.browse(self.part.id).write({"unit_price": 560.0})
        with self.assertRaises(AccessError):
            self.env["autocrm.warranty.claim.labour"].with_user(self.advisor_b).browse(
                self.labour.id
            ).write({"hours": 50})
        with self.assertRaises(AccessError):
            other.create({"claim_id": self.claim.id, "product_id": self.pump.id})
        claim = self._stored(self.claim)
        self.assertEqual(claim.part_line_ids, self.part)
        self.assertEqual(claim.labour_line_ids.hours, 2.0)
        self.assertEqual(claim.amount_claimed, 800.0)

    def test_reviewer_override_is_posted_and_submitted(self):
        """The OEM's claims reviewer sets other prices: each is marked on its line
        and posted in the claim's chatter (who, old → new); the dealer submits the
        claim with them, may send them back unchanged, but not replace them."""
        self.part.with_user(self.reviewer).write({"unit_price": 600})
        self.labour.with_user(self.reviewer).rate = 130
        part, labour = self._stored(self.part), self._stored(self.labour)
        self.assertEqual((part.unit_price, labour.rate), (600.0, 130.0))
        self.assertTrue(part.price_overridden)
        self.assertTrue(labour.price_overridden)
        self.assertEqual(part.claim_id.amount_claimed, 860.0)
        notes = self._price_notes(self.claim)
        self.assertEqual(len(notes), 2)
        bodies = "\n".join(notes.mapped("body"))
        self.assertRegex(
            bodies, r"Unit Price of part Turbocharger .*560\.00 → .*600\.00"
        )
        self.assertRegex(bodies, r"Hourly Rate of labour .*120\.00 → .*130\.00")
        self.assertIn(self.reviewer.name, bodies)
        self.assertEqual(notes.author_id, self.reviewer.partner_id)

        self.part.write({"unit_price": 600.0})  # the web client sends it back
        with self.assertRaisesRegex(AccessError, "the OEM's list says .*560"):
            self.part.write({"unit_price": 700})
        self.assertEqual(self._stored(self.part).unit_price, 600.0)
        self.claim.action_submit()
        claim = self._stored(self.claim)
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.amount_claimed, 860.0)

    def test_dealer_back_to_the_list_clears_the_mark(self):
        self.part.with_user(self.reviewer).unit_price = 600
        self.part.write({"unit_price": 560.0})
        part = self._stored(self.part)
        self.assertEqual(part.unit_price, 560.0)
        self.assertFalse(part.price_overridden)

    def test_submit_checks_every_line_against_the_lists(self):
        """Defence in depth: the lists moved after the lines were priced; the
        dealer's claim is not submitted until its lines carry the lists' prices."""
        self.turbo.list_price = 600.0
        with self.assertRaisesRegex(
            UserError,
            r"Unit Price of part Turbocharger is .*560\.00, but the OEM's list says "
            r".*600\.00",
        ):
            self.claim.action_submit()
        self.assertEqual(self._stored(self.claim).state, "draft")
        self.part.write({"unit_price": 600.0})
        self.env.ref("autocrm_warranty.labour_rate_a").rate = 130.0
        with self.assertRaisesRegex(
            UserError, r"Hourly Rate of labour .* is .*120\.00, but the OEM's list"
        ):
            self.claim.action_submit()
        claim = self._stored(self.claim)
        self.assertEqual(claim.state, "draft")
        self.assertFalse(claim.submitted_date)
        self.labour.write({"rate": 130.0})
        self.claim.action_submit()
        self.assertEqual(self._stored(self.claim).state, "submitted")

    def test_computed_figures_cannot_be_written(self):
        """A claim's amounts follow from its lines: a dealer writing them, on a
        draft or on a submitted claim, is refused."""
        with self.assertRaisesRegex(AccessError, "Amount follow from"):
            self.part.write({"amount": 99999})
        with self.assertRaisesRegex(AccessError, "Flat-Rate Hours"):
            self.labour.write({"flat_rate_hours": 50})
        self.claim.action_submit()
        with self.assertRaisesRegex(AccessError, "Amount Claimed follow from"):
            self.claim.write({"amount_claimed": 99999})
        claim = self._stored(self.claim)
        self.assertEqual(claim.amount_claimed, 800.0)
        self.assertEqual(claim.part_line_ids.amount, 560.0)
        self.assertEqual(claim.labour_line_ids.flat_rate_hours, 2.0)

    def test_lines_cannot_move_onto_a_submitted_claim(self):
        submitted = self._claim()
        submitted.action_submit()
        with self.assertRaisesRegex(UserError, "locked"):
            self.part.write({"claim_id": submitted.id})
        with self.assertRaisesRegex(UserError, "locked"):
            self.labour.write({"claim_id": submitted.id})
        self.assertEqual(self._stored(submitted).amount_claimed, 1140.0)
        self.assertEqual(self._stored(self.part).claim_id, self.claim)

    def test_numbers_out_of_range_refused(self):
        """Negative or absurd numbers are refused with the field and its range."""
        cases = [
            (self.labour, {"hours": -1}, r"Hours is between 0 and 100; -1 is not"),
            (self.labour, {"hours": 250}, r"Hours is between 0 and 100; 250 is not"),
            (self.part, {"quantity": -2}, r"Quantity is between 0 and 1000"),
            (self.part, {"quantity": 5000}, r"Quantity is between 0 and 1000"),
            (self.claim, {"odometer": -5}, r"Odometer \(km\) is between 0 and"),
            (self.claim, {"odometer": 3_000_000}, r"Odometer \(km\) is between 0"),
            (
                self.claim,
                {"goodwill_dealer_percent": 150},
                r"Dealer Share \(%\) is between 0 and 100",
            ),
        ]
        for records, vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                records.write(vals)
        with self.assertRaisesRegex(ValidationError, "Unit Price cannot be less"):
            self.part.with_user(self.reviewer).write({"unit_price": -10})
        claim = self._stored(self.claim)
        self.assertEqual(claim.odometer, 20000)
        self.assertEqual(claim.labour_line_ids.hours, 2.0)
        self.assertEqual(claim.part_line_ids.quantity, 1.0)
        self.assertEqual(claim.part_line_ids.unit_price, 560.0)

    def test_oem_tables_out_of_range_refused(self):
        policy = self.env.ref("autocrm_warranty.autocrm_warranty_policy_default")
        for vals, message in (
            ({"warranty_km": -1}, r"Warranty \(km\) is between 1 and"),
            ({"warranty_months": 0}, "Warranty Months is between 1 and 240"),
            ({"claim_deadline_days": 99999}, r"Claim Deadline \(days\) is between"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                policy.write(vals)
        with self.assertRaisesRegex(ValidationError, "Flat-Rate Hours is between"):
            self.operation.flat_rate_hours = 1000
        with self.assertRaisesRegex(ValidationError, "Hourly Rate cannot be less"):
            self.env.ref("autocrm_warranty.labour_rate_a").rate = -5
        self.assertEqual(self._stored(policy).warranty_km, 100000)
        self.assertEqual(self._stored(self.operation).flat_rate_hours, 2.0)
