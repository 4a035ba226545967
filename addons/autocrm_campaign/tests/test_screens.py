from odoo import Command
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


@tagged("post_install", "-at_install")
class TestCampaignScreens(AutocrmCase):
    """Every screen of the campaign, recall and satisfaction menus opens for a
    dealer's staff and manager and for the OEM, as the web client loads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an OEM user works in every dealership of the network (the demo's too)
        dealers = cls.env["res.company"].search([("autocrm_role", "!=", False)])
        cls.oem_user.company_ids = [Command.link(dealer.id) for dealer in dealers]

    def test_screens_open(self):
        menus = self.env["ir.ui.menu"].search(
            [
                ("id", "child_of", self.env.ref("autocrm_campaign.menu_campaign").id),
                ("action", "=like", "ir.actions.act_window,%"),
            ]
        )
        self.assertGreaterEqual(len(menus), 6)
        for user in (self.advisor_a, self.manager_a, self.oem_user):
            for menu in menus.with_user(user)._filter_visible_menus():
                with self.subTest(user=user.login, menu=menu.name):
                    action = menu.action
                    model = self.env[action.res_model].with_user(user)
                    views = [[False, kind] for kind in action.view_mode.split(",")]
                    model.get_views(views, {"toolbar": True, "load_filters": True})
                    model.web_search_read(
                        domain=[], specification={"display_name": {}}, limit=80
                    )

    def test_vehicle_and_repair_forms_open(self):
        for user in (self.advisor_a, self.oem_user):
            for model in ("autocrm.vehicle", "repair.order"):
                with self.subTest(user=user.login, model=model):
                    self.env[model].with_user(user).get_views([[False, "form"]])
            self.env["autocrm.vehicle"].with_user(user).browse(self.vehicle_a.id).read(
                ["open_recall_count", "open_recall_names", "age_years"]
            )
