from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantyAccess(WarrantyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_a = cls._claim()
        cls.claim_b = cls._claim(user=cls.advisor_b, vehicle=cls.vehicle_b)

    def _reset(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def test_dealer_sees_only_own_claims(self):
        self._reset()
        Claim = self.Claim.with_user(self.advisor_a)
        found = Claim.search([("id", "in", (self.claim_a | self.claim_b).ids)])
        self.assertEqual(found, self.claim_a)
        lines = self.env["autocrm.warranty.claim.part"].with_user(self.advisor_a)
        self.assertEqual(
            lines.search([("claim_id", "=", self.claim_b.id)]).ids,
            [],
            "dealer B's part lines are filtered out",
        )
        self._reset()
        with self.assertRaises(AccessError):
            self.claim_b.with_user(self.advisor_a).read(["amount_claimed"])
        with self.assertRaises(AccessError):
            self.claim_b.part_line_ids.with_user(self.advisor_a).read(["amount"])
        with self.assertRaises(AccessError):
            self.claim_b.with_user(self.advisor_a).write({"diagnosis": "mine now"})

    def test_dealer_cannot_claim_for_another_dealership(self):
        self._reset()
        with self.assertRaises(AccessError):
            self._claim(company_id=self.dealer_b.id, vehicle=self.vehicle_b)
        # nor move its own claim over, even for a vehicle both dealerships know
        self.vehicle_a.dealer_ids |= self.dealer_b
        with self.assertRaisesRegex(AccessError, "your own dealership"):
            self.claim_a.with_user(self.advisor_a).company_id = self.dealer_b

    def test_oem_user_reads_all_reviewer_acts(self):
        self._reset()
        both = self.claim_a | self.claim_b
        found = self.Claim.with_user(self.oem_user).search([("id", "in", both.ids)])
        self.assertEqual(found, both)
        with self.assertRaises(AccessError):
            self.claim_a.with_user(self.oem_user).write({"diagnosis": "OEM note"})
        found = self.Claim.with_user(self.reviewer).search([("id", "in", both.ids)])
        self.assertEqual(found, both)

    def test_claim_report_follows_dealership(self):
        self.claim_a.action_submit()
        self.claim_b.action_submit()
        self._reset()
        Report = self.env["autocrm.warranty.claim.report"]
        rows = Report.with_user(self.advisor_a).search(
            [("claim_id", "in", (self.claim_a | self.claim_b).ids)]
        )
        self.assertEqual(rows.claim_id, self.claim_a)
        rows = Report.with_user(self.oem_user).search(
            [("claim_id", "in", (self.claim_a | self.claim_b).ids)]
        )
        self.assertEqual(len(rows), 2)
        with self.assertRaises(AccessError):
            self.env["autocrm.warranty.report.early.warning"].with_user(
                self.advisor_a
            ).search([])
