from odoo.tests import HttpCase, tagged

from .common_part_return import PartReturnCase


@tagged("post_install", "-at_install")
class TestPartReturnTours(PartReturnCase, HttpCase):
    """The used-part return's path clicked through in a real browser: the dealer
    ships, the OEM's desk receives and inspects."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls._submitted_claim(
            cls.advisor_a, cls.vehicle_a, [(cls.pump, 1, True)]
        )

    def test_dealer_ships_outstanding_parts(self):
        self.start_tour("/odoo", "autocrm_part_return_ship_tour", login="advisor_a")
        part_return = self.Return.search([("company_id", "=", self.dealer_a.id)])
        self.assertEqual(part_return.state, "shipped")
        self.assertEqual(part_return.line_ids.claim_line_id, self.claim.part_line_ids)

    def test_oem_receives_and_inspects(self):
        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.action_ship()
        self.start_tour("/odoo", "autocrm_part_return_receive_tour", login="oem_user")
        self.assertEqual(part_return.state, "inspected")
        self.assertEqual(self.claim.part_line_ids.inspection_result, "defect_confirmed")
