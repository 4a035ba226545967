from datetime import date, datetime, timedelta

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import ComplaintCase

# 23:30 on 31 December in Shanghai: the year's last day there as in UTC
SHANGHAI_2330_31_DEC = datetime(2027, 12, 31, 15, 30)
# 00:30 on 1 January in Shanghai, while UTC is still on 31 December
SHANGHAI_0030_1_JAN = datetime(2027, 12, 31, 16, 30)


@tagged("post_install", "-at_install")
class TestComplaintDay(ComplaintCase):
    """The day-based rules of complaints follow the dealership's day (Asia/Shanghai)
    whoever acts: the test users, like OdooBot which runs the escalation, have no
    time zone (UTC). The deadlines, in hours, stay plain UTC arithmetic."""

    def _complaint_at(self, received_at, **values):
        return self.Complaint.create(
            {
                "company_id": self.dealer_a.id,
                "partner_id": self.customer_a.id,
                "received_at": received_at,
                "category_id": self.category_waiting.id,
                "description": "The car was not ready at the promised time.",
                "user_id": self.advisor_a.id,
                **values,
            }
        )

    def _resolved_at(self, moment):
        """Advisor A resolves a complaint at ``moment``; its follow-up's due date."""
        with freeze_time(moment):
            complaint = self._complaint_at(
                moment - timedelta(hours=5), resolution="Apologised."
            ).with_user(self.advisor_a)
            complaint.action_resolve()
        self.assertEqual(complaint.resolved_at, moment)
        return complaint.complaint_followup_id.due_date

    def test_followup_three_days_after_the_dealership_day(self):
        # resolved at 00:30 on 1 January in Shanghai: due on 4 January, not on the
        # 3rd as UTC's 31 December would make it
        self.assertEqual(self._resolved_at(SHANGHAI_0030_1_JAN), date(2028, 1, 4))
        self.assertEqual(self._resolved_at(SHANGHAI_2330_31_DEC), date(2028, 1, 3))
        # at the month's end and over the leap day: 27 February in Shanghai
        self.assertEqual(
            self._resolved_at(datetime(2028, 2, 26, 16, 30)), date(2028, 3, 1)
        )
        self.assertEqual(
            self._resolved_at(datetime(2027, 1, 31, 12, 0)), date(2027, 2, 3)
        )

    @freeze_time(SHANGHAI_0030_1_JAN)
    def test_escalation_activity_due_on_the_dealership_day(self):
        """The scheduled escalation runs as OdooBot (UTC) at 00:30 on 1 January in
        Shanghai: the dealer manager's activity is due that 1 January. The
        complaint, received 9 hours earlier, is 1 hour past its 8 hours to
        acknowledge."""
        complaint = self._complaint_at(SHANGHAI_0030_1_JAN - timedelta(hours=9))
        self.assertEqual(
            complaint.acknowledge_deadline, SHANGHAI_0030_1_JAN - timedelta(hours=1)
        )
        self.assertTrue(complaint.with_user(self.advisor_a).is_overdue)
        cron = self.env.ref("autocrm_complaint.ir_cron_complaint_escalate")
        self.assertEqual(cron.user_id, self.env.ref("base.user_root"))
        cron.method_direct_trigger()
        self.assertRecordValues(
            complaint, [{"escalated": True, "escalated_at": SHANGHAI_0030_1_JAN}]
        )
        activity = complaint.activity_ids.filtered(
            lambda a: a.user_id == self.manager_a
        )
        self.assertEqual(activity.date_deadline, date(2028, 1, 1))

    @freeze_time("2028-01-10 04:00:00")
    def test_analysis_and_customer_log_use_the_dealership_day(self):
        """Received at 00:30 on 1 January in Shanghai, a complaint is January's, and
        counts against January's visits; received an hour earlier, December's, a
        month without visits."""
        visit = (
            self.env["repair.order"]
            .with_company(self.dealer_a)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "visit_date": date(2028, 1, 5),
                }
            )
        )
        visit.action_validate()
        visit.action_repair_start()
        visit.action_repair_end()
        december = self._complaint_at(SHANGHAI_2330_31_DEC)
        january = self._complaint_at(SHANGHAI_0030_1_JAN)
        self.env.flush_all()
        rows = self.env["autocrm.complaint.report"].search(
            [("complaint_id", "in", (december | january).ids)],
            order="received_date",
        )
        self.assertRecordValues(
            rows,
            [
                {
                    "complaint_id": december.id,
                    "received_date": date(2027, 12, 31),
                    "per_100_visits": 0.0,
                },
                {
                    "complaint_id": january.id,
                    "received_date": date(2028, 1, 1),
                    "per_100_visits": 100.0,
                },
            ],
        )
        log = self.env["autocrm.customer.log"].search(
            [
                ("res_model", "=", "autocrm.complaint"),
                ("res_id", "in", (december | january).ids),
            ],
            order="date",
        )
        self.assertEqual(log.mapped("date"), [date(2027, 12, 31), date(2028, 1, 1)])
