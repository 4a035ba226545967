from odoo.tests import Form, tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantyViews(WarrantyCase):
    def test_screens_open_for_dealer_and_reviewer(self):
        """Every view of the claims, settlements and analyses loads, and the
        records read, for a dealer's staff and for a claims reviewer."""
        claim = self._claim()
        claim.action_submit()
        views = {
            "autocrm.warranty.claim": ["list", "form", "kanban", "search", "pivot"],
            "autocrm.warranty.settlement": ["list", "form", "search"],
            "autocrm.warranty.claim.report": ["pivot", "graph", "list", "search"],
            "autocrm.vehicle": ["form", "list", "search"],
            "repair.order": ["form"],
        }
        for user in (self.advisor_a, self.reviewer):
            for model, types in views.items():
                Model = self.env[model].with_user(user)
                result = Model.get_views([(False, view_type) for view_type in types])
                self.assertEqual(set(result["views"]), set(types))
            fields = list(
                self.env["autocrm.warranty.claim"]
                .with_user(user)
                .get_views([(False, "form")])["models"]["autocrm.warranty.claim"][
                    "fields"
                ]
            )
            claim.with_user(user).read(fields)
            vehicle_fields = list(
                self.env["autocrm.vehicle"]
                .with_user(user)
                .get_views([(False, "form")])["models"]["autocrm.vehicle"]["fields"]
            )
            self.vehicle_a.with_user(user).read(vehicle_fields)

    def test_form_fills_lines_as_the_ui_does(self):
        with Form(self.Claim.with_user(self.advisor_a)) as form:
            form.vehicle_id = self.vehicle_a
            form.repair_date = self.today
            form.odometer = 21000
            form.causal_part_id = self.pump
            with form.labour_line_ids.new() as line:
                line.operation_id = self.operation
            with form.part_line_ids.new() as line:
                line.product_id = self.pump
        claim = form.save()
        self.assertEqual(claim.partner_id, self.customer_a)
        self.assertEqual(claim.labour_line_ids.hours, 2.0)
        self.assertEqual(claim.part_line_ids.unit_price, 800.0)
        self.assertEqual(claim.amount_claimed, 1040.0)
