from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_campaign import CampaignCase


@tagged("post_install", "-at_install")
class TestCampaignNumbers(CampaignCase):
    """Issue 19: negative or absurd money and delays are refused with the field and
    its range, whatever a JSON-RPC client sends, and nothing is written."""

    def _stored(self, records):
        self.env.flush_all()
        self.env.invalidate_all()
        return records.with_env(self.env)

    def test_campaign_money_cannot_be_negative(self):
        campaign = self._campaign(self.advisor_a, budget=1000, cost=200)
        with self.assertRaisesRegex(
            ValidationError, "Budget cannot be less than 0; -1000 is"
        ):
            campaign.write({"budget": -1000})
        with self.assertRaisesRegex(ValidationError, "Cost cannot be less than 0"):
            campaign.write({"cost": -5})
        with self.assertRaisesRegex(ValidationError, "Budget cannot be less than 0"):
            self._campaign(self.advisor_a, budget=-1)
        stored = self._stored(campaign)
        self.assertEqual((stored.budget, stored.cost), (1000, 200))
        # dealer B writes nothing on dealer A's campaign
        with self.assertRaises(AccessError):
            campaign.with_user(self.advisor_b).write({"cost": 0})
        self.assertEqual(self._stored(campaign).cost, 200)

    def test_retention_cost_cannot_be_negative(self):
        case = (
            self.env["autocrm.retention.case"]
            .with_user(self.advisor_a)
            .create({"partner_id": self.customer_a.id, "cost": 80})
        )
        with self.assertRaisesRegex(ValidationError, "Cost cannot be less than 0"):
            case.write({"cost": -80})
        self.assertEqual(self._stored(case).cost, 80)

    def test_churn_delays_within_ten_years(self):
        for value in (0, 121, 2**40, 9.5, True):
            with (
                self.subTest(value=value),
                self.assertRaisesRegex(
                    ValidationError,
                    r"At Risk After \(months\) is a whole number of months from 1 to "
                    r"120",
                ),
            ):
                self.dealer_a.write({"autocrm_churn_at_risk_months": value})
        with self.assertRaisesRegex(ValidationError, "Lost After"):
            self.dealer_a.write({"autocrm_churn_lost_months": 1000})
        stored = self._stored(self.dealer_a)
        self.assertEqual(
            (stored.autocrm_churn_at_risk_months, stored.autocrm_churn_lost_months),
            (9, 18),
        )
        self.dealer_a.write(
            {"autocrm_churn_at_risk_months": 12, "autocrm_churn_lost_months": 120}
        )
        self.assertEqual(self._stored(self.dealer_a).autocrm_churn_lost_months, 120)

    def test_dealer_campaign_cannot_be_made_network_wide(self):
        """Network-wide is computed from the organiser: written by a dealer's user
        over RPC, it would show the campaign to every dealership and target their
        customers. Refused, on create and on write; nothing is written."""
        campaign = self._campaign(self.advisor_a)
        with self.assertRaisesRegex(AccessError, "Network-wide follow from"):
            campaign.write({"is_network": True})
        with self.assertRaisesRegex(AccessError, "ROI follow from"):
            campaign.write({"roi": 50.0})
        with self.assertRaisesRegex(AccessError, "Network-wide follow from"):
            self._campaign(self.advisor_a, is_network=True)
        with self.assertRaisesRegex(UserError, "come from the target list"):
            self._campaign(self.advisor_a, targeted_count=100000)
        self.assertFalse(self._stored(campaign).is_network)
        Campaign = self.env["autocrm.campaign"].with_user(self.advisor_b)
        self.assertNotIn(campaign, Campaign.search([]))
        campaign.action_generate_targets()
        self.assertFalse(
            self._stored(campaign).target_ids.filtered(
                lambda target: target.company_id != self.dealer_a
            )
        )
