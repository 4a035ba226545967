from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import SettingsMixin

from .common import WarrantyCase

PREAUTH_PARAM = "autocrm_warranty.preauthorisation_amount"
RETURN_DAYS_PARAM = "autocrm_warranty.part_return_days"


@tagged("post_install", "-at_install")
class TestWarrantySettings(SettingsMixin, WarrantyCase):
    """The pre-authorisation amount set by the administrator in Settings, as the
    claims read it (a test claim asks for 1,140)."""

    def test_saving_settings_keeps_the_oem_price_list(self):
        pricelist = self.env.ref("autocrm_warranty.pricelist_oem_warranty")
        settings = self.Settings.create({})
        self.assertTrue(settings.group_product_pricelist)
        settings.execute()
        self.assertTrue(pricelist.active)
        self.assertEqual(self._claim().part_line_ids[0].unit_price, 800.0)

    def test_settings_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_warranty"], ["zh_CN"])
        Settings = self.Settings.with_context(lang="zh_CN")
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for term in ("保修索赔", "主机厂预授权", "金额超过 "):
            self.assertIn(term, arch)
        with self.assertRaisesRegex(ValidationError, "不能为负数"):
            Settings.create({"autocrm_preauthorisation_amount": -1})

    def test_amount_stored_read_back_and_followed(self):
        self.assertEqual(
            self.Settings.create({}).autocrm_preauthorisation_amount, 10000
        )
        self.assertFalse(self._claim().preauthorisation_required)
        self._save(autocrm_preauthorisation_amount=1000)
        self.assertEqual(float(self.Params.get_param(PREAUTH_PARAM)), 1000.0)
        self.assertEqual(self.Settings.create({}).autocrm_preauthorisation_amount, 1000)
        claim = self._claim()
        self.assertEqual(claim.amount_claimed, 1140.0)
        self.assertTrue(claim.preauthorisation_required)

    def test_zero_means_no_preauthorisation(self):
        """Odoo stores a numeric setting of 0 as no parameter, which reads back as
        the default (10,000): 0 stays 0, no claim needs a pre-authorisation."""
        self._save(autocrm_preauthorisation_amount=0)
        self.assertEqual(self.Params.get_param(PREAUTH_PARAM), "0")
        self.assertEqual(self.Settings.create({}).autocrm_preauthorisation_amount, 0)
        claim = self._claim(
            labour_line_ids=[],
            part_line_ids=[
                Command.create({"product_id": self.pump.id, "quantity": 20})
            ],
        )
        self.assertGreater(claim.amount_claimed, 10000)
        self.assertFalse(claim.preauthorisation_required)
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")

    def test_negative_amount_refused(self):
        with self.assertRaisesRegex(ValidationError, "pre-authorisation cannot be"):
            self._save(autocrm_preauthorisation_amount=-1)
        self.assertEqual(float(self.Params.get_param(PREAUTH_PARAM)), 10000.0)

    def test_part_return_days_zero_is_kept(self):
        """The used-part return period, the module's other setting, keeps 0 too."""
        self._save(autocrm_part_return_days=0)
        self.assertEqual(
            self.Params.get_param("autocrm_warranty.part_return_days"), "0"
        )
        self.assertEqual(self.Settings.create({}).autocrm_part_return_days, 0)
