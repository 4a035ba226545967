from datetime import timedelta
from unittest.mock import patch

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import WarrantyCase

# a 1×1 PNG: the photo of a scrapped part
PHOTO = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


class ReviewCase(WarrantyCase):
    """A claim of dealer A as its fixture builds it: 2 h at 120, a water pump at 800
    (returned to the OEM) and two gaskets at 50 (no return): 1,140 claimed."""

    def _stored(self, records):
        """``records`` as the database holds them."""
        self.env.flush_all()
        self.env.invalidate_all()
        return records.with_env(self.env)

    def _submitted(self, **kw):
        claim = self._claim(**kw)
        claim.action_submit()
        return claim

    def _notes(self, claim, text):
        return claim.with_env(self.env).message_ids.filtered(
            lambda message: text in (message.body or "")
        )

    def _render(self, report, records, user, lang="en_US"):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_qweb_html(report, records.ids)[0]
            .decode()
        )


@tagged("post_install", "-at_install")
class TestApprovedAmount(ReviewCase):
    """Issue 11: the OEM approves at most what is claimed; less, with the reason the
    dealer reads on the claim and on the settlement statement."""

    def test_above_the_claim_refused(self):
        claim = self._submitted()
        review = claim.with_user(self.reviewer)
        with self.assertRaisesRegex(
            ValidationError,
            r"claims .*1,140\.00: the OEM cannot approve more \(.*1,200\.00\)",
        ):
            review.write({"amount_approved": 1200})
        self.assertFalse(self._stored(claim).amount_approved)
        self._inspect(claim)
        review.action_approve()
        self.assertEqual(self._stored(claim).amount_approved, 1140.0)

    def test_lower_amount_needs_its_reason(self):
        claim = self._submitted()
        # the request that created the claim ends: its creation is not tracked, the
        # review's changes are
        self.env.cr.precommit.run()
        review = claim.with_user(self.reviewer)
        with self.assertRaisesRegex(
            ValidationError,
            r"1,000\.00 approved of the .*1,140\.00 claimed\. Write the reason",
        ):
            review.write({"amount_approved": 1000})
        with self.assertRaisesRegex(ValidationError, "Write the reason"):
            review.write({"amount_approved": 1000, "approval_reason": "  "})
        self.assertFalse(self._stored(claim).amount_approved)

        reason = "The gaskets are paid at one, not two."
        review.write({"amount_approved": 1090, "approval_reason": reason})
        self.env.cr.precommit.run()  # the tracking, as at the end of the request
        claim = self._stored(claim)
        self.assertEqual(claim.amount_approved, 1090.0)
        self.assertTrue(claim.amount_lowered)
        tracked = claim.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "approval_reason"
        )
        self.assertEqual(tracked.new_value_text, reason)
        # the reason cannot be emptied while the amount stays lower
        with self.assertRaisesRegex(ValidationError, "Write the reason"):
            review.write({"approval_reason": False})
        self._inspect(claim)
        review.action_approve()
        claim = self._stored(claim)
        self.assertEqual((claim.state, claim.amount_approved), ("approved", 1090.0))

        # the dealer reads it on its claim, the form shows it
        mine = claim.with_user(self.advisor_a)
        self.assertEqual(mine.read(["approval_reason"])[0]["approval_reason"], reason)
        arch = mine.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="approval_reason"', arch)
        self.assertIn(reason, self._render(self._claim_report, claim, self.advisor_a))
        # and on its settlement statement
        review.action_pay()
        settlement = (
            self.env["autocrm.warranty.settlement"]
            .with_user(self.reviewer)
            .create(
                {
                    "company_id": self.dealer_a.id,
                    "date_from": self.today - timedelta(days=1),
                    "date_to": self.today,
                }
            )
        )
        settlement.action_load_claims()
        self.assertEqual(settlement.amount_total, 1090.0)
        html = self._render(
            "autocrm_warranty.report_warranty_settlement", settlement, self.advisor_a
        )
        self.assertIn("Reason for the lower amount", html)
        self.assertIn(reason, html)

    _claim_report = "autocrm_warranty.report_warranty_claim"

    def test_dealer_decides_no_amount(self):
        claim = self._submitted()
        mine = claim.with_user(self.advisor_a)
        for vals in (
            {"amount_approved": 100},
            {"approval_reason": "Paid in full, trust us."},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(
                    AccessError, "Only the OEM's claims reviewers approve"
                ),
            ):
                mine.write(vals)
        claim = self._stored(claim)
        self.assertFalse(claim.amount_approved)
        self.assertFalse(claim.approval_reason)

    def test_amount_fixed_once_decided(self):
        claim = self._submitted()
        self._inspect(claim)
        review = claim.with_user(self.reviewer)
        review.action_approve()
        with self.assertRaisesRegex(
            UserError, "is Approved: the OEM decides what it pays while it reviews"
        ):
            review.write({"amount_approved": 500, "approval_reason": "Second thoughts"})
        draft = self._claim(causal_part_id=self.gasket.id)
        with self.assertRaisesRegex(UserError, "is Draft: the OEM decides"):
            draft.with_user(self.reviewer).write({"amount_approved": 500})
        self.assertEqual(self._stored(claim).amount_approved, 1140.0)
        self.assertFalse(self._stored(draft).amount_approved)

    def test_charge_back_below_the_set_amount_blocks_approval(self):
        """The reviewer approved the full 1,140; the pump is then charged back: the
        approval of more than the 340 left is refused."""
        claim = self._submitted()
        review = claim.with_user(self.reviewer)
        review.amount_approved = 1140
        claim.part_line_ids.filtered("return_required").sudo().write(
            {"charged_back": True, "charged_back_date": self.today}
        )
        self.assertEqual(claim.amount_claimed, 340.0)
        with self.assertRaisesRegex(ValidationError, "the OEM cannot approve more"):
            review.action_approve()
        self.assertEqual(self._stored(claim).state, "submitted")
        review.amount_approved = 340
        review.action_approve()
        self.assertEqual(self._stored(claim).amount_approved, 340.0)


