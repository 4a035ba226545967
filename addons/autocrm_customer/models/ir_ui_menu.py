from odoo import api, models

APP_MENU = "autocrm_customer.menu_root"


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def load_menus(self, debug):
        """The After-Sales CRM app opens each user's own work directly: the web
        client receives the window action of ``res.users._autocrm_home_action_xmlid``
        as the app's action. The menu's own action (``action_autocrm_home``, a
        server action returning the same) would first ask the server which screen
        to open, and a menu clicked meanwhile would be replaced by that screen."""
        menus = super().load_menus(debug)
        app = self.env.ref(APP_MENU, raise_if_not_found=False)
        if not app or app.id not in menus:
            return menus
        action = self.env.ref(
            self.env.user._autocrm_home_action_xmlid(), raise_if_not_found=False
        )
        if not action:
            return menus
        # the cached menus are shared: change a copy
        menus = dict(menus)
        menus[app.id] = dict(menus[app.id], action=f"{action._name},{action.id}")
        return menus
