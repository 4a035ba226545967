from odoo.tests import tagged

from .common import AutocrmCase

UNUSED_APPS = {"sale.sale_menu_root", "stock.menu_stock_root", "crm.crm_menu_root"}


@tagged("post_install", "-at_install")
class TestAppMenu(AutocrmCase):
    """The app menu of dealer and OEM staff: After-Sales CRM first, opening their
    own work, without the stock apps whose rights they need but whose screens they
    do not use; the administrator keeps every app."""

    def _apps(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return menus, [menus[i]["xmlid"] for i in menus["root"]["children"]]

    def test_dealer_staff_see_their_app_first_and_not_the_unused_ones(self):
        for user in (self.advisor_a, self.manager_a, self.oem_user):
            with self.subTest(user=user.login):
                menus, apps = self._apps(user)
                self.assertEqual(apps[0], "autocrm_customer.menu_root")
                self.assertFalse(UNUSED_APPS & set(apps), apps)
                # nor any of their sub-menus
                self.assertFalse(
                    {m["xmlid"] for k, m in menus.items() if k != "root"}
                    & {"sale.menu_sale_quotations", "stock.menu_stock_warehouse_mgmt"}
                )

    def test_the_app_opens_the_users_own_work(self):
        menus, _apps = self._apps(self.advisor_a)
        app = self.env.ref("autocrm_customer.menu_root")
        followups = self.env.ref("autocrm_customer.autocrm_followup_action")
        self.assertEqual(
            menus[app.id]["action"], f"ir.actions.act_window,{followups.id}"
        )

    def test_administrator_keeps_every_app(self):
        _menus, apps = self._apps(self.env.ref("base.user_admin"))
        self.assertLessEqual(UNUSED_APPS, set(apps))

    def test_a_sales_manager_keeps_sales(self):
        self.advisor_a.groups_id += self.env.ref("sales_team.group_sale_manager")
        _menus, apps = self._apps(self.advisor_a)
        self.assertIn("sale.sale_menu_root", apps)
        self.assertNotIn("stock.menu_stock_root", apps)
