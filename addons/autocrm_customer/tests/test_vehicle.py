from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import VIN_A, VIN_B, AutocrmCase


@tagged("post_install", "-at_install")
class TestVehicle(AutocrmCase):
    def _vehicle(self, vin, **vals):
        return self.env["autocrm.vehicle"].create(
            {"vin": vin, "model_id": self.sedan.id, **vals}
        )

    def _done_visit(self, vehicle, visit_type, visit_date, odometer, user=None):
        repair = (
            self.env["repair.order"]
            .with_user(user or self.advisor_a)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "visit_type": visit_type,
                    "visit_date": visit_date,
                    "odometer": odometer,
                }
            )
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def test_vin_rules_each_say_what_failed(self):
        cases = {
            VIN_B[:16]: "has 17 characters",
            VIN_B[:16] + "O": "without I, O",
            VIN_B[:9] + "U" + VIN_B[10:]: "not a model-year code",
            "LTEX9K8M2SD765432": "check digit at position 9",
        }
        for vin, message in cases.items():
            with (
                self.subTest(vin=vin),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._vehicle(vin)

    def test_vin_stored_upper_case_and_decoded(self):
        vehicle = self._vehicle(" lteX9k8m1sd765432 ")
        self.assertEqual(vehicle.vin, VIN_B)
        self.assertEqual(vehicle.model_year, 2025)
        self.assertEqual(vehicle.vin_country, "China")

    def test_vin_unique_across_the_database(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self._vehicle(VIN_A.lower())

    def test_odometer_is_latest_reading_and_average_pace(self):
        Reading = self.env["autocrm.odometer.reading"].with_user(self.advisor_a)
        Reading.create(
            {"vehicle_id": self.vehicle_a.id, "date": "2025-02-01", "value": 1550}
        )
        Reading.create(
            {"vehicle_id": self.vehicle_a.id, "date": "2025-03-02", "value": 3000}
        )
        self.assertEqual(self.vehicle_a.odometer, 3000)
        self.assertEqual(self.vehicle_a.odometer_date, date(2025, 3, 2))
        # 3,000 km in the 60 days since the sale
        self.assertAlmostEqual(self.vehicle_a.avg_km_per_day, 50.0)
        # 10,000 km at 50 km a day comes 140 days after the last reading, before
        # the 12 months of the interval
        self.assertEqual(self.vehicle_a.next_service_date, date(2025, 7, 20))

    def test_lower_reading_refused_for_dealer_correction_by_oem(self):
        Reading = self.env["autocrm.odometer.reading"]
        Reading.with_user(self.advisor_a).create(
            {"vehicle_id": self.vehicle_a.id, "date": "2025-06-01", "value": 8000}
        )
        with self.assertRaisesRegex(ValidationError, "turn the odometer back"):
            Reading.with_user(self.advisor_a).create(
                {"vehicle_id": self.vehicle_a.id, "date": "2025-07-01", "value": 800}
            )
        with self.assertRaisesRegex(ValidationError, "Only OEM users"):
            Reading.with_user(self.advisor_a).create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "date": "2025-07-01",
                    "value": 800,
                    "is_rollback_correction": True,
                }
            )
        correction = Reading.with_user(self.oem_user).create(
            {
                "vehicle_id": self.vehicle_a.id,
                "date": "2025-07-01",
                "value": 800,
                "is_rollback_correction": True,
                "note": "Instrument cluster replaced",
            }
        )
        self.assertTrue(correction.is_rollback_correction)
        self.assertEqual(self.vehicle_a.odometer, 800)

    def test_visit_records_reading_and_first_maintenance(self):
        self.assertFalse(self.vehicle_a.first_maintenance_used)
        repair = self._done_visit(
            self.vehicle_a, "first_maintenance", "2025-04-01", 4200
        )
        self.assertEqual(self.vehicle_a.odometer, 4200)
        self.assertEqual(self.vehicle_a.odometer_reading_ids.repair_id, repair)
        self.assertTrue(self.vehicle_a.first_maintenance_used)
        self.assertEqual(self.vehicle_a.last_service_date, date(2025, 4, 1))
        self.assertEqual(self.vehicle_a.repair_count, 1)

    def test_repair_form_fills_owner_and_odometer_from_vehicle(self):
        self.env["autocrm.odometer.reading"].create(
            {"vehicle_id": self.vehicle_a.id, "date": "2025-02-01", "value": 1234}
        )
        with Form(self.env["repair.order"].with_user(self.advisor_a)) as form:
            form.vehicle_id = self.vehicle_a
            self.assertEqual(form.partner_id, self.customer_a)
            self.assertEqual(form.odometer, 1234)

    def test_visit_revenue_is_confirmed_quotation_untaxed(self):
        part = self.env["product.product"].create(
            {"name": "Oil filter", "type": "consu", "list_price": 100.0, "taxes_id": []}
        )
        repair = (
            self.env["repair.order"]
            .with_company(self.dealer_a)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": part.id,
                                "product_uom_qty": 2,
                                "repair_line_type": "add",
                            }
                        )
                    ],
                }
            )
        )
        repair.action_create_sale_order()
        self.assertEqual(repair.autocrm_revenue, 0, "a quotation is no revenue yet")
        repair.sale_order_id.action_confirm()
        self.assertEqual(repair.autocrm_revenue, repair.sale_order_id.amount_untaxed)
        self.assertEqual(repair.autocrm_revenue, 200.0)
