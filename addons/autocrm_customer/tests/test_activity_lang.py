from odoo.tests import tagged

from .test_followup import FollowupCase


@tagged("post_install", "-at_install")
class TestActivityInAssigneeLanguage(FollowupCase):
    """The activities the nightly jobs create read in their assignee's language,
    not in the cron's (English)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["autocrm_customer"], ["zh_CN"])
        cls.advisor_a.lang = "zh_CN"
        cls.dealer_a.autocrm_followup_user_id = cls.advisor_a
        cls.manager_b = cls._dealer_user(
            "manager_b", cls.dealer_b, "autocrm_customer.group_dealer_manager"
        )
        cls.manager_b.lang = "en_US"
        cls.advisor_b.lang = "zh_CN"
        cls.followup_type = cls.env.ref("autocrm_customer.mail_activity_type_followup")

    def test_generated_follow_up_activity_in_assignee_language(self):
        vehicle_a = self._vehicle(7)
        vehicle_b = self._vehicle(7, dealer=self.dealer_b, partner=self.customer_b)
        # the cron's user (OdooBot) works in English
        self.Followup.with_context(lang="en_US")._cron_followup_generate()
        activity_a = self._followups(vehicle_a).activity_ids
        activity_b = self._followups(vehicle_b).activity_ids
        self.assertEqual(activity_a.user_id, self.advisor_a)
        self.assertEqual(activity_a.summary, "回访客户")
        self.assertEqual(activity_b.user_id, self.manager_b)
        self.assertEqual(activity_b.summary, "Follow up with the customer")

    def test_own_summary_kept_default_summary_translated(self):
        """A manager working in English schedules for a Chinese-speaking colleague:
        the type's default summary is translated, a summary they wrote is not."""
        vehicle = self._vehicle(7, dealer=self.dealer_b, partner=self.customer_b)
        self.Followup._cron_followup_generate()
        followup = self._followups(vehicle)
        scheduled = followup.with_user(self.manager_b).with_context(lang="en_US")
        default = scheduled.activity_schedule(
            "autocrm_customer.mail_activity_type_followup", user_id=self.advisor_b.id
        )
        own = scheduled.activity_schedule(
            "autocrm_customer.mail_activity_type_followup",
            summary="Ask about the noise",
            user_id=self.advisor_b.id,
        )
        self.assertEqual(default.summary, "回访客户")
        self.assertEqual(own.summary, "Ask about the noise")
