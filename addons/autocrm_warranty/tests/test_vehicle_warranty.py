from datetime import timedelta

from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestVehicleWarranty(WarrantyCase):
    def test_state_by_time_and_mileage(self):
        vehicle = self.vehicle_a
        vehicle.sale_date = self.today - timedelta(days=100)
        self.assertEqual(vehicle.warranty_state, "active")
        self.assertEqual(vehicle.warranty_km_left, 100000)
        self.assertEqual(vehicle.first_service_km_max, 5000)
        vehicle_b = self.vehicle_b
        vehicle_b.sale_date = self.today - timedelta(days=4 * 365)
        self.assertEqual(vehicle_b.warranty_state, "expired_time")
        self.env["autocrm.odometer.reading"].create(
            {"vehicle_id": vehicle.id, "date": self.today, "value": 100500}
        )
        self.assertEqual(vehicle.warranty_state, "expired_km")
        Vehicle = self.env["autocrm.vehicle"]
        both = vehicle | vehicle_b
        self.assertEqual(
            Vehicle.search([("id", "in", both.ids), ("warranty_state", "=", "active")]),
            Vehicle,
        )
        self.assertEqual(
            Vehicle.search(
                [("id", "in", both.ids), ("warranty_state", "=", "expired_km")]
            ),
            vehicle,
        )
        self.assertEqual(
            Vehicle.search(
                [("id", "in", both.ids), ("warranty_state", "!=", "expired_km")]
            ),
            vehicle_b,
        )

    def test_model_policy_change_recomputes_end_date(self):
        self.vehicle_a.sale_date = "2025-01-10"
        self.assertEqual(str(self.vehicle_a.warranty_end_date), "2028-01-10")
        self.env["autocrm.warranty.policy"].create(
            {"name": "Sedan 5 years", "model_id": self.sedan.id, "warranty_months": 60}
        )
        self.assertEqual(str(self.vehicle_a.warranty_end_date), "2030-01-10")