@tagged("post_install", "-at_install")
class TestGoodwillShares(ReviewCase):
    def test_oem_share_is_paid_the_others_printed(self):
        """A goodwill repair of 1,140 split 50 / 30 / 20: the OEM is claimed and
        pays 570; the dealer's 342 and the customer's 228 show on the printed claim
        and on the settlement."""
        claim = self._submitted(
            claim_type="goodwill",
            goodwill_oem_percent=50,
            goodwill_dealer_percent=30,
            goodwill_customer_percent=20,
        )
        self.assertEqual(
            (
                claim.amount_total,
                claim.amount_claimed,
                claim.amount_goodwill_dealer,
                claim.amount_goodwill_customer,
            ),
            (1140.0, 570.0, 342.0, 228.0),
        )
        review = claim.with_user(self.reviewer)
        with self.assertRaisesRegex(ValidationError, "cannot approve more"):
            review.amount_approved = 1140
        self._inspect(claim)
        review.action_approve()
        review.action_pay()
        self.assertEqual(self._stored(claim).amount_approved, 570.0)
        printed = self._render(
            "autocrm_warranty.report_warranty_claim", claim, self.advisor_a
        )
        for text in ("Dealer's Share", "342.00", "Customer's Share", "228.00"):
            self.assertIn(text, printed)
        settlement = (
            self.env["autocrm.warranty.settlement"]
            .with_user(self.reviewer)
            .create(
                {
                    "company_id": self.dealer_a.id,
                    "date_from": self.today,
                    "date_to": self.today,
                }
            )
        )
        settlement.action_load_claims()
        self.assertEqual(settlement.amount_total, 570.0)
        html = self._render(
            "autocrm_warranty.report_warranty_settlement", settlement, self.advisor_a
        )
        self.assertIn("Goodwill:", html)
        for amount in ("1,140.00", "570.00", "342.00", "228.00"):
            self.assertIn(amount, html)

    def test_shares_add_up_when_rounded(self):
        claim = self._claim(
            claim_type="goodwill",
            goodwill_oem_percent=33.33,
            goodwill_dealer_percent=33.33,
            goodwill_customer_percent=33.34,
        )
        self.assertEqual(claim.amount_claimed, 379.96)
        self.assertEqual(claim.amount_goodwill_dealer, 379.96)
        self.assertEqual(claim.amount_goodwill_customer, 380.08)
        with self.assertRaisesRegex(AccessError, "Dealer's Share follow from"):
            claim.write({"amount_goodwill_dealer": 0})


