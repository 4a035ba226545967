from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestFirstMaintenance(WarrantyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle_a.sale_date = cls.today - timedelta(days=60)
        cls.oil = cls.env["product.product"].create(
            {"name": "Engine oil 4 L", "type": "consu", "list_price": 300.0}
        )

    def _visit(self, odometer=4000, form="FM-0001", user=None, vehicle=None):
        vehicle = vehicle or self.vehicle_a
        user = user or self.advisor_a
        repair = (
            self.env["repair.order"]
            .with_user(user)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "visit_type": "first_maintenance",
                    "odometer": odometer,
                    "first_service_form_number": form,
                    "customer_words": "Check the brakes too.",
                }
            )
        )
        repair.action_validate()
        repair.action_repair_start()
        return repair

    def test_first_maintenance_drafts_claim(self):
        repair = self._visit()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertTrue(self.vehicle_a.first_service_done)
        self.assertEqual(self.vehicle_a.first_service_repair_id, repair)
        claim = repair.warranty_claim_ids
        self.assertEqual(claim.claim_type, "first_maintenance")
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.company_id, self.dealer_a)
        self.assertEqual(claim.odometer, 4000)
        self.assertEqual(claim.customer_words, "Check the brakes too.")
        self.assertEqual(
            claim.labour_line_ids.operation_id,
            self.env.ref("autocrm_warranty.labour_operation_first_maintenance"),
        )
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "autocrm_warranty.report_first_service_form", repair.ids
        )[0]
        self.assertIn(b"FM-0001", html)
        self.assertIn(b"Dealer copy", html)

    def test_any_dealer_may_do_it(self):
        self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(
            self.vehicle_a.vin
        )
        repair = self._visit(user=self.advisor_b)
        repair.action_repair_end()
        self.assertTrue(self.vehicle_a.first_service_done)
        self.assertEqual(repair.warranty_claim_ids.company_id, self.dealer_b)

    def test_not_eligible(self):
        """The workshop closes the order; no claim is drafted and a note (and the
        Register button) says why."""
        self.vehicle_a.sale_date = self.today - timedelta(days=250)
        repair = self._visit(odometer=4500, form="FM-0002")
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertFalse(repair.warranty_claim_ids)
        self.assertFalse(self.vehicle_a.first_service_done)
        self.assertIn("within 6 months", repair.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "within 6 months"):
            repair.action_register_first_service()
        self.vehicle_a.sale_date = self.today - timedelta(days=60)
        repair = self._visit(odometer=6000)
        repair.action_repair_end()
        with self.assertRaisesRegex(
            UserError, "reads 6000 km: the free first maintenance ends at 5000 km"
        ):
            repair.action_register_first_service()
        self.assertFalse(self.vehicle_a.first_service_done)

    def test_low_mileage_is_still_free(self):
        """Issue 11: 2,000 km in five months, below the recommended 3,000 km: the
        first maintenance is free all the same (whichever of 6 months or 5,000 km
        comes first)."""
        self.vehicle_a.sale_date = self.today - timedelta(days=150)
        repair = self._visit(odometer=2000)
        repair.action_repair_end()
        self.assertTrue(self.vehicle_a.first_service_done)
        claim = repair.warranty_claim_ids
        self.assertEqual(claim.claim_type, "first_maintenance")
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")

    def test_months_and_km_limits(self):
        """Free up to and including the 5,000th km and the due day, not past
        either; the visits checked in the order of their readings."""
        sale = self.today - timedelta(days=200)
        self.vehicle_a.sale_date = sale
        due = sale + relativedelta(months=6)
        self.assertEqual(self.vehicle_a.first_service_due_date, due)
        self.assertEqual(self.vehicle_a.first_service_km_max, 5000)
        on_due = self._visit(odometer=1500, form="FM-0010")
        on_due.visit_date = due
        self.assertIsNone(on_due._first_service_problem())
        after_due = self._visit(odometer=1600, form="FM-0011")
        after_due.visit_date = due + timedelta(days=1)
        self.assertRegex(
            after_due._first_service_problem(),
            r"was due within 6 months, by .* \(or 5000 km",
        )
        self.vehicle_a.sale_date = self.today - timedelta(days=60)
        at_limit = self._visit(odometer=5000, form="FM-0012")
        self.assertIsNone(at_limit._first_service_problem())
        past_limit = self._visit(odometer=5001, form="FM-0013")
        self.assertRegex(
            past_limit._first_service_problem(), "reads 5001 km: .* ends at 5000 km"
        )
        self.assertFalse(self.vehicle_a.first_service_done)

    def test_only_once_and_form_number_later(self):
        repair = self._visit(form=False)
        repair.action_repair_end()
        self.assertFalse(repair.warranty_claim_ids)
        with self.assertRaisesRegex(UserError, "two-part"):
            repair.action_register_first_service()
        repair.first_service_form_number = "FM-0003"
        repair.action_register_first_service()
        self.assertEqual(repair.warranty_claim_ids.claim_type, "first_maintenance")
        self.assertTrue(self.vehicle_a.first_service_done)
        with self.assertRaisesRegex(UserError, "already registered"):
            repair.action_register_first_service()
        again = self._visit(odometer=4800, form="FM-0004")
        again.action_repair_end()
        self.assertFalse(again.warranty_claim_ids)
        with self.assertRaisesRegex(UserError, "already had its free first"):
            again.action_register_first_service()

    def test_form_number_unique(self):
        self._visit(form="FM-0005")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self._visit(form="FM-0005")
