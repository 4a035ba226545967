"""The day rules of warranty follow the dealership's day (Asia/Shanghai for the
demo network and the test dealers), not UTC's nor the acting user's: the test
users and OdooBot have no time zone (UTC). 2027-12-31 ends in Shanghai at 16:00
UTC."""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import WarrantyCase
from .common_part_return import PartReturnCase

# 23:30 on 2027-12-31 in Shanghai (and in UTC 15:30 the same day)
LAST_MINUTES = "2027-12-31 15:30:00"
# 00:30 on 2028-01-01 in Shanghai, while UTC is still on 2027-12-31
FIRST_MINUTES = "2027-12-31 16:30:00"


@tagged("post_install", "-at_install")
class TestClaimDays(WarrantyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oem.autocrm_tz = "Asia/Shanghai"
        # in warranty (36 months) through mid-2029
        cls.vehicle_a.sale_date = date(2026, 6, 1)

    def test_deadline_ends_with_the_dealership_day(self):
        """Repaired on 2027-12-21, a claim is due within 10 days: by 2027-12-31 at
        the dealership. The dealer submits it at 23:30 there, but no longer at 00:30
        the next day, though UTC (and the dealer's own time zone) is still on the
        31st; the OEM may still accept it, flagged late on Shanghai's day."""
        on_time = self._claim(repair_date=date(2027, 12, 21))
        late = self._claim(
            repair_date=date(2027, 12, 21), causal_part_id=self.gasket.id
        )
        with freeze_time(LAST_MINUTES):
            on_time.action_submit()
        self.assertEqual(on_time.state, "submitted")
        self.assertEqual(on_time.submitted_date, date(2027, 12, 31))
        self.assertFalse(on_time.fraud_flag_ids)

        with (
            freeze_time(FIRST_MINUTES),
            self.assertRaisesRegex(UserError, "too late.*by 2027-12-31"),
        ):
            late.action_submit()
        self.assertEqual(late.state, "draft")
        with freeze_time(FIRST_MINUTES):
            late.with_user(self.reviewer).action_submit()
        self.assertEqual(late.submitted_date, date(2028, 1, 1))
        self.assertEqual(late.fraud_flag_ids.code, "late")
        self.assertIn(
            "Submitted on 2028-01-01, 11 days after the repair",
            late.fraud_flag_ids.note,
        )

    def test_deadline_over_a_leap_day(self):
        """Ten days from 2028-02-19 is 2028-02-29; 1 March begins in Shanghai at
        16:00 UTC on 29 February."""
        on_time = self._claim(repair_date=date(2028, 2, 19))
        late = self._claim(repair_date=date(2028, 2, 19), causal_part_id=self.gasket.id)
        with freeze_time("2028-02-29 15:59:00"):
            on_time.action_submit()
        self.assertEqual(on_time.submitted_date, date(2028, 2, 29))
        with (
            freeze_time("2028-02-29 16:00:00"),
            self.assertRaisesRegex(UserError, "too late.*by 2028-02-29"),
        ):
            late.action_submit()

    def test_a_repair_of_today_is_not_in_the_future(self):
        """A repair dated 1 January is in the future at 23:30 on 31 December in
        Shanghai, and today's at 00:30, while UTC is still on the 31st."""
        claim = self._claim(repair_date=date(2028, 1, 1))
        with (
            freeze_time(LAST_MINUTES),
            self.assertRaisesRegex(UserError, "2028-01-01 is in the future"),
        ):
            claim.action_submit()
        with freeze_time(FIRST_MINUTES):
            claim.action_submit()
        self.assertEqual(claim.submitted_date, date(2028, 1, 1))

    def test_review_dates_call_back_and_settlement(self):
        """Approved and paid at 00:30 in Shanghai on 1 January by a reviewer in UTC:
        the dates are 1 January, the OEM's call-back is due 3 days later on its day,
        and January's settlement of the dealer lists the claim."""
        claim = self._claim(repair_date=date(2027, 12, 28))
        with freeze_time(LAST_MINUTES):
            claim.action_submit()
        self._inspect(claim)
        review = claim.with_user(self.reviewer)
        with freeze_time(FIRST_MINUTES):
            review.action_approve()
            review.action_pay()
        self.assertEqual(claim.approved_date, date(2028, 1, 1))
        self.assertEqual(claim.paid_date, date(2028, 1, 1))
        self.assertEqual(claim.cycle_days, 1)
        self.assertEqual(claim.callback_followup_id.due_date, date(2028, 1, 4))
        settlement = (
            self.env["autocrm.warranty.settlement"]
            .with_user(self.reviewer)
            .create(
                {
                    "company_id": self.dealer_a.id,
                    "date_from": date(2028, 1, 1),
                    "date_to": date(2028, 1, 31),
                }
            )
        )
        settlement.action_load_claims()
        self.assertEqual(settlement.claim_ids, claim)


@tagged("post_install", "-at_install")
class TestWarrantyEndDays(WarrantyCase):
    def _first_visit(self, visit_date, form):
        repair = (
            self.env["repair.order"]
            .with_user(self.advisor_a)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "visit_type": "first_maintenance",
                    "visit_date": visit_date,
                    "odometer": 4000,
                    "first_service_form_number": form,
                }
            )
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def test_warranty_sold_on_a_leap_day(self):
        """36 months from 2024-02-29 end on 2027-02-28: a repair of that day is
        covered, one of 1 March is not."""
        self.vehicle_a.sale_date = date(2024, 2, 29)
        self.assertEqual(self.vehicle_a.warranty_end_date, date(2027, 2, 28))
        covered = self._claim(repair_date=date(2027, 2, 28))
        ended = self._claim(repair_date=date(2027, 3, 1), causal_part_id=self.gasket.id)
        with freeze_time("2027-03-02 02:00:00"):
            covered.action_submit()
            with self.assertRaisesRegex(
                UserError, "ended on 2027-02-28, before the repair on 2027-03-01"
            ):
                ended.action_submit()
        self.assertEqual(covered.state, "submitted")

    def test_state_turns_on_the_selling_dealer_day(self):
        """Sold on 2025-02-28, covered through 2028-02-28 (not the leap day). The
        state follows the selling dealer's day, whoever looks: dealer A's vehicle
        (Shanghai) expires at 16:00 UTC on the 28th, dealer B's (set in New York)
        at 05:00 UTC on the 29th, for the OEM's user and for OdooBot alike."""
        self.dealer_b.autocrm_tz = "America/New_York"
        vehicles = self.vehicle_a | self.vehicle_b
        vehicles.sale_date = date(2025, 2, 28)
        self.assertEqual(set(vehicles.mapped("warranty_end_date")), {date(2028, 2, 28)})
        users = (self.oem_user, self.env.ref("base.user_root"))
        for moment, state_a, state_b in (
            ("2028-02-28 15:30:00", "active", "active"),
            ("2028-02-28 16:30:00", "expired_time", "active"),
            ("2028-02-29 04:30:00", "expired_time", "active"),
            ("2028-02-29 05:30:00", "expired_time", "expired_time"),
        ):
            for user in users:
                with self.subTest(moment=moment, user=user.login), freeze_time(moment):
                    self.env.invalidate_all()
                    Vehicle = self.env["autocrm.vehicle"].with_user(user)
                    self.assertEqual(
                        Vehicle.browse(vehicles.ids).mapped("warranty_state"),
                        [state_a, state_b],
                    )
                    for state in ("active", "expired_time"):
                        expected = {
                            vehicle
                            for vehicle, vehicle_state in zip(
                                vehicles, (state_a, state_b), strict=True
                            )
                            if vehicle_state == state
                        }
                        found = Vehicle.search(
                            [
                                ("id", "in", vehicles.ids),
                                ("warranty_state", "=", state),
                            ]
                        )
                        self.assertEqual(set(found.sudo()), expected, state)

    def test_vehicle_without_selling_dealer_takes_the_user_company_day(self):
        """A vehicle with no selling dealer is judged on the day of the company the
        user works in: expired for the OEM (Shanghai) at 16:30 UTC on its last
        day, still in warranty for dealer B (New York)."""
        self.dealer_b.autocrm_tz = "America/New_York"
        self.oem.autocrm_tz = "Asia/Shanghai"
        vehicle = self.vehicle_b
        vehicle.write({"sale_date": date(2025, 2, 28), "selling_dealer_id": False})
        with freeze_time("2028-02-28 16:30:00"):
            for user, state in (
                (self.oem_user, "expired_time"),
                (self.advisor_b, "active"),
            ):
                self.env.invalidate_all()
                Vehicle = self.env["autocrm.vehicle"].with_user(user)
                self.assertEqual(Vehicle.browse(vehicle.id).warranty_state, state)
                self.assertEqual(
                    Vehicle.search(
                        [("id", "=", vehicle.id), ("warranty_state", "=", state)]
                    ).id,
                    vehicle.id,
                )

    def test_first_maintenance_due_at_a_month_end(self):
        """Sold on 2024-08-31, the free first maintenance is due within 6 months:
        by 2025-02-28. A visit on 1 March drafts no claim and says so."""
        self.vehicle_a.sale_date = date(2024, 8, 31)
        self.assertEqual(self.vehicle_a.first_service_due_date, date(2025, 2, 28))
        late = self._first_visit(date(2025, 3, 1), "FM-DAY-0001")
        self.assertFalse(late.warranty_claim_ids)
        self.assertIn("by 2025-02-28", late.message_ids[0].body)
        on_time = self._first_visit(date(2025, 2, 28), "FM-DAY-0002")
        self.assertEqual(on_time.warranty_claim_ids.repair_date, date(2025, 2, 28))

    def test_undated_first_maintenance_is_of_the_dealership_day(self):
        """A first maintenance closed without a visit date at 00:30 in Shanghai on
        1 January is that day's, though UTC is still on 31 December."""
        with freeze_time(FIRST_MINUTES):
            # a sale date is never in the future: set on the day of the visit
            self.vehicle_a.sale_date = date(2027, 10, 1)
            repair = self._first_visit(False, "FM-DAY-0003")
        self.assertEqual(repair.warranty_claim_ids.repair_date, date(2028, 1, 1))