@tagged("post_install", "-at_install")
class TestPartReturnPolicy(ReviewCase):
    """Issue 11: the OEM decides which parts come back (the part's return policy,
    per claim type); the claim line takes it, only the reviewer changes it on one
    claim, and the charge-back and the outstanding parts follow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oem_manager = new_test_user(
            cls.env,
            login="oem_manager",
            groups="autocrm_customer.group_oem_manager",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        # a dealer who runs its own Inventory: it may edit products
        cls.stock_manager_a = cls._dealer_user(
            "stock_manager_a",
            cls.dealer_a,
            "autocrm_customer.group_dealer_user,stock.group_stock_manager",
        )

    def _lines(self, claim):
        pump = claim.part_line_ids.filtered(lambda line: line.product_id == self.pump)
        gasket = claim.part_line_ids - pump
        return pump, gasket

    def test_lines_take_the_part_rule(self):
        self.pump.with_user(self.oem_manager).write(
            {
                "autocrm_return_rule_ids": [
                    Command.create({"claim_type": "recall", "return_policy": "scrap"})
                ]
            }
        )
        pump, gasket = self._lines(self._claim())
        self.assertEqual((pump.return_policy, pump.return_required), ("return", True))
        self.assertEqual(
            (gasket.return_policy, gasket.return_required), ("none", False)
        )
        recall = self._claim(claim_type="recall")
        self.assertEqual(self._lines(recall)[0].return_policy, "scrap")
        first = self._claim(claim_type="first_maintenance")
        self.assertEqual(set(first.part_line_ids.mapped("return_policy")), {"none"})
        # a draft's type changed: its lines follow
        recall.claim_type = "warranty"
        self.assertEqual(self._lines(recall)[0].return_policy, "return")

    def test_dealer_cannot_change_a_part_return(self):
        claim = self._claim()
        pump, _gasket = self._lines(claim)
        message = (
            "Which parts go back to the OEM is the OEM's rule: part Water pump is "
            "“Return to the OEM”"
        )
        for vals in (
            {"return_required": False},
            {"return_policy": "none"},
            {"return_policy": "scrap", "return_required": False},
            {"return_policy_overridden": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError) as caught:
                pump.write(vals)
            if "return_policy_overridden" not in vals:
                self.assertIn(message, str(caught.exception))
        with self.assertRaisesRegex(AccessError, message):
            self.env["autocrm.warranty.claim.part"].with_user(self.advisor_a).create(
                {
                    "claim_id": claim.id,
                    "product_id": self.pump.id,
                    "return_required": False,
                }
            )
        with self.assertRaisesRegex(AccessError, "the mark cannot be written"):
            self.env["autocrm.warranty.claim.part"].with_user(self.advisor_a).create(
                {
                    "claim_id": claim.id,
                    "product_id": self.gasket.id,
                    "return_policy_overridden": True,
                }
            )
        claims_before = self.Claim.search_count([])
        with self.assertRaisesRegex(AccessError, message), self.env.cr.savepoint():
            self._claim(
                part_line_ids=[
                    Command.create(
                        {"product_id": self.pump.id, "return_policy": "none"}
                    )
                ]
            )
        self.assertEqual(self.Claim.search_count([]), claims_before)
        pump = self._stored(pump)
        self.assertEqual((pump.return_policy, pump.return_required), ("return", True))
        self.assertFalse(pump.return_policy_overridden)
        self.assertEqual(len(self._stored(claim).part_line_ids), 2)
        # the rule's own values, as the web client sends them back, go through
        pump.with_user(self.advisor_a).write(
            {"return_policy": "return", "return_required": True}
        )
        self.assertFalse(self._notes(claim, "Return of part"))
        # an OEM user who is no claims reviewer does not decide it either
        with self.assertRaisesRegex(AccessError, "Only the OEM's claims reviewers"):
            pump.with_user(self.oem_user).return_policy = "none"
        self.assertEqual(self._stored(pump).return_policy, "return")

    def test_only_the_oem_sets_a_part_policy(self):
        for user in (self.stock_manager_a, self.advisor_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.pump.with_user(user).autocrm_return_policy = "none"
        with self.assertRaisesRegex(AccessError, "only its users set a part's return"):
            self.pump.with_user(self.stock_manager_a).write(
                {"autocrm_return_policy": "none"}
            )
        with self.assertRaisesRegex(AccessError, "only its users set a part's return"):
            self.pump.product_tmpl_id.with_user(self.stock_manager_a).write(
                {
                    "autocrm_return_rule_ids": [
                        Command.create(
                            {"claim_type": "recall", "return_policy": "none"}
                        )
                    ]
                }
            )
        with self.assertRaisesRegex(AccessError, "only its users set a part's return"):
            self.env["product.product"].with_user(self.stock_manager_a).create(
                {"name": "Dealer's own part", "autocrm_return_policy": "none"}
            )
        # a part the dealer adds takes the default; writing the same policy is no
        # change
        own = (
            self.env["product.product"]
            .with_user(self.stock_manager_a)
            .create({"name": "Dealer's own part"})
        )
        self.assertEqual(own.autocrm_return_policy, "return")
        self.pump.with_user(self.stock_manager_a).write(
            {"autocrm_return_policy": "return", "list_price": 800.0}
        )
        self.assertEqual(self._stored(self.pump).autocrm_return_policy, "return")
        self.assertFalse(self.pump.autocrm_return_rule_ids)
        self.pump.with_user(self.oem_manager).autocrm_return_policy = "scrap"
        self.assertEqual(self._stored(self.pump).autocrm_return_policy, "scrap")
        # the product form loads for both, the policy editable (radio) for the OEM
        radios = {}
        for user in (self.stock_manager_a, self.oem_manager):
            arch = (
                self.env["product.template"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            self.assertIn('name="autocrm_return_policy"', arch)
            radios[user] = arch.count('widget="radio"')
        self.assertEqual(radios[self.oem_manager], radios[self.stock_manager_a] + 1)

    def test_reviewer_decides_on_one_claim_tracked(self):
        claim = self._submitted()
        other = self._submitted(causal_part_id=self.gasket.id)
        pump, gasket = self._lines(claim)
        review = pump.with_user(self.reviewer)
        with self.assertRaisesRegex(AccessError, "set the policy instead"):
            review.return_required = False
        review.return_policy = "none"
        gasket.with_user(self.reviewer).return_policy = "return"
        pump, gasket = self._stored(pump), self._stored(gasket)
        self.assertEqual((pump.return_policy, pump.return_required), ("none", False))
        self.assertTrue(pump.return_policy_overridden)
        self.assertTrue(gasket.return_required)
        notes = self._notes(claim, "Return of part")
        self.assertEqual(len(notes), 2)
        self.assertEqual(notes.author_id, self.reviewer.partner_id)
        self.assertRegex(
            "\n".join(notes.mapped("body")),
            r"Return of part Water pump set by .*: Return to the OEM → No Return "
            r"\(the part's rule: Return to the OEM\)",
        )
        # the other claim keeps the rule
        self.assertTrue(self._lines(other)[0].return_required)
        # the gasket must now come back before approval, the pump no longer
        with self.assertRaisesRegex(UserError, "part Pump gasket must be inspected"):
            claim.with_user(self.reviewer).action_approve()
        gasket.with_user(self.reviewer).inspection_result = "defect_confirmed"
        claim.with_user(self.reviewer).action_approve()
        self.assertEqual(self._stored(claim).state, "approved")
        with self.assertRaisesRegex(UserError, "is Approved: what becomes of its"):
            pump.with_user(self.reviewer).return_policy = "return"
        # back to the rule: the mark goes
        other_pump = self._lines(other)[0].with_user(self.reviewer)
        other_pump.return_policy = "scrap"
        self.assertTrue(other_pump.return_policy_overridden)
        other_pump.return_policy = "return"
        self.assertFalse(self._stored(other_pump).return_policy_overridden)

    def test_scrap_needs_a_photo_before_submit(self):
        self.pump.product_tmpl_id.autocrm_return_policy = "scrap"
        claim = self._claim()
        pump, _gasket = self._lines(claim)
        self.assertEqual((pump.return_policy, pump.return_required), ("scrap", False))
        with self.assertRaisesRegex(
            UserError, "part Water pump scrapped at the dealership. Attach the photo"
        ):
            claim.action_submit()
        self.assertEqual(self._stored(claim).state, "draft")
        pump.with_user(self.advisor_a).scrap_photo = PHOTO
        claim.action_submit()
        self.assertEqual(self._stored(claim).state, "submitted")
        # nothing to return: approved without an inspection
        claim.with_user(self.reviewer).action_approve()
        self.assertEqual(self._stored(claim).state, "approved")

    def test_reviewer_sends_a_part_to_scrap_after_submission(self):
        claim = self._submitted()
        pump, _gasket = self._lines(claim)
        pump.with_user(self.reviewer).return_policy = "scrap"
        with self.assertRaisesRegex(UserError, "photo of the scrapped part is missing"):
            claim.with_user(self.reviewer).action_approve()
        # the dealer adds it to its submitted claim, and changes nothing else
        with self.assertRaisesRegex(UserError, "locked"):
            pump.with_user(self.advisor_a).write({"scrap_photo": PHOTO, "quantity": 2})
        pump.with_user(self.advisor_a).scrap_photo = PHOTO
        claim.with_user(self.reviewer).action_approve()
        self.assertEqual(self._stored(claim).state, "approved")

    def test_rule_of_the_day_applies_at_submission(self):
        claim = self._claim()
        self.env.flush_all()  # the line is written, as at the end of its request
        self.pump.product_tmpl_id.with_user(
            self.oem_manager
        ).autocrm_return_policy = "none"
        pump, _gasket = self._lines(claim)
        self.assertEqual(pump.return_policy, "return", "stored with the line")
        claim.action_submit()
        self.assertEqual(self._stored(pump).return_policy, "none")

    def test_charge_back_and_outstanding_follow_the_rule(self):
        """Submitted 40 days ago: the reviewer keeps the pump at the dealership on
        one claim and wants the gasket back on another. The charge-back withdraws
        the gasket and leaves the pump; the outstanding parts show the same."""
        kept = self._submitted()
        wanted = self._submitted(causal_part_id=self.gasket.id)
        (kept | wanted).sudo().submitted_date = self.today - timedelta(days=40)
        self._lines(kept)[0].with_user(self.reviewer).return_policy = "none"
        self._lines(wanted)[1].with_user(self.reviewer).return_policy = "return"
        self.env.flush_all()
        outstanding = self.env["autocrm.part.return.report.outstanding"].search(
            [("claim_id", "in", (kept | wanted).ids)]
        )
        self.assertEqual(
            outstanding.claim_line_id, self._lines(wanted)[0] | self._lines(wanted)[1]
        )
        self.assertEqual(
            self.env["autocrm.part.return"]._cron_charge_back_unshipped(), 2
        )
        self.assertFalse(kept.part_line_ids.filtered("charged_back"))
        self.assertEqual(
            wanted.part_line_ids.filtered("charged_back"), wanted.part_line_ids
        )
        self.assertEqual(kept.amount_claimed, 1140.0)


@tagged("post_install", "-at_install")
class TestOneOem(ReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.oem.autocrm_role != "oem":
            cls.oem.autocrm_role = "oem"

    def test_second_oem_refused(self):
        message = r"Aurora Motors \(OEM\) is already the OEM|is already the OEM"
        with (
            self.assertRaisesRegex(ValidationError, message),
            self.env.cr.savepoint(),
        ):
            self.dealer_b.autocrm_role = "oem"
        with (
            self.assertRaisesRegex(ValidationError, "Give Second Maker the dealer"),
            self.env.cr.savepoint(),
        ):
            self.env["res.company"].create(
                {"name": "Second Maker", "autocrm_role": "oem"}
            )
        self.env.invalidate_all()
        self.assertEqual(self.dealer_b.autocrm_role, "dealer")
        self.assertFalse(
            self.env["res.company"].search([("name", "=", "Second Maker")])
        )
        self.assertEqual(self.env["res.company"]._autocrm_oem_company(), self.oem)
        # the OEM itself may be written again
        self.oem.write({"autocrm_role": "oem", "dealer_city": "Beijing"})


@tagged("post_install", "-at_install")
class TestPrintedClaim(ReviewCase):
    report = "autocrm_warranty.report_warranty_claim"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle_a.license_plate = "京A·00001"
        # 3 h for a 2-hour operation: flagged
        cls.claim = cls._claim(
            diagnosis="Seal leaks at 1.2 bar.",
            symptom_code="S-COOLANT",
            fault_codes="P0217",
            labour_line_ids=[
                Command.create({"operation_id": cls.operation.id, "hours": 3.0})
            ],
        )
        cls.claim.action_submit()

    def test_dealer_copy(self):
        html = self._render(self.report, self.claim, self.advisor_a)
        for text in (
            "Dealer copy",
            "Dealer A",
            "TA01",
            self.vehicle_a.vin,
            "Test Sedan",
            str(self.vehicle_a.sale_date),
            str(self.claim.repair_date),
            "20000",
            "Coolant on the garage floor.",
            "Seal leaks at 1.2 bar.",
            "Water pump",
            "T-ENG-01",
            "Replace water pump",
            "2.00",  # flat-rate hours
            "3.00",  # hours
            "800.00",  # the OEM's price of the pump
            "1,260.00",  # claimed: 360 + 900
            "Return to the OEM",
            "P0217",
        ):
            self.assertIn(text, html)
        self.assertNotIn("OEM copy", html)
        self.assertNotIn("Fraud Flags", html)
        self.assertNotIn("flat-rate hours.", html, "the flag's note")

    def test_oem_copy_shows_the_fraud_flags(self):
        self.assertEqual(self.claim.fraud_flag_ids.code, "hours")
        html = self._render(self.report, self.claim, self.reviewer)
        self.assertIn("OEM copy", html)
        self.assertIn("Fraud Flags", html)
        self.assertIn("Hours above Flat Rate", html)
        self.assertIn("3.0 h claimed for 2.0 flat-rate hours", html)

    def test_print_button_for_dealer_and_oem(self):
        for user in (self.advisor_a, self.reviewer):
            claim = self.claim.with_user(user)
            arch = claim.get_views([(False, "form")])["views"]["form"]["arch"]
            action = self.env.ref("autocrm_warranty.action_report_warranty_claim")
            self.assertIn(f'name="{action.id}"', arch)
            result = action.with_user(user).report_action(claim)
            self.assertEqual(result["report_name"], self.report)

    def test_letterhead_without_patched_wkhtmltopdf(self):
        """Debian's wkhtmltopdf ignores HTML headers: the dealership's letterhead
        is then printed in the page; with headers printed, only Odoo's is."""
        self.dealer_a.write({"phone": "+86 10 1234 5678", "vat": "91110000TEST"})
        Report = self.registry["ir.actions.report"]
        with patch.object(Report, "_autocrm_headers_printed", return_value=False):
            html = self._render(self.report, self.claim, self.advisor_a)
        [letterhead] = etree.fromstring(html, etree.HTMLParser()).xpath(
            "//div[contains(@class, 'autocrm_letterhead')]"
        )
        text = " ".join(letterhead.itertext())
        for expected in ("Dealer A", "+86 10 1234 5678", "91110000TEST"):
            self.assertIn(expected, text)
        with patch.object(Report, "_autocrm_headers_printed", return_value=True):
            html = self._render(self.report, self.claim, self.advisor_a)
        self.assertNotIn("autocrm_letterhead", html)

    def test_printed_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("autocrm_warranty", "web"))]
        )._update_translations(["zh_CN"])
        html = self._render(self.report, self.claim, self.advisor_a, lang="zh_CN")
        for text in ("保修索赔", "经销商联", "客户原话", "工时定额", "退回主机厂"):
            self.assertIn(text, html)
        self.assertNotIn("Dealer copy", html)


