import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.autocrm_customer.tests.common import VIN_A, VIN_B, make_vin

from .test_campaign import CampaignCase


@tagged("post_install", "-at_install")
class TestRecall(CampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # produced before they were sold, whatever day the tests run
        cls.vehicle_a.production_date = "2024-11-15"
        cls.vehicle_b.write(
            {"sale_date": "2025-04-01", "production_date": "2025-03-01"}
        )
        cls.vehicle_a2.write(  # another model
            {"sale_date": "2024-12-01", "production_date": "2024-11-20"}
        )
        cls.recall = (
            cls.env["autocrm.recall"]
            .with_user(cls.oem_user)
            .create(
                {
                    "name": "Fuel pump replacement",
                    "model_ids": [Command.set(cls.sedan.ids)],
                    "production_date_from": "2024-10-01",
                    "production_date_to": "2024-12-31",
                }
            )
        )

    def _visit_of(self, user, vehicle, visit_type):
        repair = (
            self.env["repair.order"]
            .with_user(user)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "visit_type": visit_type,
                }
            )
        )
        return repair

    def _finish(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()

    def test_by_model_and_production_range(self):
        self.recall.action_add_vehicles_by_range()
        line = self.recall.vehicle_line_ids
        self.assertEqual(line.vehicle_id, self.vehicle_a)
        self.assertEqual(line.company_id, self.dealer_a)
        self.assertEqual(line.state, "open")
        self.recall.action_add_vehicles_by_range()
        self.assertEqual(len(self.recall.vehicle_line_ids), 1, "no duplicate")

    def test_by_vin_list(self):
        unknown = make_vin(999, prefix="LVAL1B2C")
        wizard = (
            self.env["autocrm.recall.import.vin"]
            .with_user(self.oem_user)
            .create(
                {
                    "recall_id": self.recall.id,
                    "vin_text": f"VIN\n{VIN_A.lower()}, {unknown}; LTEA1B2C0RD000124",
                    "vin_file": base64.b64encode(f"{VIN_B}\r\n".encode()),
                }
            )
        )
        wizard.action_import()
        self.assertEqual(
            set(self.recall.vehicle_line_ids.vehicle_id.ids),
            {self.vehicle_a.id, self.vehicle_b.id},
        )
        self.assertIn("1 unknown, 1 invalid", self.recall.message_ids[0].body)

    def test_dealer_cannot_manage_recalls(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.recall"].with_user(self.advisor_a).create(
                {"name": "Mine"}
            )
        self.recall.action_add_vehicles_by_range()
        line = self.recall.vehicle_line_ids.with_user(self.advisor_a)
        line.action_notified()
        self.assertEqual(line.state, "notified")
        with self.assertRaises(UserError):
            line.write({"state": "done"})
        with self.assertRaises(UserError):
            line.write({"company_id": self.dealer_b.id})

    def test_done_recall_visit_closes_the_vehicle(self):
        self.recall.action_add_vehicles_by_range()
        self.recall.action_open()
        line = self.recall.vehicle_line_ids
        maintenance = self._visit_of(self.advisor_a, self.vehicle_a, "maintenance")
        self._finish(maintenance)
        self.assertEqual(line.state, "open", "only a recall visit closes a recall")
        visit = self._visit_of(self.advisor_a, self.vehicle_a, "recall")
        self._finish(visit)
        self.assertEqual(line.state, "done")
        self.assertEqual(line.repair_id, visit)
        self.assertEqual(self.recall.completion_rate, 100.0)
        self.assertEqual(self.vehicle_a.open_recall_count, 0)

    def test_open_recall_shows_at_another_dealership(self):
        self.recall.action_add_vehicles_by_range()
        self.recall.action_open()
        Line = self.env["autocrm.recall.vehicle"].with_user(self.advisor_b)
        self.env.flush_all()
        self.env.invalidate_all()
        # dealer B does not know the vehicle yet: no recall line either
        self.assertFalse(Line.search([]))
        with self.assertRaises(AccessError):
            Line.browse(self.recall.vehicle_line_ids.id).read(["state"])
        vehicle = (
            self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(VIN_A)
        )
        self.assertEqual(vehicle.open_recall_count, 1)
        self.assertEqual(vehicle.open_recall_names, "Fuel pump replacement")
        # the warning shows on the new repair order's form as soon as the vehicle
        # is chosen
        form = Form(self.env["repair.order"].with_user(self.advisor_b))
        form.vehicle_id = vehicle
        self.assertEqual(form.autocrm_open_recall_names, "Fuel pump replacement")
        repair = self._visit_of(self.advisor_b, vehicle, "maintenance")
        self.assertEqual(repair.autocrm_open_recall_names, "Fuel pump replacement")
        self.assertEqual(Line.search([]).vehicle_id, self.vehicle_a)
        oem_lines = self.env["autocrm.recall.vehicle"].with_user(self.oem_user)
        self.assertEqual(
            oem_lines.search([("recall_id", "=", self.recall.id)]),
            self.recall.vehicle_line_ids,
        )
        # done at dealer B with a recall visit: closed for everyone
        recall_visit = self._visit_of(self.advisor_b, vehicle, "recall")
        self._finish(recall_visit)
        self.assertEqual(self.recall.vehicle_line_ids.state, "done")
        self.assertEqual(self.recall.vehicle_line_ids.done_company_id, self.dealer_b)
        self.assertFalse(repair.autocrm_open_recall_names)