@tagged("post_install", "-at_install")
class TestPartReturnDays(PartReturnCase):
    def test_charge_back_on_each_dealership_day(self):
        """Submitted on 2027-12-01, a part is due back within 30 days: by 2027-12-31
        at the dealership. OdooBot's run (UTC) at 23:30 in Shanghai leaves it; at
        00:30 there it charges dealer A's part back on 1 January, not dealer B's
        (in New York, still on the 31st) until New York's midnight."""
        claim_a = self._submitted_claim(
            self.advisor_a, self.vehicle_a, [(self.pump, 1, True)]
        )
        claim_b = self._submitted_claim(
            self.advisor_b, self.vehicle_b, [(self.pump, 1, True)]
        )
        (claim_a | claim_b).sudo().submitted_date = date(2027, 12, 1)
        self.dealer_b.autocrm_tz = "America/New_York"
        line_a, line_b = claim_a.part_line_ids, claim_b.part_line_ids
        Return = self.Return.with_user(self.env.ref("base.user_root"))

        with freeze_time(LAST_MINUTES):
            Return._cron_charge_back_unshipped()
        self.assertFalse((line_a | line_b).filtered("charged_back"))
        with freeze_time(FIRST_MINUTES):
            Return._cron_charge_back_unshipped()
        self.assertTrue(line_a.charged_back)
        self.assertEqual(line_a.charged_back_date, date(2028, 1, 1))
        self.assertFalse(line_b.charged_back)
        with freeze_time("2028-01-01 04:30:00"):  # 23:30 in New York
            Return._cron_charge_back_unshipped()
        self.assertFalse(line_b.charged_back)
        with freeze_time("2028-01-01 05:30:00"):  # 00:30 in New York
            Return._cron_charge_back_unshipped()
        self.assertTrue(line_b.charged_back)
        self.assertEqual(line_b.charged_back_date, date(2028, 1, 1))

    def test_return_dates_of_the_dealership_and_the_oem(self):
        """Shipped, received and inspected at 00:30 in Shanghai on 1 January by
        users in UTC: each date is 1 January (the dealer's day for the shipment,
        the OEM's for the receipt and the inspection)."""
        self.oem.autocrm_tz = "Asia/Shanghai"
        self._submitted_claim(self.advisor_a, self.vehicle_a, [(self.pump, 1, True)])
        part_return = self._return_with_outstanding(self.advisor_a)
        with freeze_time(FIRST_MINUTES):
            self._received(part_return)
            desk = part_return.with_user(self.oem_user)
            desk.line_ids.inspection_result = "defect_confirmed"
            desk.action_inspect()
        self.assertEqual(
            (
                part_return.ship_date,
                part_return.receive_date,
                part_return.inspect_date,
            ),
            (date(2028, 1, 1),) * 3,
        )

    def test_outstanding_days_follow_each_dealership_day(self):
        """The analysis counts the days since submission to each dealership's today
        when it is read: two dealers on either side of the date line (UTC+14 and
        UTC-11) who submitted on the same day are 1 or 2 days apart, and only the
        one whose day is later is past a return period between them."""
        claim_a = self._submitted_claim(
            self.advisor_a, self.vehicle_a, [(self.pump, 1, True)]
        )
        claim_b = self._submitted_claim(
            self.advisor_b, self.vehicle_b, [(self.pump, 1, True)]
        )
        self.dealer_a.autocrm_tz = "Pacific/Kiritimati"
        self.dealer_b.autocrm_tz = "Pacific/Pago_Pago"
        day_a, day_b = self._db_day(self.dealer_a), self._db_day(self.dealer_b)
        self.assertIn((day_a - day_b).days, (1, 2))
        submitted = min(day_a, day_b).replace(day=1)
        (claim_a | claim_b).sudo().submitted_date = submitted
        days_a, days_b = (day_a - submitted).days, (day_b - submitted).days
        self.env["ir.config_parameter"].set_param(
            "autocrm_warranty.part_return_days", str(days_b)
        )
        self.env.flush_all()
        rows = self.env["autocrm.part.return.report.outstanding"].search(
            [("claim_id", "in", (claim_a | claim_b).ids)]
        )
        by_claim = {row.claim_id: row for row in rows}
        self.assertEqual(by_claim[claim_a].days_outstanding, days_a)
        self.assertEqual(by_claim[claim_b].days_outstanding, days_b)
        self.assertTrue(by_claim[claim_a].overdue)
        self.assertFalse(by_claim[claim_b].overdue)
