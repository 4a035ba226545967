from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import SettingsMixin

from .retention_common import ChurnCase
from .test_campaign import CampaignCase

LOW_SCORE_PARAM = "autocrm_campaign.survey_low_score"
SSI_PARAM = "autocrm_campaign.ssi_auto_invite"
CSI_PARAM = "autocrm_campaign.csi_auto_invite"
ACTIVITY_DAYS_PARAM = "autocrm_campaign.churn_activity_days"


@tagged("post_install", "-at_install")
class TestSurveySettings(SettingsMixin, CampaignCase):
    """The survey settings set by the administrator in Settings, as the answers
    and invitations read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.csi = cls.env.ref("autocrm_campaign.survey_csi")
        cls.ssi = cls.env.ref("autocrm_campaign.survey_ssi")
        cls.visit = cls._done_visits(
            cls.dealer_a,
            [cls._visit(cls.customer_a, 0, cls._days_ago(1), cls.vehicle_a)],
        )

    def _invite_csi(self):
        self.visit.with_user(self.advisor_a).action_send_csi_survey()
        return self.env["survey.user_input"].search(
            [("autocrm_repair_id", "=", self.visit.id)]
        )

    def _answer(self, answer, scores):
        """Every question answered with the choice scoring ``scores[step]`` (100 by
        default), then submitted."""
        for question in answer.survey_id.question_ids:
            score = scores.get(question.autocrm_step, 100)
            choice = question.suggested_answer_ids.filtered(
                lambda c, s=score: c.answer_score == s
            )
            answer._save_lines(question, choice.id)
        answer._mark_done()

    def test_settings_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["autocrm_campaign"], ["zh_CN"])
        Settings = self.Settings.with_context(lang="zh_CN")
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for term in ("售后营销活动", "满意度调查", "客户挽留", "挽留电话"):
            self.assertIn(term, arch)
        field = Settings.fields_get(["autocrm_ssi_auto_invite"])
        self.assertEqual(
            field["autocrm_ssi_auto_invite"]["string"], "邀请购车客户参加 SSI 调查"
        )
        with self.assertRaisesRegex(ValidationError, "不能是 101"):
            Settings.create({"autocrm_survey_low_score": 101})

    def test_low_score_stored_read_back_and_followed(self):
        self.assertEqual(self.Settings.create({}).autocrm_survey_low_score, 60)
        self._save(autocrm_survey_low_score=90)
        self.assertEqual(self.Params.get_param(LOW_SCORE_PARAM), "90")
        self.assertEqual(self.Settings.create({}).autocrm_survey_low_score, 90)
        self.assertEqual(self.env["survey.user_input"]._autocrm_low_score(), 90.0)
        # 80 % on one step: good with the default 60, low below 90
        answer = self._invite_csi()
        self._answer(answer, {"csi_waiting": 80})
        self.assertTrue(answer.autocrm_followup_id)

    def test_zero_low_score_is_kept(self):
        self._save(autocrm_survey_low_score=0)
        self.assertEqual(self.Params.get_param(LOW_SCORE_PARAM), "0")
        self.assertEqual(self.Settings.create({}).autocrm_survey_low_score, 0)
        answer = self._invite_csi()
        self._answer(answer, {"csi_waiting": 0})
        self.assertFalse(answer.autocrm_followup_id, "no answer is low below 0")

    def test_low_score_out_of_range_refused(self):
        for score in (-1, 101):
            with self.assertRaisesRegex(
                ValidationError, rf"percentage from 0 to 100, not {score}\."
            ):
                self._save(autocrm_survey_low_score=score)
        self.assertEqual(self.Params.get_param(LOW_SCORE_PARAM), "60")

    def test_automatic_invitations_switched_in_settings(self):
        self.assertFalse(self.Settings.create({}).autocrm_csi_auto_invite)
        self._save(autocrm_csi_auto_invite=True, autocrm_ssi_auto_invite=True)
        self.assertEqual(self.Params.get_param(CSI_PARAM), "True")
        self.assertEqual(self.Params.get_param(SSI_PARAM), "True")
        settings = self.Settings.create({})
        self.assertTrue(settings.autocrm_csi_auto_invite)
        self.assertTrue(settings.autocrm_ssi_auto_invite)
        visit = self._done_visits(
            self.dealer_a,
            [self._visit(self.customer_a, 0, self._days_ago(0), self.vehicle_a)],
        )
        self.assertEqual(visit.sudo().autocrm_survey_input_ids.survey_id, self.csi)
        self.vehicle_b.sale_date = False
        self.vehicle_b.sale_date = self._days_ago(1)
        Answer = self.env["survey.user_input"]
        ssi = Answer.search([("autocrm_vehicle_id", "=", self.vehicle_b.id)])
        self.assertEqual(ssi.survey_id, self.ssi)

        self._save(autocrm_csi_auto_invite=False, autocrm_ssi_auto_invite=False)
        self.assertFalse(self.Params.get_param(CSI_PARAM))
        self.assertFalse(self.Params.get_param(SSI_PARAM))
        later = self._done_visits(
            self.dealer_a,
            [self._visit(self.customer_a, 0, self._days_ago(0), self.vehicle_a)],
        )
        self.assertFalse(later.sudo().autocrm_survey_input_ids)


@tagged("post_install", "-at_install")
class TestRetentionSettings(SettingsMixin, ChurnCase):
    """The retention call window set by the administrator in Settings, as the
    churn detection reads it."""

    def test_activity_days_stored_read_back_and_followed(self):
        self.assertEqual(self.Settings.create({}).autocrm_churn_activity_days, 30)
        self._save(autocrm_churn_activity_days=5)
        self.assertEqual(self.Params.get_param(ACTIVITY_DAYS_PARAM), "5")
        self.assertEqual(self.Settings.create({}).autocrm_churn_activity_days, 5)
        self.assertEqual(self.Case._churn_activity_days(), 5)
        today = date(2027, 6, 15)
        edge = self._customer("Edge Customer")
        past = self._customer("Past the Edge Customer")
        self._visit(edge, today - timedelta(days=5) - relativedelta(months=9))
        self._visit(past, today - timedelta(days=6) - relativedelta(months=9))
        with freeze_time("2027-06-15 04:00:00"):  # noon in Shanghai
            self.Case._cron_churn_detect()
        self.assertTrue(self._cases(edge).activity_ids)
        self.assertTrue(self._cases(past))
        self.assertFalse(self._cases(past).activity_ids)

    def test_negative_activity_days_refused(self):
        with self.assertRaisesRegex(
            ValidationError, r"ran out 0 to 365 days before, not -1\."
        ):
            self._save(autocrm_churn_activity_days=-1)
        self.assertFalse(self.Params.get_param(ACTIVITY_DAYS_PARAM))
        self.assertEqual(self.Case._churn_activity_days(), 30)
