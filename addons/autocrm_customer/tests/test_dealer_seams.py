from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import VIN_A, VIN_B, AutocrmCase


@tagged("post_install", "-at_install")
class TestDealerSeams(AutocrmCase):
    """What dealer B's user may write about dealer A's vehicle and customer, and
    the values anyone may write (autocrm.dealer.mixin)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Vehicle = cls.env["autocrm.vehicle"]
        Vehicle.with_user(cls.advisor_b).lookup_by_vin(VIN_A)  # B serves A's car
        cls.vehicle_b = Vehicle.create(
            {
                "vin": VIN_B,
                "model_id": cls.sedan.id,
                "sale_date": "2025-03-01",
                "selling_dealer_id": cls.dealer_b.id,
                "dealer_ids": [Command.set(cls.dealer_b.ids)],
                "partner_id": cls.customer_b.id,
            }
        )
        cls.reading_a = cls.env["autocrm.odometer.reading"].create(
            {
                "vehicle_id": cls.vehicle_a.id,
                "value": 1000,
                "date": "2025-02-01",
                "company_id": cls.dealer_a.id,
            }
        )

    def test_links_to_records_the_user_cannot_read_are_refused(self):
        # a customer of A's without a vehicle shared with B
        customer_a = self.env["res.partner"].create(
            {"name": "Customer A2", "company_id": self.dealer_a.id}
        )
        with self.assertRaisesRegex(AccessError, "not a customer of Dealer B"):
            self.vehicle_b.with_user(self.advisor_b).partner_id = customer_a
        with self.assertRaisesRegex(AccessError, "not a customer of Dealer B"):
            self.env["res.partner"].with_user(self.advisor_b).create(
                {"name": "Spouse", "parent_id": customer_a.id}
            )
        with self.assertRaises(AccessError):
            self.customer_b.with_user(self.advisor_b).company_id = self.dealer_a
        self.assertEqual(self.vehicle_b.partner_id, self.customer_b)
        self.assertEqual(self.customer_b.company_id, self.dealer_b)

    def test_serving_dealer_does_not_rewrite_the_sellers_vehicle(self):
        vehicle = self.vehicle_a.with_user(self.advisor_b)
        self.assertFalse(vehicle.autocrm_can_edit)
        for vals in (
            {"dealer_ids": [Command.unlink(self.dealer_a.id)]},
            {"sale_date": "2024-01-01"},
            {"selling_dealer_id": self.dealer_b.id},
            {"active": False},
            {"license_plate": "沪Z·99999"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                vehicle.write(vals)
        with self.assertRaises(AccessError):
            self.vehicle_a.with_user(self._manager_b()).unlink()
        self.assertEqual(self.vehicle_a.dealer_ids, self.dealer_a | self.dealer_b)
        self.assertEqual(str(self.vehicle_a.sale_date), "2025-01-01")
        # the seller changes its own car's data, but not who sees it
        own = self.vehicle_a.with_user(self.advisor_a)
        self.assertTrue(own.autocrm_can_edit)
        own.license_plate = "京A·00002"
        with self.assertRaises(AccessError):
            own.dealer_ids = [Command.unlink(self.dealer_b.id)]

    def _manager_b(self):
        return self._dealer_user(
            "manager_b", self.dealer_b, "autocrm_customer.group_dealer_manager"
        )

    def test_serving_dealer_adds_readings_but_keeps_off_the_others(self):
        Reading = self.env["autocrm.odometer.reading"].with_user(self.advisor_b)
        own = Reading.create(
            {"vehicle_id": self.vehicle_a.id, "value": 5000, "date": self.today}
        )
        self.assertEqual(own.company_id, self.dealer_b)
        theirs = self.reading_a.with_user(self.advisor_b)
        with self.assertRaises(AccessError):
            theirs.value = 1
        with self.assertRaises(AccessError):
            theirs.unlink()
        self.assertEqual(self.reading_a.value, 1000)

    def test_lookup_takes_only_a_whole_valid_vin(self):
        Vehicle = self.env["autocrm.vehicle"].with_user(self.advisor_b)
        for vin in (f"{VIN_B}%", f"{VIN_B}X", VIN_B[:16], 12345, None):
            with self.subTest(vin=vin):
                self.assertFalse(Vehicle.lookup_by_vin(vin))
        self.assertEqual(Vehicle.lookup_by_vin(f" {VIN_B.lower()} "), self.vehicle_b)

    def test_dates_in_order(self):
        Vehicle = self.env["autocrm.vehicle"].with_user(self.advisor_a)
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            Vehicle.create(
                {
                    "vin": "LVAL1B2C3SD000042",
                    "model_id": self.sedan.id,
                    "sale_date": self.today + timedelta(days=1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "production date"):
            self.vehicle_a.production_date = "2025-02-01"
        with self.assertRaisesRegex(ValidationError, "before the vehicle's sale"):
            self.env["repair.order"].with_user(self.advisor_a).create(
                {"vehicle_id": self.vehicle_a.id, "visit_date": "2024-12-31"}
            )
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.env["autocrm.odometer.reading"].with_user(self.advisor_a).create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "value": 9000,
                    "date": self.today + timedelta(days=1),
                }
            )

    def test_numbers_selections_and_dates_are_checked_before_writing(self):
        Reading = self.env["autocrm.odometer.reading"].with_user(self.advisor_a)
        for vals, message in (
            ({"value": 10**12}, "between 0 and 2000000"),
            ({"value": 2_000_001}, "between 0 and 2000000"),
            ({"value": "abc"}, "must be a number"),
            ({"value": 1.5}, "whole number"),
            ({"value": 3000, "date": "9999-12-31"}, "not a plausible date"),
            ({"value": 3000, "date": "31/12/2025"}, "not a date"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                Reading.create({"vehicle_id": self.vehicle_a.id, **vals})
        repair = self.env["repair.order"].with_user(self.advisor_a)
        with self.assertRaisesRegex(ValidationError, "not one of its choices"):
            repair.create({"vehicle_id": self.vehicle_a.id, "visit_type": "spa_day"})
        with self.assertRaisesRegex(ValidationError, "between 0 and 2000000"):
            repair.create({"vehicle_id": self.vehicle_a.id, "odometer": -5})

    def test_other_dealers_staff_and_visits_stay_theirs(self):
        repair_a = (
            self.env["repair.order"]
            .with_company(self.dealer_a)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "odometer": 2000,
                }
            )
        )
        reading = self.env["autocrm.odometer.reading"].search(
            [("repair_id", "=", repair_a.id)]
        )
        [seen] = reading.with_user(self.advisor_b).read(["value", "repair_id"])
        self.assertEqual((seen["value"], seen["repair_id"]), (2000, False))
        [seen] = reading.with_user(self.advisor_a).read(["repair_id"])
        self.assertEqual(seen["repair_id"][0], repair_a.id)
        [staff] = self.advisor_a.with_user(self.advisor_b).read(
            ["name", "login", "email"]
        )
        self.assertEqual((staff["login"], staff["email"]), (False, False))
        self.assertTrue(staff["name"])

    def test_owner_shows_only_the_vehicles_the_user_sees(self):
        self.env["autocrm.vehicle"].create(
            {
                "vin": "LVAL1B2C3SD000042",
                "model_id": self.sedan.id,
                "selling_dealer_id": self.dealer_a.id,
                "dealer_ids": [Command.set(self.dealer_a.ids)],
                "partner_id": self.customer_a.id,
            }
        )
        self.env.invalidate_all()
        [owner] = self.customer_a.with_user(self.advisor_b).read(["vehicle_ids"])
        self.assertEqual(owner["vehicle_ids"], self.vehicle_a.ids)
