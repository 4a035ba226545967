from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import VIN_A, VIN_B, AutocrmCase


@tagged("post_install", "-at_install")
class TestVehicleAccess(AutocrmCase):
    def _fresh(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def test_other_dealer_neither_finds_nor_reads_vehicle_or_owner(self):
        self._fresh()
        Vehicle = self.env["autocrm.vehicle"].with_user(self.advisor_b)
        self.assertFalse(Vehicle.search([("vin", "ilike", VIN_A[:8])]))
        self.assertFalse(Vehicle.search([("partner_id.name", "=", "Customer A")]))
        with self.assertRaises(AccessError):
            Vehicle.browse(self.vehicle_a.id).read(["vin"])
        with self.assertRaises(AccessError):
            self.customer_a.with_user(self.advisor_b).read(["phone", "email"])

    def test_lookup_by_exact_vin_shares_vehicle_and_owner(self):
        """An unknown car arrives at dealer B: its full VIN finds it, adds dealer B
        to its dealerships, and B then sees the vehicle, its owner's phone, and can
        open a visit for them. B still sees no other customer of dealer A."""
        Vehicle = self.env["autocrm.vehicle"].with_user(self.advisor_b)
        self.assertFalse(Vehicle.lookup_by_vin(VIN_A[:16]))
        found = Vehicle.lookup_by_vin(VIN_A.lower())
        self.assertEqual(found, self.vehicle_a)
        self._fresh()
        self.assertIn(self.dealer_b, self.vehicle_a.dealer_ids)
        self.assertEqual(Vehicle.search([("vin", "=", VIN_A)]), self.vehicle_a)
        self.assertEqual(
            self.customer_a.with_user(self.advisor_b).read(["phone"])[0]["phone"],
            "13900000001",
        )
        other = self.env["res.partner"].create(
            {"name": "Other of A", "company_id": self.dealer_a.id}
        )
        self._fresh()
        with self.assertRaises(AccessError):
            other.with_user(self.advisor_b).read(["name"])
        repair = (
            self.env["repair.order"]
            .with_user(self.advisor_b)
            .create({"vehicle_id": self.vehicle_a.id, "partner_id": self.customer_a.id})
        )
        self.assertEqual(repair.company_id, self.dealer_b)

    def test_visit_needs_the_vehicle_known_at_the_dealership(self):
        with self.assertRaisesRegex(AccessError, "find it by its VIN first"):
            self.env["repair.order"].with_user(self.advisor_b).create(
                {"vehicle_id": self.vehicle_a.id}
            )

    def test_dealer_visits_stay_private_to_the_dealership(self):
        """Dealer B serves the shared vehicle; dealer A does not see B's visit."""
        self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(VIN_A)
        repair_b = (
            self.env["repair.order"]
            .with_user(self.advisor_b)
            .create({"vehicle_id": self.vehicle_a.id, "partner_id": self.customer_a.id})
        )
        self._fresh()
        self.assertFalse(
            self.env["repair.order"]
            .with_user(self.advisor_a)
            .search([("id", "=", repair_b.id)])
        )
        self.assertIn(repair_b, self.vehicle_a.with_user(self.oem_user).repair_ids)

    def test_oem_sees_every_vehicle(self):
        self._fresh()
        Vehicle = self.env["autocrm.vehicle"].with_user(self.oem_user)
        self.assertEqual(Vehicle.search([("vin", "=", VIN_A)]), self.vehicle_a)

    def test_dealer_creates_vehicle_for_own_dealership(self):
        vehicle = (
            self.env["autocrm.vehicle"]
            .with_user(self.advisor_b)
            .create(
                {
                    "vin": VIN_B,
                    "model_id": self.sedan.id,
                    "partner_id": self.customer_b.id,
                }
            )
        )
        self.assertEqual(vehicle.dealer_ids, self.dealer_b)
        self.assertEqual(vehicle.selling_dealer_id, self.dealer_b)
