from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .test_campaign import CampaignCase


@tagged("post_install", "-at_install")
class TestSatisfactionSurvey(CampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.csi = cls.env.ref("autocrm_campaign.survey_csi")
        cls.ssi = cls.env.ref("autocrm_campaign.survey_ssi")
        cls.visit = cls._done_visits(
            cls.dealer_a,
            [cls._visit(cls.customer_a, 0, cls._days_ago(1), cls.vehicle_a)],
        )

    def _answer(self, answer, scores):
        """Answer every question with the choice scoring ``scores[step]`` (100 by
        default) and submit."""
        for question in answer.survey_id.question_ids:
            score = scores.get(question.autocrm_step, 100)
            choice = question.suggested_answer_ids.filtered(
                lambda c, s=score: c.answer_score == s
            )
            answer._save_lines(question, choice.id)
        answer._mark_done()

    def _invite_csi(self):
        self.visit.with_user(self.advisor_a).action_send_csi_survey()
        return self.env["survey.user_input"].search(
            [("autocrm_repair_id", "=", self.visit.id)]
        )

    def test_templates_have_their_steps(self):
        self.assertEqual(len(self.ssi.question_ids), 7)
        self.assertEqual(len(self.csi.question_ids), 6)
        self.assertEqual(
            len(set(self.csi.question_ids.mapped("autocrm_step"))), 6, "one per step"
        )

    def test_invitation_after_a_done_visit(self):
        answer = self._invite_csi()
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.partner_id, self.customer_a)
        self.assertEqual(answer.autocrm_company_id, self.dealer_a)
        self.assertEqual(answer.autocrm_vehicle_id, self.vehicle_a)

    def test_low_step_score_opens_a_followup(self):
        answer = self._invite_csi()
        # 5 steps at 100, waiting at 0: 83 % overall, but one step is low
        self._answer(answer, {"csi_waiting": 0})
        followup = answer.autocrm_followup_id
        self.assertTrue(followup)
        self.assertEqual(followup.followup_type, "post_service")
        self.assertEqual(followup.company_id, self.dealer_a)
        self.assertEqual(
            (followup.res_model, followup.res_id), (answer._name, answer.id)
        )
        self.assertIn("CSI 4", followup.notes)

    def test_low_score_at_midnight_is_dated_by_the_dealership(self):
        """An answer submitted at 15:30 UTC is of 2027-12-31 in Shanghai, one at
        16:30 UTC of 2028-01-01: the follow-up is due, and the report dates the
        answer, on that day."""
        late = self._invite_csi()
        with freeze_time("2027-12-31 15:30:00"):
            self._answer(late, {"csi_waiting": 0})
        early = self._invite_csi() - late
        with freeze_time("2027-12-31 16:30:00"):
            self._answer(early, {"csi_waiting": 0})
        self.assertEqual(late.autocrm_followup_id.due_date, date(2027, 12, 31))
        self.assertEqual(early.autocrm_followup_id.due_date, date(2028, 1, 1))
        self.env.flush_all()
        Report = self.env["autocrm.survey.report.step"].with_user(self.advisor_a)
        rows = Report.search(
            [("user_input_id", "in", (late | early).ids), ("step", "=", "csi_waiting")]
        )
        self.assertEqual(
            {row.user_input_id: row.date for row in rows},
            {late: date(2027, 12, 31), early: date(2028, 1, 1)},
        )

    def test_good_score_opens_no_followup(self):
        answer = self._invite_csi()
        self._answer(answer, {"csi_waiting": 80})
        self.assertFalse(answer.autocrm_followup_id)

    def test_low_ssi_opens_a_post_sale_followup(self):
        self.vehicle_a.with_user(self.advisor_a).action_send_ssi_survey()
        answer = self.env["survey.user_input"].search(
            [("survey_id", "=", self.ssi.id), ("partner_id", "=", self.customer_a.id)]
        )
        self._answer(
            answer,
            dict.fromkeys(answer.survey_id.question_ids.mapped("autocrm_step"), 30),
        )
        self.assertEqual(answer.autocrm_followup_id.followup_type, "post_sale")

    def test_step_report_per_dealer(self):
        answer = self._invite_csi()
        self._answer(answer, {"csi_waiting": 0, "csi_quote": 60})
        self.env.flush_all()
        Report = self.env["autocrm.survey.report.step"].with_user(self.advisor_a)
        groups = dict(
            Report._read_group([("survey_type", "=", "csi")], ["step"], ["score:avg"])
        )
        self.assertEqual(groups["csi_waiting"], 0.0)
        self.assertEqual(groups["csi_quote"], 60.0)
        self.assertEqual(groups["csi_quality"], 100.0)
        row = Report.search([("step", "=", "csi_waiting")])
        self.assertEqual(row.company_id, self.dealer_a)
        self.assertEqual(row.low_count, 1)
        ReportB = self.env["autocrm.survey.report.step"].with_user(self.advisor_b)
        self.env.invalidate_all()
        self.assertFalse(ReportB.search([]))
        with self.assertRaises(AccessError):
            ReportB.browse(row.id).read(["score"])
        ReportOem = self.env["autocrm.survey.report.step"].with_user(self.oem_user)
        self.assertEqual(ReportOem.search([("id", "=", row.id)]).score, 0.0)

    def test_automatic_csi_invitation_when_enabled(self):
        self.env["ir.config_parameter"].set_param(
            "autocrm_campaign.csi_auto_invite", "True"
        )
        visit = self._done_visits(
            self.dealer_a,
            [self._visit(self.customer_a, 0, self._days_ago(0), self.vehicle_a)],
        )
        answer = visit.sudo().autocrm_survey_input_ids
        self.assertEqual(answer.survey_id, self.csi)
        self.assertEqual(answer.autocrm_company_id, self.dealer_a)
        self.assertFalse(
            self.visit.sudo().autocrm_survey_input_ids,
            "visits done before it was enabled are not invited",
        )

    def test_automatic_ssi_invitation_when_enabled(self):
        self.env["ir.config_parameter"].set_param(
            "autocrm_campaign.ssi_auto_invite", "True"
        )
        self.vehicle_b.sale_date = False
        self.vehicle_b.sale_date = self._days_ago(1)
        answer = self.env["survey.user_input"].search(
            [("autocrm_vehicle_id", "=", self.vehicle_b.id)]
        )
        self.assertEqual(answer.survey_id, self.ssi)
        self.assertEqual(answer.partner_id, self.customer_b)
        self.assertEqual(answer.autocrm_company_id, self.dealer_b)
