from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


@tagged("post_install", "-at_install")
class TestRetentionCase(AutocrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_b = cls.env["autocrm.retention.case"].create(
            {"partner_id": cls.customer_b.id, "company_id": cls.dealer_b.id}
        )

    def test_dealer_records_and_sees_own_cases_only(self):
        Case = self.env["autocrm.retention.case"].with_user(self.advisor_a)
        case = Case.create(
            {"partner_id": self.customer_a.id, "risk": "lost", "reason": "price"}
        )
        self.assertEqual(case.company_id, self.dealer_a)
        self.assertEqual(case.display_name, "Customer A (Lost)")
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(Case.search([]), case)
        with self.assertRaises(AccessError):
            Case.browse(self.case_b.id).read(["reason"])

    def test_case_cannot_point_to_another_dealers_customer(self):
        with self.assertRaises(UserError):
            self.env["autocrm.retention.case"].create(
                {"partner_id": self.customer_b.id, "company_id": self.dealer_a.id}
            )

    def test_one_open_case_per_customer_and_dealership(self):
        Case = self.env["autocrm.retention.case"].with_user(self.advisor_a)
        case = Case.create({"partner_id": self.customer_a.id})
        with self.assertRaises(ValidationError):
            Case.create({"partner_id": self.customer_a.id})
        case.write({"reason": "price", "action": "Offered a service voucher."})
        case.action_lost()
        # closed: a new attempt is a new case
        second = Case.create({"partner_id": self.customer_a.id})
        # the first cannot be opened again beside it
        with self.assertRaises(ValidationError):
            case.action_reopen()
        second.action_retained()
        self.assertEqual(second.closed_date, self.today)

    def test_dates_are_the_dealership_day(self):
        """At 16:30 UTC it is already 2028-01-01 in Shanghai: a case opened and
        closed then is dated that day; at 15:30 UTC still 2027-12-31."""
        Case = self.env["autocrm.retention.case"].with_user(self.advisor_a)
        with freeze_time("2027-12-31 15:30:00"):
            late = Case.create({"partner_id": self.customer_a.id})
            late.action_retained()
        with freeze_time("2027-12-31 16:30:00"):
            early = Case.create({"partner_id": self.customer_a.id})
            early.action_retained()
        self.assertRecordValues(
            late | early,
            [
                {
                    "detected_date": date(2027, 12, 31),
                    "closed_date": date(2027, 12, 31),
                },
                {"detected_date": date(2028, 1, 1), "closed_date": date(2028, 1, 1)},
            ],
        )

    def test_closed_case_keeps_its_outcome(self):
        Case = self.env["autocrm.retention.case"].with_user(self.advisor_a)
        case = Case.create({"partner_id": self.customer_a.id})
        with self.assertRaises(ValidationError):
            case.action_lost()  # no reason given
        case.write({"reason": "inconvenience", "cost": 200})
        case.action_lost()
        self.assertEqual(case.result, "lost")
        with self.assertRaises(UserError):
            case.write({"cost": 0})
        with self.assertRaises(UserError):
            case.action_retained()
        case.action_reopen()
        self.assertFalse(case.closed_date)
        case.cost = 250
        self.assertEqual(case.cost, 250)

    def test_manual_case_records_last_visit(self):
        visit = (
            self.env["repair.order"]
            .with_company(self.dealer_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "visit_date": "2025-03-01",
                    "state": "done",
                }
            )
        )
        case = self.env["autocrm.retention.case"].create(
            {"partner_id": self.customer_a.id, "company_id": self.dealer_a.id}
        )
        self.assertEqual(str(case.last_visit_date), "2025-03-01")
        self.assertEqual(visit.company_id, self.dealer_a)