@tagged("post_install", "-at_install")
class TestOdometerCorrection(ReviewCase):
    """Issue 11: the OEM records a roll-back correction from the vehicle's form,
    with its reason, in the vehicle's chatter; no dealer does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Reading = cls.env["autocrm.odometer.reading"]
        cls.Reading.create(
            {
                "vehicle_id": cls.vehicle_a.id,
                "date": cls.today - timedelta(days=20),
                "value": 25000,
            }
        )
        cls.Correct = cls.env["autocrm.vehicle.odometer.correct"]

    def _readings(self):
        return self.Reading.search([("vehicle_id", "=", self.vehicle_a.id)])

    def test_oem_records_a_correction(self):
        wizard = self.Correct.with_user(self.oem_user).create(
            {
                "vehicle_id": self.vehicle_a.id,
                "date": self.today,
                "value": 1200,
                "reason": "Instrument cluster replaced under warranty.",
            }
        )
        wizard.action_confirm()
        reading = self._readings().filtered("is_rollback_correction")
        self.assertEqual((reading.value, reading.date), (1200, self.today))
        self.assertEqual(reading.note, "Instrument cluster replaced under warranty.")
        self.assertEqual(self._stored(self.vehicle_a).odometer, 1200)
        message = self.vehicle_a.message_ids[0]
        self.assertEqual(message.author_id, self.oem_user.partner_id)
        self.assertIn("Odometer roll-back correction recorded by", message.body)
        self.assertIn("below the 25000 km read on", message.body)
        self.assertIn("Instrument cluster replaced under warranty.", message.body)

    def test_claims_after_the_correction_are_not_flagged(self):
        """Before the correction a claim at 20,000 km is flagged (25,000 km read
        before); after it, the readings before the correction no longer count."""
        flagged = self._submitted(repair_date=self.today - timedelta(days=3))
        self.assertEqual(flagged.fraud_flag_ids.code, "odometer")
        self.Correct.with_user(self.oem_user).create(
            {
                "vehicle_id": self.vehicle_a.id,
                "date": self.today - timedelta(days=2),
                "value": 1200,
                "reason": "Instrument cluster replaced under warranty.",
            }
        ).action_confirm()
        claim = self._submitted(
            repair_date=self.today - timedelta(days=1),
            odometer=1300,
            causal_part_id=self.gasket.id,
        )
        self.assertFalse(claim.fraud_flag_ids)

    def test_refused_without_reason_or_roll_back(self):
        wizard = self.Correct.with_user(self.oem_user).create(
            {
                "vehicle_id": self.vehicle_a.id,
                "value": 1200,
                "reason": " ",
            }
        )
        with self.assertRaisesRegex(UserError, "Say why the odometer reads less"):
            wizard.action_confirm()
        wizard.reason = "Typing error"
        wizard.value = 26000
        with self.assertRaisesRegex(UserError, "this is no roll-back"):
            wizard.action_confirm()
        self.assertEqual(len(self._readings()), 1)

    def test_dealer_records_no_correction(self):
        vals = {
            "vehicle_id": self.vehicle_a.id,
            "value": 1200,
            "reason": "Cluster replaced",
        }
        with self.assertRaises(AccessError):
            self.Correct.with_user(self.advisor_a).create(vals)
        with self.assertRaisesRegex(ValidationError, "Only OEM users can record"):
            self.Reading.with_user(self.advisor_a).create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "value": 1200,
                    "is_rollback_correction": True,
                }
            )
        self.assertEqual(len(self._readings()), 1)
        # the button is the OEM's
        action = self.env.ref(
            "autocrm_warranty.autocrm_vehicle_odometer_correct_action"
        )
        for user, shown in ((self.oem_user, True), (self.advisor_a, False)):
            arch = (
                self.env["autocrm.vehicle"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            self.assertEqual(f'name="{action.id}"' in arch, shown)


@tagged("post_install", "-at_install")
class TestCycleAndRejectionAnalysis(ReviewCase):
    """The analysis' cycle time (submission → payment, in days) and rejection rate
    by dealership and reason, against figures counted by hand:

    ======== ========== ============ ========== =========================
    dealer   claim      submitted    outcome    cycle / rejection
    ======== ========== ============ ========== =========================
    A        a1         D-10         paid D-2   8 days
    A        a2         D-6          paid D     6 days
    A        a3         D            rejected   evidence
    A        a4         D            submitted  (neither)
    B        b1         D-5          paid D-1   4 days
    B        b2         D            rejected   not covered
    ======== ========== ============ ========== =========================

    A: cycle (8 + 6) / 2 = 7 days, rejection 1 of 3 decided = 33.33 %;
    B: cycle 4 days, rejection 1 of 2 = 50 %."""

    def _paid(self, user, vehicle, submitted_days_ago, paid_days_ago, part):
        claim = self._submitted(user=user, vehicle=vehicle, causal_part_id=part.id)
        self._inspect(claim)
        review = claim.with_user(self.reviewer)
        review.action_approve()
        review.action_pay()
        # hand-made dates: submitted and paid that many days ago
        claim.sudo().write(
            {
                "submitted_date": self.today - timedelta(days=submitted_days_ago),
                "paid_date": self.today - timedelta(days=paid_days_ago),
            }
        )
        return claim

    def _rejected(self, user, vehicle, category, part):
        claim = self._submitted(user=user, vehicle=vehicle, causal_part_id=part.id)
        claim.with_user(self.reviewer).write(
            {"rejection_category": category, "rejection_reason": "See the category."}
        )
        claim.with_user(self.reviewer).action_reject()
        return claim

    def test_cycle_time_and_rejection_rate(self):
        a, b = self.advisor_a, self.advisor_b
        va, vb = self.vehicle_a, self.vehicle_b
        claims = (
            self._paid(a, va, 10, 2, self.pump)
            | self._paid(a, va, 6, 0, self.gasket)
            | self._rejected(a, va, "evidence", self.operation_part)
            | self._submitted(causal_part_id=self.other_part.id)
            | self._paid(b, vb, 5, 1, self.pump)
            | self._rejected(b, vb, "not_covered", self.gasket)
        )
        self.assertEqual(
            sorted(claims.filtered(lambda c: c.state == "paid").mapped("cycle_days")),
            [4, 6, 8],
        )
        self.env.flush_all()
        Report = self.env["autocrm.warranty.claim.report"].with_user(self.reviewer)
        domain = [("claim_id", "in", claims.ids)]
        rows = {
            company: (count, round(cycle, 2), round(rejection, 2))
            for company, count, cycle, rejection in Report._read_group(
                domain,
                ["company_id"],
                ["claim_count:sum", "cycle_days:avg", "rejection_rate:avg"],
            )
        }
        self.assertEqual(
            rows,
            {self.dealer_a: (4, 7.0, 33.33), self.dealer_b: (2, 4.0, 50.0)},
        )
        reasons = dict(
            Report._read_group(
                domain + [("state", "=", "rejected")],
                ["rejection_category"],
                ["claim_count:sum"],
            )
        )
        self.assertEqual(reasons, {"evidence": 1, "not_covered": 1})
        # the dealer sees its own figures only
        mine = self.env["autocrm.warranty.claim.report"].with_user(self.advisor_a)
        self.assertEqual(
            mine._read_group(domain, ["company_id"], ["cycle_days:avg"]),
            [(self.dealer_a, 7.0)],
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # causal parts enough for claims of one vehicle not to be duplicates
        cls.operation_part, cls.other_part = cls.env["product.product"].create(
            [
                {"name": "Thermostat", "type": "consu", "list_price": 120.0},
                {"name": "Coolant hose", "type": "consu", "list_price": 60.0},
            ]
        )
