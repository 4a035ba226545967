from lxml import etree

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import AutocrmCase


def arch_of(model, view_type):
    """The view's architecture as the web client receives it."""
    views = model.get_views([[False, view_type]])
    return etree.fromstring(views["views"][view_type]["arch"])


@tagged("post_install", "-at_install")
class TestEmptyScreens(TransactionCase):
    def test_kanban_grouped_by_a_record_expands_its_groups(self):
        """Grouped by a many2one, a kanban without records shows neither columns
        nor its help (Odoo offers to create a column instead): a blank page. Each
        kanban of the suite grouped by default by a many2one must expand it."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("module", "=like", "autocrm%")]
        )
        views = (
            self.env["ir.ui.view"]
            .browse(data.mapped("res_id"))
            .filtered(lambda v: v.type == "kanban" and v.mode == "primary")
        )
        self.assertGreater(len(views), 5)
        for view in views:
            Model = self.env[view.model]
            arch = etree.fromstring(
                Model.get_views([[view.id, "kanban"]])["views"]["kanban"]["arch"]
            )
            group_by = arch.get("default_group_by")
            if not group_by:
                continue
            field = Model._fields[group_by]
            with self.subTest(view=view.xml_id, group_by=group_by):
                if field.type == "many2one":
                    self.assertTrue(field.group_expand)


@tagged("post_install", "-at_install")
class TestVehicleAndVisitScreens(AutocrmCase):
    def test_vehicle_list_reads_whole_and_unformatted(self):
        arch = arch_of(self.env["autocrm.vehicle"], "list")
        [model_year] = arch.xpath("//field[@name='model_year']")
        self.assertIn("'enable_formatting': false", model_year.get("options"))
        for name in ("odometer", "next_service_date"):
            with self.subTest(column=name):
                [column] = arch.xpath(f"//field[@name='{name}']")
                self.assertTrue(column.get("width"), "a width that fits its label")

    def test_vehicle_form_hides_what_the_vin_does_not_say(self):
        arch = arch_of(self.env["autocrm.vehicle"], "form")
        [model_year] = arch.xpath("//field[@name='model_year']")
        self.assertIn("'enable_formatting': false", model_year.get("options"))
        [maker] = arch.xpath("//field[@name='vin_maker']")
        self.assertEqual(maker.get("invisible"), "not vin_maker")
        # a maker the VIN library does not know is no maker, not its placeholder
        self.assertFalse(self.vehicle_a.vin_maker)

    def test_done_visit_shows_no_schedule(self):
        arch = arch_of(self.env["repair.order"], "list")
        [schedule] = arch.xpath("//field[@name='schedule_date']")
        self.assertEqual(schedule.get("invisible"), "state in ('done', 'cancel')")
        self.assertEqual(schedule.get("optional"), "hide")
