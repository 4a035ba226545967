from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AutocrmCase


@tagged("post_install", "-at_install")
class TestCompanyProvisioning(AutocrmCase):
    def test_dealer_is_ready_to_repair(self):
        """A new dealership has its warehouse (named by its dealer code), Repairs
        operation type and used-part location, and takes a repair order at once."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.dealer_a.id)]
        )
        self.assertEqual(warehouse.code, "TA01")
        self.assertTrue(warehouse.repair_type_id)
        location = self.dealer_a.autocrm_used_part_location_id
        self.assertEqual(location.usage, "internal")
        self.assertEqual(location.company_id, self.dealer_a)
        self.assertEqual(location.warehouse_id, warehouse)
        self.assertTrue(self.dealer_a.internal_transit_location_id)
        repair = (
            self.env["repair.order"]
            .with_user(self.advisor_a)
            .create({"partner_id": self.customer_a.id})
        )
        self.assertEqual(repair.picking_type_id, warehouse.repair_type_id)
        self.assertTrue(repair.name.startswith("TA01/RO/"))

    def test_role_set_later_provisions_too(self):
        company = self.env["res.company"].create({"name": "Plain Company"})
        self.assertFalse(company.autocrm_used_part_location_id)
        company.write({"autocrm_role": "dealer", "dealer_code": "PL01"})
        self.assertTrue(company.autocrm_used_part_location_id)
        self.assertEqual(
            self.env["stock.warehouse"].search_count([("company_id", "=", company.id)]),
            1,
        )

    def test_oem_has_claims_centre_location(self):
        location = self.oem.autocrm_used_part_location_id
        self.assertEqual(self.oem.autocrm_role, "oem")
        self.assertEqual(location.usage, "internal")
        self.assertEqual(location.company_id, self.oem)

    def test_dealer_code_required_and_unique(self):
        with self.assertRaisesRegex(ValidationError, "needs a dealer code"):
            self.env["res.company"].create(
                {"name": "No Code", "autocrm_role": "dealer"}
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["res.company"].create(
                    {"name": "Twin", "autocrm_role": "dealer", "dealer_code": "TA01"}
                )
