from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.autocrm_customer.models.autocrm_vehicle import vin_problem


@tagged("post_install", "-at_install")
class TestChineseInterface(TransactionCase):
    def test_app_and_errors_in_chinese(self):
        """A dealer working in Chinese sees the app as 汽车售后, and the VIN rules
        answer in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_customer"], ["zh_CN"])
        menu = self.env.ref("autocrm_customer.menu_root").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "汽车售后")
        env_zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertIn("17", vin_problem(env_zh, "ABC"))
        self.assertNotIn("characters", vin_problem(env_zh, "ABC"))
