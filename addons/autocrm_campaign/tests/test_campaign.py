from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.autocrm_customer.tests.common import VIN_B, make_vin
from odoo.addons.autocrm_customer.tests.test_customer_value import CustomerValueCase


class CampaignCase(CustomerValueCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # dealer A's day, in its time zone, as the code's rules count
        cls.today = cls.dealer_a._autocrm_today()
        # the OEM's role comes with the demo data: set it without
        cls.oem.autocrm_role = "oem"
        cls.suv = cls.env["product.product"].create(
            {"name": "Test SUV", "autocrm_is_vehicle_model": True}
        )
        cls.customer_a2 = cls.env["res.partner"].create(
            {"name": "Customer A2", "company_id": cls.dealer_a.id, "email": "a2@x.cn"}
        )
        cls.vehicle_a2 = cls.env["autocrm.vehicle"].create(
            {
                "vin": make_vin(71, prefix="LVAL1B2C"),
                "model_id": cls.suv.id,
                "sale_date": cls.today - relativedelta(years=6),
                "selling_dealer_id": cls.dealer_a.id,
                "dealer_ids": [Command.set(cls.dealer_a.ids)],
                "partner_id": cls.customer_a2.id,
            }
        )
        cls.vehicle_b = cls.env["autocrm.vehicle"].create(
            {
                "vin": VIN_B,
                "model_id": cls.sedan.id,
                "sale_date": cls.today - relativedelta(years=1),
                "selling_dealer_id": cls.dealer_b.id,
                "dealer_ids": [Command.set(cls.dealer_b.ids)],
                "partner_id": cls.customer_b.id,
            }
        )
        cls.customer_a.email = "a@x.cn"

    def _campaign(self, user, segment="[]", **vals):
        return (
            self.env["autocrm.campaign"]
            .with_user(user)
            .create(
                {
                    "name": "Winter check-up",
                    "segment_domain": segment,
                    "date_start": self._days_ago(10),
                    "date_end": self.today + relativedelta(days=20),
                    **vals,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestCampaign(CampaignCase):
    def test_segment_by_vehicle_model_stays_in_the_dealership(self):
        campaign = self._campaign(
            self.advisor_a, f"[('vehicle_ids.model_id', '=', {self.sedan.id})]"
        )
        self.assertEqual(campaign.company_id, self.dealer_a)
        campaign.action_generate_targets()
        self.assertEqual(campaign.targeted_count, 1)
        target = campaign.target_ids
        self.assertEqual(target.partner_id, self.customer_a)
        self.assertEqual(target.vehicle_id, self.vehicle_a)
        self.assertEqual(target.model_id, self.sedan)
        self.assertEqual(target.company_id, self.dealer_a)

    def test_segment_by_vehicle_age_and_tier(self):
        campaign = self._campaign(
            self.advisor_a, "[('vehicle_ids.age_years', '>=', 5)]"
        )
        campaign.action_generate_targets()
        self.assertEqual(campaign.target_ids.partner_id, self.customer_a2)
        self.assertEqual(campaign.target_ids.vehicle_age, 5)
        campaign.segment_domain = "[('autocrm_value_tier', '=', 'A')]"
        campaign.action_generate_targets()
        self.assertFalse(campaign.target_ids, "no customer of A is tier A")
        self.assertEqual(campaign.targeted_count, 0)

    def test_invalid_segment_is_refused(self):
        with self.assertRaises(Exception):  # noqa: B017 - ValidationError
            self._campaign(self.advisor_a, "[('no_such_field', '=', 1)]")

    def test_response_revenue_and_roi(self):
        campaign = self._campaign(self.advisor_a, cost=100.0)
        campaign.action_generate_targets()
        self.assertEqual(campaign.targeted_count, 2)
        campaign.action_start()
        self.assertEqual(campaign.responded_count, 0)
        # before the campaign: not a response; during it: a response (the done
        # visit updates the running campaign at once)
        self._done_visits(
            self.dealer_a,
            [
                self._visit(self.customer_a, 1000, self._days_ago(30), self.vehicle_a),
                self._visit(self.customer_a, 300, self._days_ago(2), self.vehicle_a),
            ],
        )
        self.assertEqual(campaign.responded_count, 1)
        self.assertEqual(campaign.revenue, 300.0)
        self.assertAlmostEqual(campaign.response_rate, 50.0)
        self.assertAlmostEqual(campaign.roi, 2.0)
        target = campaign.target_ids.filtered(lambda t: t.partner_id == self.customer_a)
        self.assertTrue(target.responded)
        self.assertEqual(target.response_date, self._days_ago(2))
        # a visit at another dealership does not answer a dealership's campaign
        self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(
            self.vehicle_a2.vin
        )
        self._done_visits(
            self.dealer_b,
            [self._visit(self.customer_a2, 50, self._days_ago(1), self.vehicle_a2)],
        )
        campaign.action_update_responses()
        self.assertEqual(campaign.responded_count, 1)
        # the response is in the customer log of the dealership
        log = self.env["autocrm.customer.log"].with_user(self.advisor_a)
        entry = log.search(
            [("kind", "=", "campaign"), ("partner_id", "=", self.customer_a.id)]
        )
        self.assertEqual(entry.name, "Winter check-up")
        self.assertEqual(entry.amount, 300.0)
        self.assertFalse(
            log.with_user(self.advisor_b).search([("kind", "=", "campaign")])
        )

    def test_network_campaign_counts_visits_at_any_dealership(self):
        campaign = self._campaign(self.oem_user, company_id=self.oem.id)
        self.assertTrue(campaign.is_network)
        campaign.action_generate_targets()
        targets = campaign.target_ids
        self.assertLessEqual(
            {self.customer_a.id, self.customer_a2.id, self.customer_b.id},
            set(targets.partner_id.ids),
        )
        self.assertEqual(
            set(targets.sudo().company_id.mapped("autocrm_role")), {"dealer"}
        )
        self.assertEqual(
            targets.filtered(lambda t: t.partner_id == self.customer_b).company_id,
            self.dealer_b,
        )
        campaign.action_start()
        # the demo dealerships' visits may already answer it
        responded, revenue = campaign.responded_count, campaign.revenue
        self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(
            self.vehicle_a2.vin
        )
        self._done_visits(
            self.dealer_b,
            [self._visit(self.customer_a2, 80, self._days_ago(1), self.vehicle_a2)],
        )
        self.assertEqual(campaign.responded_count, responded + 1)
        self.assertEqual(campaign.revenue, revenue + 80.0)
        target = targets.filtered(lambda t: t.partner_id == self.customer_a2)
        self.assertTrue(target.responded)
        self.assertEqual(target.response_repair_id.company_id, self.dealer_b)

    def test_dealer_reads_network_campaign_and_own_targets_only(self):
        campaign = self._campaign(self.oem_user, company_id=self.oem.id)
        campaign.action_generate_targets()
        own = self._campaign(self.advisor_b, name="B's own")
        self.env.flush_all()
        self.env.invalidate_all()
        Campaign = self.env["autocrm.campaign"].with_user(self.advisor_a)
        self.assertEqual(
            Campaign.search([("id", "in", (campaign | own).ids)]), campaign
        )
        self.assertEqual(Campaign.browse(campaign.id).name, "Winter check-up")
        with self.assertRaises(AccessError):
            Campaign.browse(campaign.id).write({"cost": 5.0})
        self.assertTrue(Campaign.browse(campaign.id).network_read_only)
        self.assertFalse(own.with_user(self.advisor_b).network_read_only)
        self.assertFalse(campaign.with_user(self.oem_user).network_read_only)
        with self.assertRaises(AccessError):
            Campaign.browse(own.id).read(["name"])
        Target = self.env["autocrm.campaign.target"].with_user(self.advisor_a)
        self.assertEqual(
            set(Target.search([]).partner_id.ids),
            {self.customer_a.id, self.customer_a2.id},
        )
        target_b = campaign.target_ids.filtered(lambda t: t.company_id == self.dealer_b)
        with self.assertRaises(AccessError):
            Target.browse(target_b.id).read(["partner_id"])

    def test_started_campaign_is_locked(self):
        campaign = self._campaign(self.advisor_a)
        with self.assertRaises(UserError):
            campaign.action_start()  # no targets yet
        campaign.action_generate_targets()
        campaign.action_start()
        with self.assertRaises(UserError):
            campaign.write({"segment_domain": "[('id', '=', 0)]"})
        with self.assertRaises(UserError):
            campaign.action_generate_targets()
        with self.assertRaises(UserError):
            campaign.write({"state": "draft"})
        with self.assertRaises(UserError):
            campaign.unlink()

    def test_send_mail_to_targets_with_address(self):
        campaign = self._campaign(
            self.advisor_a,
            mail_template_id=self.env.ref(
                "autocrm_campaign.mail_template_campaign_target"
            ).id,
        )
        campaign.action_generate_targets()
        campaign.action_start()
        mails_before = self.env["mail.mail"].search_count([])
        campaign.action_send_mail()
        self.assertEqual(self.env["mail.mail"].search_count([]) - mails_before, 2)
        self.assertTrue(all(campaign.target_ids.mapped("mail_sent")))
        campaign.action_send_mail()
        self.assertEqual(
            self.env["mail.mail"].search_count([]) - mails_before, 2, "sent once"
        )

    def test_response_update_is_set_based(self):
        """The daily refresh costs the same few queries for any number of targets
        and visits: the dealerships' todays (their search and time zones), the
        search, two UPDATEs, one aggregate, then one write per campaign whose
        figures changed (the demo's running campaign may)."""
        campaigns = self._campaign(self.oem_user, company_id=self.oem.id)
        campaigns |= self._campaign(self.advisor_a)
        campaigns.action_generate_targets()
        campaigns.action_start()
        self.env.flush_all()
        with self.assertQueryCount(7):
            self.env["autocrm.campaign"]._cron_campaign_response()

    def test_figures_and_targets_cannot_be_faked(self):
        campaign = self._campaign(self.advisor_a)
        campaign.action_generate_targets()
        with self.assertRaises(UserError):
            campaign.write({"revenue": 1e6})
        target = campaign.target_ids[:1]
        with self.assertRaises(UserError):
            target.write({"responded": True})
        target.write({"contacted": True, "note": "Will come on Saturday"})
        self.assertTrue(target.contacted)

    def test_vehicle_age_search(self):
        Vehicle = self.env["autocrm.vehicle"]
        mine = self.vehicle_a | self.vehicle_a2 | self.vehicle_b
        self.vehicle_a.sale_date = self.today - relativedelta(years=1, days=3)

        def ages(operator, value):
            return Vehicle.search(
                [("age_years", operator, value), ("id", "in", mine.ids)]
            )

        self.assertEqual(self.vehicle_a.age_years, 1)
        self.assertEqual(self.vehicle_a2.age_years, 6)
        self.assertEqual(ages("=", 1), self.vehicle_a | self.vehicle_b)
        self.assertEqual(ages("<", 2), self.vehicle_a | self.vehicle_b)
        self.assertEqual(ages("<=", 1), self.vehicle_a | self.vehicle_b)
        self.assertEqual(ages(">", 5), self.vehicle_a2)
        self.assertEqual(ages(">=", 6), self.vehicle_a2)
        self.assertFalse(ages(">=", 7))

    def test_dates_and_segment_follow_the_organiser_day(self):
        """At 16:30 UTC it is already 2028-01-01 in Shanghai: a campaign created
        then starts that day and ends a month later, and its segment of the owners
        of cars sold in the last 7 days (context_today()) counts from that day."""
        with freeze_time("2027-12-31 15:30:00"):
            # a sale date is never in the future: set on the campaigns' day
            self.vehicle_a.sale_date = "2027-12-25"
            self.vehicle_a2.sale_date = "2027-12-24"
        segment = (
            "[('vehicle_ids.sale_date', '>=', "
            "(context_today() - relativedelta(days=7)).strftime('%Y-%m-%d'))]"
        )
        Campaign = self.env["autocrm.campaign"].with_user(self.advisor_a)
        with freeze_time("2027-12-31 15:30:00"):
            late = Campaign.create({"name": "New Owners", "segment_domain": segment})
            late.action_generate_targets()
        with freeze_time("2027-12-31 16:30:00"):
            early = Campaign.create({"name": "New Owners", "segment_domain": segment})
            early.action_generate_targets()
        self.assertRecordValues(
            late | early,
            [
                {"date_start": date(2027, 12, 31), "date_end": date(2028, 1, 31)},
                {"date_start": date(2028, 1, 1), "date_end": date(2028, 2, 1)},
            ],
        )
        self.assertEqual(late.target_ids.partner_id, self.customer_a | self.customer_a2)
        self.assertEqual(early.target_ids.partner_id, self.customer_a)

    def test_dealer_cannot_organise_a_network_campaign(self):
        with self.assertRaises(AccessError):
            self._campaign(self.advisor_a, company_id=self.oem.id)
