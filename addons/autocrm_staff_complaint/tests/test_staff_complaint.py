from datetime import date

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.autocrm_staff.tests.common import StaffCase
from odoo.addons.autocrm_staff.tests.test_staff_day import (
    SHANGHAI_0030_1_JAN,
    SHANGHAI_2330_31_DEC,
)


@tagged("post_install", "-at_install")
class TestStaffComplaints(StaffCase):
    """Complaints against a staff member are rows of the quality analysis, on
    the dealership's day."""

    def test_complaints_counted(self):
        Complaint = self.env["autocrm.complaint"]
        complaint = Complaint.create(
            {
                "description": "Waited two hours for my car.",
                "company_id": self.dealer_a.id,
                "partner_id": self.customer_a.id,
                "user_id": self.advisor_a.id,
                "received_at": "2026-01-05 10:00:00",
            }
        )
        self.env.flush_all()
        Report = self.env["autocrm.staff.report.quality"]
        [row] = Report.read_group(
            [("user_id", "=", self.advisor_a.id), ("kind", "=", "complaint")],
            ["complaint_count:sum"],
            [],
        )
        self.assertEqual(row["complaint_count"], 1, complaint.name)

    @freeze_time("2028-01-02 00:00:00")
    def test_complaint_counted_on_the_dealership_day(self):
        """A complaint received at 00:30 on 1 January in Shanghai is one of 1
        January in the quality analysis, one received an hour earlier of 31
        December."""
        complaints = self.env["autocrm.complaint"].create(
            [
                {
                    "description": "Nobody called me back.",
                    "company_id": self.dealer_a.id,
                    "partner_id": self.customer_a.id,
                    "user_id": self.advisor_a.id,
                    "received_at": received_at,
                }
                for received_at in (SHANGHAI_2330_31_DEC, SHANGHAI_0030_1_JAN)
            ]
        )
        self.env.flush_all()
        rows = self.env["autocrm.staff.report.quality"].search(
            [("kind", "=", "complaint"), ("user_id", "=", self.advisor_a.id)],
            order="date",
        )
        self.assertEqual(
            rows.mapped("date"), [date(2027, 12, 31), date(2028, 1, 1)], complaints
        )
