from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintAccess(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint_a = cls._complaint(hours_ago=30)
        cls.complaint_b = cls._complaint(
            hours_ago=30, dealer=cls.dealer_b, partner=cls.customer_b
        )
        cls.both = cls.complaint_a | cls.complaint_b

    def _fresh(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def test_dealer_sees_only_its_own_complaints(self):
        self._fresh()
        Complaint = self.Complaint.with_user(self.advisor_a)
        self.assertEqual(
            Complaint.search([("id", "in", self.both.ids)]), self.complaint_a
        )
        self.assertEqual(
            Complaint.search([("id", "in", self.both.ids), ("is_overdue", "=", True)]),
            self.complaint_a,
        )
        self.assertEqual(
            Complaint.read_group([("id", "in", self.both.ids)], ["id:count"], [])[0][
                "__count"
            ],
            1,
        )
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.advisor_a).read(["description"])
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.manager_a).write({"summary": "Mine now"})

    def test_dealer_cannot_record_for_another_dealership(self):
        with self.assertRaises(AccessError):
            self.Complaint.with_user(self.advisor_a).create(
                {
                    "company_id": self.dealer_b.id,
                    "partner_id": self.customer_b.id,
                    "description": "Not my dealership.",
                }
            )

    def test_oem_sees_every_dealer(self):
        self._fresh()
        for user in (self.oem_user, self.oem_manager):
            Complaint = self.Complaint.with_user(user)
            self.assertEqual(Complaint.search([("id", "in", self.both.ids)]), self.both)
            self.assertEqual(
                len(self.both.with_user(user).read(["description", "partner_id"])), 2
            )

    def test_analysis_and_desks_follow_the_same_rules(self):
        self._fresh()
        Report = self.env["autocrm.complaint.report"]
        self.assertEqual(
            Report.with_user(self.advisor_a)
            .search([("complaint_id", "in", self.both.ids)])
            .complaint_id,
            self.complaint_a,
        )
        self.assertEqual(
            Report.with_user(self.oem_user)
            .search([("complaint_id", "in", self.both.ids)])
            .complaint_id,
            self.both,
        )
        report_b = Report.search([("complaint_id", "=", self.complaint_b.id)])
        with self.assertRaises(AccessError):
            report_b.with_user(self.advisor_a).read(["late_rate"])
        desk_b = self.Desk.search([("company_id", "=", self.dealer_b.id)])
        self.assertEqual(
            self.Desk.with_user(self.advisor_a).search(
                [("company_id", "in", (self.dealer_a | self.dealer_b).ids)]
            ),
            self.desk_a,
        )
        with self.assertRaises(AccessError):
            desk_b.with_user(self.manager_a).read(["user_id"])
        with self.assertRaises(AccessError):
            self.desk_a.with_user(self.advisor_a).write({"user_id": self.advisor_a.id})
        self.desk_a.with_user(self.manager_a).write({"user_id": self.advisor_a.id})

    def test_analysis_measures(self):
        self.complaint_a.action_acknowledge()
        self.complaint_a.write(
            {
                "resolution": "Refund.",
                "root_cause": "Wrong quote.",
                "satisfaction": "4",
                "improvement_plan": "Quotes checked by the foreman.",
                "prevention_plan": "Monthly audit of quotes.",
            }
        )
        self.complaint_a.action_resolve()
        self.env.flush_all()
        row = self.env["autocrm.complaint.report"].search(
            [("complaint_id", "=", self.complaint_a.id)]
        )
        self.assertRecordValues(
            row,
            [
                {
                    "company_id": self.dealer_a.id,
                    "category_id": self.category_waiting.id,
                    "complaint_count": 1,
                    "late_rate": 100.0,
                    "satisfaction_score": 4.0,
                    "improvement_plan_rate": 100.0,
                }
            ],
        )
        self.assertAlmostEqual(row.hours_to_acknowledge, 30, delta=0.1)
        self.assertAlmostEqual(row.hours_to_resolve, 30, delta=0.1)
        # no done visit at dealer A this month: no rate per 100 visits
        self.assertFalse(row.per_100_visits)

    def test_oem_hotline_records_for_a_dealership(self):
        """The OEM's hotline takes a complaint about dealer A: dealer A handles it,
        dealer B never sees it."""
        complaint = self.Complaint.with_user(self.oem_user).create(
            {
                "company_id": self.dealer_a.id,
                "partner_id": self.customer_a.id,
                "channel": "oem_hotline",
                "description": "Called the brand hotline: the dealer never answers.",
                "user_id": self.advisor_a.id,
            }
        )
        self._fresh()
        complaint.with_user(self.advisor_a).action_acknowledge()
        self.assertEqual(complaint.phase, "acknowledged")
        self.assertFalse(
            self.Complaint.with_user(self.advisor_b).search([("id", "=", complaint.id)])
        )
        with self.assertRaises(AccessError):
            complaint.with_user(self.advisor_b).read(["description"])
