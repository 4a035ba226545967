from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantySettlement(WarrantyCase):
    def _paid_claim(self, user=None, vehicle=None):
        claim = self._claim(user=user, vehicle=vehicle)
        claim.action_submit()
        self._inspect(claim)
        review = claim.with_user(self.reviewer)
        review.action_approve()
        review.action_pay()
        return claim

    def test_settlement_lists_paid_claims_of_dealer(self):
        paid_a = self._paid_claim()
        paid_b = self._paid_claim(user=self.advisor_b, vehicle=self.vehicle_b)
        unpaid = self._claim()
        unpaid.action_submit()
        settlement = (
            self.env["autocrm.warranty.settlement"]
            .with_user(self.reviewer)
            .create(
                {
                    "company_id": self.dealer_a.id,
                    "date_from": self.today.replace(day=1),
                    "date_to": self.today,
                }
            )
        )
        settlement.action_load_claims()
        self.assertEqual(settlement.claim_ids, paid_a)
        self.assertEqual(settlement.amount_total, 1140.0)
        settlement.action_confirm()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "autocrm_warranty.report_warranty_settlement", settlement.ids
        )[0]
        self.assertIn(paid_a.name.encode(), html)
        self.assertNotIn(paid_b.name.encode(), html)
        # dealer A reads its settlement, dealer B does not
        self.env.invalidate_all()
        self.assertEqual(settlement.with_user(self.advisor_a).amount_total, 1140.0)
        with self.assertRaises(AccessError):
            settlement.with_user(self.advisor_b).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.env["autocrm.warranty.settlement"].with_user(self.advisor_a).create(
                {
                    "company_id": self.dealer_a.id,
                    "date_from": self.today,
                    "date_to": self.today,
                }
            )
