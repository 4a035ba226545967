from odoo import api, models

APP_MENU = "autocrm_customer.menu_root"
# Odoo's own apps the suite runs on that dealer and OEM staff do not work in (their
# rights are needed: repair orders are the visits, quotations their amounts), each
# with the group whose members still see it
HIDDEN_APPS = {
    "crm.crm_menu_root": "sales_team.group_sale_manager",
    "sale.sale_menu_root": "sales_team.group_sale_manager",
    "stock.menu_stock_root": "stock.group_stock_manager",
    "repair.menu_repair_order": "stock.group_stock_manager",
    "spreadsheet_dashboard.spreadsheet_dashboard_menu_root": "base.group_system",
    "base.menu_management": "base.group_system",
}


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def load_menus(self, debug):
        """The After-Sales CRM app opens each user's own work directly: the web
        client receives the window action of ``res.users._autocrm_home_action_xmlid``
        as the app's action. The menu's own action (``action_autocrm_home``, a
        server action returning the same) would first ask the server which screen
        to open, and a menu clicked meanwhile would be replaced by that screen.
        Odoo's apps the user does not work in are left out."""
        menus = super().load_menus(debug)
        app = self.env.ref(APP_MENU, raise_if_not_found=False)
        if not app or app.id not in menus:
            return menus
        menus = self._autocrm_hide_unused_apps(menus)
        action = self.env.ref(
            self.env.user._autocrm_home_action_xmlid(), raise_if_not_found=False
        )
        if not action:
            return menus
        # the cached menus are shared: change a copy
        menus = dict(menus)
        menus[app.id] = dict(menus[app.id], action=f"{action._name},{action.id}")
        return menus

    @api.model
    def _autocrm_hide_unused_apps(self, menus):
        """The app menu of dealer and OEM staff without Odoo's own apps they do not
        work in (``HIDDEN_APPS``): Sales, CRM, Inventory, Repairs, Dashboards. An
        administrator, or a member of the app's managing group, keeps it."""
        user = self.env.user
        if user.has_group("base.group_system") or not (
            user.has_group("autocrm_customer.group_dealer_user")
            or user.has_group("autocrm_customer.group_oem_user")
        ):
            return menus
        hidden = set()
        for xmlid, keeper in HIDDEN_APPS.items():
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu and menu.id in menus and not user.has_group(keeper):
                hidden.add(menu.id)
        if not hidden:
            return menus
        root = dict(menus["root"])
        root["children"] = [i for i in root["children"] if i not in hidden]
        return {
            key: value
            for key, value in {**menus, "root": root}.items()
            if key == "root" or value.get("app_id") not in hidden
        }
