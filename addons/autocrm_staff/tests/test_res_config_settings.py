from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import SettingsMixin

from .common import StaffCase

WARNING_DAYS_PARAM = "autocrm_staff.work_plan_warning_days"


@tagged("post_install", "-at_install")
class TestStaffSettings(SettingsMixin, StaffCase):
    """The behind-plan warning set by the administrator in Settings, as the work
    plans read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # below its minimum, ending in 10 days: not yet behind with the default 7
        cls.plan = cls.env["autocrm.work.plan"].create(
            {
                "name": "Follow-ups",
                "plan_type": "followup",
                "company_id": cls.dealer_a.id,
                "user_id": cls.advisor_a.id,
                "date_start": cls._day(-10),
                "date_end": cls._day(10),
                "target_count": 10,
                "minimum_count": 8,
            }
        )

    def _save(self, **values):
        result = super()._save(**values)
        self.plan.invalidate_recordset()
        return result

    def test_settings_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_staff"], ["zh_CN"])
        Settings = self.Settings.with_context(lang="zh_CN")
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for term in ("计划落后提醒", "售后人员", "工作计划"):
            self.assertIn(term, arch)
        with self.assertRaisesRegex(ValidationError, "不能是 -1 天"):
            Settings.create({"autocrm_work_plan_warning_days": -1})

    def test_warning_days_stored_read_back_and_followed(self):
        self.assertEqual(self.Settings.create({}).autocrm_work_plan_warning_days, 7)
        self.assertFalse(self.plan.is_behind)
        self._save(autocrm_work_plan_warning_days=14)
        self.assertEqual(self.Params.get_param(WARNING_DAYS_PARAM), "14")
        self.assertEqual(self.Settings.create({}).autocrm_work_plan_warning_days, 14)
        self.assertTrue(self.plan.is_behind)
        Plan = self.env["autocrm.work.plan"]
        self.assertIn(self.plan, Plan.search([("is_behind", "=", True)]))

    def test_zero_warning_days_is_kept(self):
        self._save(autocrm_work_plan_warning_days=0)
        self.assertEqual(self.Params.get_param(WARNING_DAYS_PARAM), "0")
        self.assertEqual(self.Settings.create({}).autocrm_work_plan_warning_days, 0)
        self.plan.date_end = self._day(1)
        self.assertFalse(self.plan.is_behind, "flagged on its last day only")
        self.plan.date_end = self._day(0)
        self.assertTrue(self.plan.is_behind)

    def test_negative_warning_days_refused(self):
        with self.assertRaisesRegex(
            ValidationError, r"flagged 0 to 365 days before its end, not -1\."
        ):
            self._save(autocrm_work_plan_warning_days=-1)
        self.assertEqual(self.Params.get_param(WARNING_DAYS_PARAM), "7")
