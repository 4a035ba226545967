from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestClaimFromRepair(WarrantyCase):
    def _repair(self, visit_type="warranty"):
        repair = (
            self.env["repair.order"]
            .with_user(self.advisor_a)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "visit_type": visit_type,
                    "odometer": 21000,
                    "customer_words": "Coolant on the garage floor.",
                    "technician_findings": "Water pump seal leaks at 1.2 bar.",
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.pump.id,
                                "product_uom_qty": 1,
                                "repair_line_type": "add",
                            }
                        ),
                        Command.create(
                            {
                                "product_id": self.gasket.id,
                                "product_uom_qty": 2,
                                "repair_line_type": "add",
                            }
                        ),
                    ],
                }
            )
        )
        return repair

    def test_draft_claim_from_warranty_repair(self):
        repair = self._repair()
        action = repair.action_create_warranty_claim()
        claim = self.Claim.with_user(self.advisor_a).browse(action["res_id"])
        self.assertEqual(claim.repair_id, repair)
        self.assertEqual(claim.company_id, self.dealer_a)
        self.assertEqual(claim.vehicle_id, self.vehicle_a)
        self.assertEqual(claim.odometer, 21000)
        self.assertEqual(claim.customer_words, "Coolant on the garage floor.")
        self.assertEqual(claim.diagnosis, "Water pump seal leaks at 1.2 bar.")
        self.assertEqual(
            {
                (p.product_id, p.quantity, p.return_required)
                for p in claim.part_line_ids
            },
            {(self.pump, 1.0, True), (self.gasket, 2.0, False)},
            "the OEM's return policy of each part",
        )
        self.assertEqual(claim.amount_parts, 900.0)
        self.assertEqual(repair.warranty_claim_count, 1)

    def test_no_claim_from_a_paid_maintenance(self):
        repair = self._repair(visit_type="maintenance")
        with self.assertRaisesRegex(UserError, "nothing to claim"):
            repair.action_create_warranty_claim()

    def test_batch_approve_server_action(self):
        claims = self._claim() | self._claim(causal_part_id=self.gasket.id)
        claims.action_submit()
        self._inspect(claims[0])
        self._inspect(claims[1])
        action = self.env.ref("autocrm_warranty.autocrm_warranty_claim_action_approve")
        action.with_user(self.reviewer).with_context(
            active_model=claims._name, active_ids=claims.ids
        ).run()
        self.assertEqual(set(claims.mapped("state")), {"approved"})

    def test_dealer_cannot_touch_fraud_flags(self):
        claim = self._claim(days_ago=11)
        claim.with_user(self.reviewer).action_submit()
        flag = claim.fraud_flag_ids.with_user(self.advisor_a)
        self.assertEqual(flag.code, "late", "the dealer reads why it was flagged")
        with self.assertRaises(AccessError):
            flag.unlink()
        with self.assertRaises(AccessError):
            flag.write({"note": "nothing to see"})

    def test_customer_log_rows_stay_with_the_dealership(self):
        claim = self._claim()
        claim.action_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        Log = self.env["autocrm.customer.log"]
        domain = [("kind", "=", "claim"), ("res_id", "=", claim.id)]
        self.assertEqual(len(Log.with_user(self.advisor_a).search(domain)), 1)
        self.assertFalse(Log.with_user(self.advisor_b).search(domain))
