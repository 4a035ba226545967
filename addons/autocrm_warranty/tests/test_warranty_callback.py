from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestOemCallback(WarrantyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # whatever the demo data says: no OEM follow-up staff, as on a new network
        cls.oem.autocrm_followup_user_id = False

    def _approved_claim(self):
        claim = self._claim()
        claim.action_submit()
        self._inspect(claim)
        claim.with_user(self.reviewer).action_approve()
        return claim

    def test_approval_creates_oem_callback(self):
        claim = self._approved_claim()
        followup = claim.callback_followup_id
        self.assertEqual(followup.followup_type, "oem_callback")
        self.assertEqual(followup.company_id, self.oem)
        self.assertEqual(followup.partner_id, self.customer_a)
        self.assertEqual((followup.res_model, followup.res_id), (claim._name, claim.id))
        self.assertEqual(followup.user_id, self.reviewer)

    def test_oem_crm_centre_makes_the_call_back(self):
        self.oem.autocrm_followup_user_id = self.oem_user
        claim = self._approved_claim()
        self.assertEqual(claim.callback_followup_id.user_id, self.oem_user)

    def test_customer_paid_flags_claim_and_tells_reviewer(self):
        claim = self._approved_claim()
        followup = claim.callback_followup_id.with_user(self.oem_user)
        followup.write(
            {
                "reached": True,
                "satisfaction": "3",
                "customer_paid": True,
                "customer_remarks": "Paid 200 for the pump at the counter.",
            }
        )
        followup.action_done()
        flag = claim.fraud_flag_ids.filtered(lambda f: f.code == "customer_paid")
        self.assertTrue(flag)
        self.assertIn("Paid 200", flag.note)
        activity = claim.activity_ids
        self.assertEqual(activity.user_id, self.reviewer)

    def test_unpaid_answer_flags_nothing(self):
        claim = self._approved_claim()
        followup = claim.callback_followup_id.with_user(self.oem_user)
        followup.write({"reached": True, "satisfaction": "5"})
        followup.action_done()
        self.assertFalse(claim.fraud_flag_ids)
        self.assertFalse(claim.activity_ids)


@tagged("post_install", "-at_install")
class TestCallbackScores(WarrantyCase):
    """The call-back's three scores and the made-to-pay flag, and their analysis
    by the dealership that made the repair, against figures counted by hand:

    ======== ====== ======= ============ ========== ======== =====
    dealer   claim  reached satisfaction convenience courtesy paid
    ======== ====== ======= ============ ========== ======== =====
    A        a1     yes     5            4          5        no
    A        a2     yes     3            2          4        yes
    A        a3     no      —            —          —        —
    B        b1     yes     4            5          3        no
    ======== ====== ======= ============ ========== ======== =====

    A: 3 call-backs, satisfaction (5 + 3) / 2 = 4, convenience 3, courtesy 4.5,
    made to pay 1 of 2 reached = 50 %; B: 4, 5, 3, 0 %. The network: satisfaction
    12 / 3 = 4, convenience 11 / 3 = 3.67, made to pay 1 of 3 reached = 33.33 %
    (not the 25 % an average of the two dealers' rates would give)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # causal parts enough for claims of one vehicle not to be duplicates
        cls.parts = cls.env["product.product"].create(
            [
                {"name": name, "type": "consu", "list_price": 100.0}
                for name in ("Thermostat", "Coolant hose", "Radiator cap")
            ]
        )

    def _approved_claim(self, user, vehicle, part):
        claim = self._claim(user=user, vehicle=vehicle, causal_part_id=part.id)
        claim.action_submit()
        self._inspect(claim)
        claim.with_user(self.reviewer).action_approve()
        return claim

    def _call_back(self, claim, **answers):
        followup = claim.callback_followup_id.with_user(self.oem_user)
        followup.write(answers)
        followup.action_done()
        return followup

    def test_three_scores_and_the_flag_by_dealer(self):
        a, b = self.advisor_a, self.advisor_b
        a1 = self._approved_claim(a, self.vehicle_a, self.parts[0])
        a2 = self._approved_claim(a, self.vehicle_a, self.parts[1])
        a3 = self._approved_claim(a, self.vehicle_a, self.parts[2])
        b1 = self._approved_claim(b, self.vehicle_b, self.pump)
        answered = {"reached": True}
        f1 = self._call_back(
            a1, **answered, satisfaction="5", convenience="4", courtesy="5"
        )
        self._call_back(
            a2,
            **answered,
            satisfaction="3",
            convenience="2",
            courtesy="4",
            customer_paid=True,
        )
        self._call_back(a3)
        self._call_back(b1, **answered, satisfaction="4", convenience="5", courtesy="3")
        self.assertEqual(f1.warranty_claim_id, a1)
        self.assertEqual(f1.serviced_dealer_id, self.dealer_a)
        self.assertEqual(f1.company_id, self.oem)
        self.env.flush_all()
        Report = self.env["autocrm.warranty.report.callback"].with_user(self.oem_user)
        claims = a1 | a2 | a3 | b1
        domain = [("claim_id", "in", claims.ids)]
        measures = [
            "callback_count:sum",
            "satisfaction_score:avg",
            "convenience_score:avg",
            "courtesy_score:avg",
            "paid_rate:avg",
        ]
        rows = {
            company: tuple(round(value, 2) for value in values)
            for company, *values in Report._read_group(domain, ["company_id"], measures)
        }
        self.assertEqual(
            rows,
            {
                self.dealer_a: (3, 4.0, 3.0, 4.5, 50.0),
                self.dealer_b: (1, 4.0, 5.0, 3.0, 0.0),
            },
        )
        [network] = Report._read_group(domain, [], measures)
        self.assertEqual(
            tuple(round(value, 2) for value in network), (4, 4.0, 3.67, 4.0, 33.33)
        )
        # a dealership sees its own results only
        mine = self.env["autocrm.warranty.report.callback"].with_user(a)
        self.assertEqual(
            mine._read_group(domain, ["company_id"], ["callback_count:sum"]),
            [(self.dealer_a, 3)],
        )
        # the flagged claim is the one whose customer paid
        flagged = claims.with_user(self.reviewer).filtered(
            lambda c: "customer_paid" in c.fraud_flag_ids.mapped("code")
        )
        self.assertEqual(flagged, a2)

    def test_scores_only_in_a_call_back_of_a_reached_customer(self):
        claim = self._approved_claim(self.advisor_a, self.vehicle_a, self.pump)
        callback = claim.callback_followup_id.with_user(self.oem_user)
        with self.assertRaises(ValidationError) as refused:
            callback.write({"courtesy": "4"})
        self.assertIn("Customer Reached", str(refused.exception))
        callback.invalidate_recordset()
        self.assertFalse(callback.courtesy)
        service = self.env["autocrm.followup"].create(
            {
                "partner_id": self.customer_a.id,
                "vehicle_id": self.vehicle_a.id,
                "company_id": self.dealer_a.id,
                "followup_type": "post_service",
                "due_date": self.today,
                "reached": True,
            }
        )
        with self.assertRaises(ValidationError) as refused:
            service.with_user(self.advisor_a).write({"convenience": "5"})
        self.assertIn("OEM's call-back", str(refused.exception))
        service.invalidate_recordset()
        self.assertFalse(service.convenience)

    def test_answers_stay_as_given_once_done(self):
        claim = self._approved_claim(self.advisor_a, self.vehicle_a, self.pump)
        callback = self._call_back(
            claim, reached=True, satisfaction="4", convenience="4", courtesy="4"
        )
        for field in ("convenience", "courtesy"):
            with self.assertRaises(UserError) as refused:
                callback.write({field: "1"})
            self.assertIn("is closed", str(refused.exception))
        callback.invalidate_recordset()
        self.assertEqual((callback.convenience, callback.courtesy), ("4", "4"))
        # the call-back is the OEM's: the dealer cannot read it, let alone rate it
        with self.assertRaises(AccessError):
            callback.with_user(self.advisor_a).read(["courtesy"])


@tagged("post_install", "-at_install")
class TestClaimSubtypes(WarrantyCase):
    """The OEM's decision and payment reach the dealer's staff who follow the
    claim, each as its own subtype."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the advisor reads its notifications in Odoo (Discuss), not by e-mail
        cls.advisor_a.notification_type = "inbox"

    def _claim(self, **kw):
        claim = super()._claim(**kw)
        self._end_transaction()  # tracking starts once the claim is committed
        return claim

    def _end_transaction(self):
        """What a commit does for tracking: post the messages of the changes."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _notified(self, claim, user, xmlid):
        self._end_transaction()
        subtype = self.env.ref(xmlid)
        return self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", user.partner_id.id),
                ("mail_message_id.model", "=", claim._name),
                ("mail_message_id.res_id", "=", claim.id),
                ("mail_message_id.subtype_id", "=", subtype.id),
            ]
        )

    def test_approved_and_paid_reach_the_dealer(self):
        claim = self._claim()
        self.assertIn(self.advisor_a.partner_id, claim.message_partner_ids)
        claim.action_submit()
        self._inspect(claim)
        self._end_transaction()  # the dealer's request ends; the OEM's begins
        review = claim.with_user(self.reviewer)
        review.action_approve()
        self.assertTrue(
            self._notified(claim, self.advisor_a, "autocrm_warranty.mt_claim_approved")
        )
        review.action_pay()
        self.assertTrue(
            self._notified(claim, self.advisor_a, "autocrm_warranty.mt_claim_paid")
        )
        # the dealer reads them in its inbox, as itself
        messages = (
            self.env["mail.message"]
            .with_user(self.advisor_a)
            .search([("model", "=", claim._name), ("res_id", "=", claim.id)])
        )
        self.assertEqual(
            set(messages.subtype_id.mapped("name")) & {"Claim Approved", "Claim Paid"},
            {"Claim Approved", "Claim Paid"},
        )

    def test_rejection_reaches_the_dealer(self):
        claim = self._claim()
        claim.action_submit()
        self._end_transaction()  # the dealer's request ends; the OEM's begins
        review = claim.with_user(self.reviewer)
        review.write(
            {"rejection_category": "evidence", "rejection_reason": "No photo."}
        )
        review.action_reject()
        self.assertTrue(
            self._notified(claim, self.advisor_a, "autocrm_warranty.mt_claim_rejected")
        )
        self.assertFalse(
            self._notified(claim, self.advisor_a, "autocrm_warranty.mt_claim_approved")
        )
