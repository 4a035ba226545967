from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import AutocrmCase


@tagged("post_install", "-at_install")
class TestTours(AutocrmCase, HttpCase):
    """The main screens, clicked through in a real browser as dealer staff."""

    def test_vehicle_lookup_by_vin(self):
        """Dealer B's advisor finds dealer A's car by its VIN and sees its owner."""
        self.assertNotIn(self.dealer_b, self.vehicle_a.dealer_ids)
        self.start_tour("/odoo", "autocrm_vehicle_lookup_tour", login="advisor_b")
        self.assertIn(self.dealer_b, self.vehicle_a.dealer_ids)
        self.assertEqual(
            self.env["autocrm.vehicle"]
            .with_user(self.advisor_b)
            .search([("vin", "=", self.vehicle_a.vin)]),
            self.vehicle_a,
        )

    def test_followup_outcome(self):
        """The advisor records a follow-up's outcome on one screen."""
        followup = (
            self.env["autocrm.followup"]
            .with_user(self.advisor_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "vehicle_id": self.vehicle_a.id,
                    "followup_type": "post_sale",
                    "due_date": self.dealer_a._autocrm_today() + timedelta(days=1),
                }
            )
        )
        self.start_tour("/odoo", "autocrm_followup_outcome_tour", login="advisor_a")
        self.assertRecordValues(
            followup,
            [{"state": "done", "reached": True, "satisfaction": "5"}],
        )
