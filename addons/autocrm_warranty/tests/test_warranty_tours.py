from odoo.tests import HttpCase, tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantyTours(WarrantyCase, HttpCase):
    """The claim's main path, clicked through in a real browser: the dealer submits,
    the OEM's reviewer approves."""

    def test_dealer_submits_claim(self):
        claim = self._claim()
        self.start_tour(
            "/odoo", "autocrm_warranty_claim_submit_tour", login="advisor_a"
        )
        self.assertEqual(claim.state, "submitted")

    def test_reviewer_approves_claim(self):
        claim = self._claim()
        claim.action_submit()
        self._inspect(claim)
        self.start_tour(
            "/odoo", "autocrm_warranty_claim_review_tour", login="claims_reviewer"
        )
        self.assertEqual(claim.state, "approved")
        self.assertTrue(claim.callback_followup_id)
