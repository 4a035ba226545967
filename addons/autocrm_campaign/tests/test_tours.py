from odoo import Command
from odoo.tests import HttpCase, tagged

from .test_campaign import CampaignCase


@tagged("post_install", "-at_install")
class TestRecallTour(CampaignCase, HttpCase):
    """The main campaign and recall screens, clicked through in a real browser."""

    def test_recall_banner_at_another_dealership(self):
        self.vehicle_a.production_date = "2024-11-15"
        recall = self.env["autocrm.recall"].create(
            {
                "name": "Fuel pump replacement",
                "model_ids": [Command.set(self.sedan.ids)],
                "production_date_from": "2024-10-01",
                "production_date_to": "2024-12-31",
            }
        )
        recall.action_add_vehicles_by_range()
        recall.action_open()
        self.assertNotIn(self.dealer_b, self.vehicle_a.dealer_ids)
        self.start_tour("/odoo", "autocrm_recall_banner_tour", login="advisor_b")
        self.assertIn(self.dealer_b, self.vehicle_a.dealer_ids)

    def test_campaign_planned_and_started(self):
        self.start_tour("/odoo", "autocrm_campaign_tour", login="manager_a")
        campaign = self.env["autocrm.campaign"].search(
            [("name", "=", "Winter check-up"), ("company_id", "=", self.dealer_a.id)]
        )
        self.assertEqual(campaign.state, "running")
        self.assertEqual(
            set(campaign.target_ids.partner_id.ids),
            {self.customer_a.id, self.customer_a2.id},
        )
