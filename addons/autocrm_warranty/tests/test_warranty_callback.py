from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestOemCallback(WarrantyCase):
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
