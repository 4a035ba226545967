from datetime import date, datetime, time

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .test_customer_value import CustomerValueCase
from .test_followup import FollowupCase

# 16:30 UTC is already the next day in Asia/Shanghai (UTC+8), 15:30 UTC not yet
SHANGHAI_NEW_YEAR = datetime(2027, 12, 31, 16, 30)
SHANGHAI_NEW_YEARS_EVE = datetime(2027, 12, 31, 15, 30)


@tagged("post_install", "-at_install")
class TestFollowupDealershipDay(FollowupCase):
    """The follow-up cron runs as OdooBot (no time zone, so UTC): what is due
    follows each dealership's day all the same."""

    def _sold_on(self, sale_date, vehicle=None):
        vehicle = vehicle or self._vehicle(0)
        # recorded on the day of the sale: a sale date cannot be in the future
        with freeze_time(datetime.combine(sale_date, time(12))):
            vehicle.sale_date = sale_date
        return vehicle

    def test_due_on_the_dealerships_day_after_its_midnight(self):
        vehicle = self._sold_on(date(2027, 12, 25))  # post-sale call due 1 January
        with freeze_time(SHANGHAI_NEW_YEARS_EVE):
            self.assertEqual(self.dealer_a._autocrm_today(), date(2027, 12, 31))
            self.Followup._cron_followup_generate()
            self.assertFalse(self._followups(vehicle))
        with freeze_time(SHANGHAI_NEW_YEAR):
            self.assertEqual(self.dealer_a._autocrm_today(), date(2028, 1, 1))
            self.Followup._cron_followup_generate()
            self.assertRecordValues(
                self._followups(vehicle),
                [{"followup_type": "post_sale", "due_date": date(2028, 1, 1)}],
            )

    def test_another_time_zone_keeps_its_own_day(self):
        """A dealership in Europe/Berlin is still on 31 December at 16:30 UTC."""
        self.dealer_b.autocrm_tz = "Europe/Berlin"
        shanghai = self._sold_on(date(2027, 12, 25))
        berlin = self._sold_on(
            date(2027, 12, 25),
            # sold yesterday: Shanghai's today may still be tomorrow in Berlin
            self._vehicle(1, dealer=self.dealer_b, partner=self.customer_b),
        )
        with freeze_time(SHANGHAI_NEW_YEAR):
            self.Followup._cron_followup_generate()
        self.assertEqual(len(self._followups(shanghai)), 1)
        self.assertFalse(self._followups(berlin))

    def test_outcome_dated_on_the_dealerships_day(self):
        vehicle = self._sold_on(date(2027, 12, 25))
        with freeze_time(SHANGHAI_NEW_YEAR):
            self.Followup._cron_followup_generate()
            followup = self._followups(vehicle)
            followup.user_id = self.advisor_a
            # the advisor has no time zone of his own (UTC): the dealership's day
            followup = followup.with_user(self.advisor_a)
            followup.write({"reached": True, "satisfaction": "5"})
            followup.action_done()
        self.assertEqual(followup.done_date, date(2028, 1, 1))

    def test_month_end_and_leap_day(self):
        """7 and 30 days are days, at a month end and across 29 February."""
        january = self._sold_on(date(2028, 1, 30))  # reminder due 29 February
        february = self._sold_on(date(2028, 2, 22))  # post-sale call due 29 February
        with freeze_time(datetime(2028, 2, 28, 16, 0)):  # 29 Feb, 00:00 Shanghai
            self.Followup._cron_followup_generate()
        self.assertRecordValues(
            self._followups(january | february).sorted("vehicle_id"),
            [
                {
                    "vehicle_id": january.id,
                    "followup_type": "first_maintenance_reminder",
                    "due_date": date(2028, 2, 29),
                },
                {
                    "vehicle_id": february.id,
                    "followup_type": "post_sale",
                    "due_date": date(2028, 2, 29),
                },
            ],
        )


@tagged("post_install", "-at_install")
class TestCustomerValueDealershipDay(CustomerValueCase):
    def test_twelve_months_end_on_the_dealerships_day(self):
        """On 29 February 2028 the last 12 months start on 1 March 2027; a visit
        on 1 January counts from the Shanghai midnight on."""
        early, late, new_year = self._customers(self.dealer_a, "Feb", "Mar", "Jan")
        self._done_visits(
            self.dealer_a,
            [
                self._visit(early, 10, date(2027, 2, 28)),
                self._visit(late, 10, date(2027, 3, 1)),
                self._visit(new_year, 10, date(2028, 1, 1)),
            ],
        )
        with freeze_time(SHANGHAI_NEW_YEARS_EVE):
            self._run_cron()
            self.assertEqual(new_year.autocrm_visit_count, 0)
        with freeze_time(SHANGHAI_NEW_YEAR):
            self._run_cron()
            self.assertEqual(new_year.autocrm_visit_count, 1)
        with freeze_time(datetime(2028, 2, 29, 12, 0)):
            self._run_cron()
        self.assertEqual((early | late).mapped("autocrm_visit_count"), [0, 1])
