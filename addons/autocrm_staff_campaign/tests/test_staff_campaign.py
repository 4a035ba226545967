from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import AutocrmCase
from odoo.addons.autocrm_staff.tests.test_work_plan import WorkPlanCase


@tagged("post_install", "-at_install")
class TestStaffCampaignPlans(WorkPlanCase):
    """Campaign responders count as customers reached in an activity plan."""

    def test_activity_plan_counts_campaign_responses(self):
        plan = self.Plan.create(
            {
                "name": "Care",
                "plan_type": "activity",
                "company_id": self.dealer_a.id,
                "user_id": self.advisor_a.id,
                "date_start": self._day(-10),
                "date_end": self._day(3),
            }
        )
        campaign = self.env["autocrm.campaign"].create(
            {
                "name": "Winter check",
                "company_id": self.dealer_a.id,
                "user_id": self.advisor_a.id,
                "date_start": self._day(-10),
                "date_end": self._day(10),
            }
        )
        third = self.env["res.partner"].create(
            {"name": "Third Customer", "company_id": self.dealer_a.id}
        )
        self.env["autocrm.campaign.target"].create(
            [
                {
                    "campaign_id": campaign.id,
                    "partner_id": partner.id,
                    "company_id": self.dealer_a.id,
                    "responded": responded,
                    "response_date": self._day(-1),
                }
                for partner, responded in (
                    (self.customer_a, True),
                    (third, True),
                    (self.customer_b, False),
                )
            ]
        )
        # customer A and the other customer from follow-ups, the third customer
        # from the campaign; customer A is counted once
        self.assertEqual(plan.actual_count, 3)
        self._assert_report_matches(plan)


@tagged("post_install", "-at_install")
class TestStaffCampaignCosts(AutocrmCase):
    """Each campaign's cost is a row of the service cost analysis."""

    def test_campaign_costs_flow_in(self):
        campaign = self.env["autocrm.campaign"].create(
            {
                "name": "Winter check",
                "company_id": self.dealer_a.id,
                "date_start": "2026-11-01",
                "cost": 1200,
            }
        )
        self.env.flush_all()
        Report = self.env["autocrm.service.cost.report"]
        rows = Report.search(
            [("source", "=", "campaign"), ("company_id", "=", self.dealer_a.id)]
        )
        self.assertIn("Winter check", rows.mapped("name"), campaign.name)
        [row] = Report.read_group(
            [("company_id", "=", self.dealer_a.id), ("category", "=", "campaign")],
            ["amount:sum"],
            [],
        )
        self.assertEqual(row["amount"], 1200)
