from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SettingsMixin
from .test_followup import FollowupCase

LOOKBACK_PARAM = "autocrm_customer.followup_lookback_days"


@tagged("post_install", "-at_install")
class TestFollowupSettings(SettingsMixin, FollowupCase):
    """The follow-up look-back set by the administrator in Settings, as the
    nightly job reads it."""

    def test_settings_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_customer"], ["zh_CN"])
        Settings = self.Settings.with_context(lang="zh_CN")
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for term in ("夜间回访的回溯期", "创建最近 ", "汽车售后"):
            self.assertIn(term, arch)
        with self.assertRaisesRegex(ValidationError, "回访回溯期为 0 至 365 天"):
            Settings.create({"autocrm_followup_lookback_days": -1})

    def test_look_back_stored_read_back_and_followed(self):
        due_20_days_ago = self._vehicle(7 + 20)
        self.assertEqual(self.Settings.create({}).autocrm_followup_lookback_days, 14)
        self._save(autocrm_followup_lookback_days=30)
        self.assertEqual(self.Params.get_param(LOOKBACK_PARAM), "30")
        self.assertEqual(self.Settings.create({}).autocrm_followup_lookback_days, 30)
        self.assertEqual(self.Followup._followup_lookback_days(), 30)
        self.Followup._cron_followup_generate()
        self.assertEqual(self._followups(due_20_days_ago).vehicle_id, due_20_days_ago)

    def test_zero_look_back_is_kept(self):
        """Odoo stores a numeric setting of 0 as no parameter, which reads back as
        the default (14): 0 stays 0, only what is due today is created."""
        due_today = self._vehicle(7)
        due_yesterday = self._vehicle(7 + 1)
        self._save(autocrm_followup_lookback_days=0)
        self.assertEqual(self.Params.get_param(LOOKBACK_PARAM), "0")
        self.assertEqual(self.Settings.create({}).autocrm_followup_lookback_days, 0)
        self.Followup._cron_followup_generate()
        self.assertEqual(
            self._followups(due_today | due_yesterday).vehicle_id, due_today
        )
        self._save(autocrm_followup_lookback_days=14)
        self.assertEqual(self.Params.get_param(LOOKBACK_PARAM), "14")

    def test_negative_or_too_long_look_back_refused(self):
        self._save(autocrm_followup_lookback_days=20)
        for days in (-1, 366):
            with self.assertRaisesRegex(
                ValidationError, rf"look-back is 0 to 365 days, not {days}\."
            ):
                self._save(autocrm_followup_lookback_days=days)
        self.assertEqual(self.Params.get_param(LOOKBACK_PARAM), "20")
