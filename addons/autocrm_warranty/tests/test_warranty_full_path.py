from odoo import Command
from odoo.tests import tagged

from .common_part_return import PartReturnCase


@tagged("post_install", "-at_install")
class TestWarrantyFullPath(PartReturnCase):
    def test_repair_claim_return_inspect_approve_pay_settle(self):
        """Dealer A replaces a water pump under warranty, claims it, returns the old
        pump; the OEM receives and confirms the defect, approves, pays and settles;
        the stock follows the part at each step."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.dealer_a.id)], limit=1
        )
        stock_a = warehouse.lot_stock_id
        used_a = self.dealer_a.autocrm_used_part_location_id
        self.Quant.sudo()._update_available_quantity(self.pump, stock_a, 5)
        transit_before = self._qty(self.pump, self.transit)
        centre_before = self._qty(self.pump, self.claims_centre)

        # repair: the new pump leaves dealer A's stock
        repair = (
            self.env["repair.order"]
            .with_user(self.advisor_a)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "visit_type": "warranty",
                    "odometer": 18000,
                    "customer_words": "Coolant leak under the engine",
                    "technician_findings": "Water pump seal leaking",
                    "under_warranty": True,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.pump.id,
                                "product_uom_qty": 1,
                                "repair_line_type": "add",
                            }
                        )
                    ],
                }
            )
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(self._qty(self.pump, stock_a), 4)

        # claim: drafted from the repair, with the pump to return
        repair.action_create_warranty_claim()
        claim = repair.warranty_claim_ids.with_user(self.advisor_a)
        self.assertEqual(claim.part_line_ids.product_id, self.pump)
        self.assertTrue(claim.part_line_ids.return_required)
        claim.causal_part_id = self.pump
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertTrue(claim.amount_claimed)

        # return: the removed pump goes into the used-part location, then transit
        part_return = self._return_with_outstanding(self.advisor_a)
        self.assertEqual(self._qty(self.pump, used_a), 1)
        part_return.with_user(self.advisor_a).action_ship()
        self.assertEqual(self._qty(self.pump, used_a), 0)
        self.assertEqual(self._qty(self.pump, self.transit), transit_before + 1)
        self.assertEqual(self._qty(self.pump, stock_a), 4)

        # the OEM receives and inspects
        desk = part_return.with_user(self.oem_user)
        desk.action_receive()
        self.assertEqual(self._qty(self.pump, self.transit), transit_before)
        self.assertEqual(self._qty(self.pump, self.claims_centre), centre_before + 1)
        desk.line_ids.inspection_result = "defect_confirmed"
        desk.action_inspect()
        self.assertEqual(claim.part_line_ids.inspection_result, "defect_confirmed")

        # the reviewer approves and pays; the settlement owes the dealer the claim
        review = claim.with_user(self.reviewer)
        review.action_approve()
        self.assertEqual(claim.state, "approved")
        review.action_pay()
        self.assertEqual(claim.state, "paid")
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
        settlement.action_confirm()
        self.assertEqual(settlement.state, "done")
        self.assertEqual(settlement.claim_ids, claim)
        self.assertEqual(settlement.amount_total, claim.amount_approved)
        self.assertEqual(claim.amount_approved, claim.amount_claimed)
