from odoo.tests import tagged

from .common import StaffCase


@tagged("post_install", "-at_install")
class TestCustomerSwing(StaffCase):
    def test_swings_between_two_periods(self):
        steady = self.env["res.partner"].create(
            {"name": "Steady", "company_id": self.dealer_a.id}
        )
        vehicle_lost, vehicle_steady = self._vehicle(), self._vehicle(partner=steady)
        self._done_visit(vehicle_lost, -50, self.advisor_a, 400)
        self._done_visit(vehicle_lost, -45, self.advisor_a, 100)
        self._done_visit(vehicle_steady, -50, self.sub_2, 200)
        self._done_visit(vehicle_steady, -10, self.advisor_a, 300)
        vehicle_b = self._vehicle(dealer=self.dealer_b, partner=self.customer_b)
        self._done_visit(vehicle_b, -10, self.advisor_b, 999, dealer=self.dealer_b)
        swing = (
            self.env["autocrm.customer.swing"]
            .with_user(self.manager_a)
            .create(
                {
                    "date_from_a": self._day(-60),
                    "date_to_a": self._day(-31),
                    "date_from_b": self._day(-30),
                    "date_to_b": self._day(0),
                }
            )
        )
        action = swing.action_compute()
        lines = self.env[action["res_model"]].search(action["domain"])
        figures = {
            line.partner_id.name: (
                line.visits_a,
                line.visits_b,
                line.revenue_a,
                line.revenue_b,
                line.swing,
                line.user_id,
            )
            for line in lines
        }
        self.assertEqual(
            figures,
            {
                "Customer A": (2, 0, 500, 0, "lost", self.advisor_a),
                "Steady": (1, 1, 200, 300, "up", self.advisor_a),
            },
        )
