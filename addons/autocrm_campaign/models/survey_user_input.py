from collections import defaultdict

from odoo import api, fields, models

from .survey_question import SATISFACTION_STEPS

LOW_SCORE_PARAM = "autocrm_campaign.survey_low_score"
DEFAULT_LOW_SCORE = 60.0
FOLLOWUP_TYPES = {"ssi": "post_sale", "csi": "post_service"}


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    autocrm_company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        index="btree_not_null",
        help="The dealership whose sale or service the customer rates.",
    )
    autocrm_vehicle_id = fields.Many2one(
        "autocrm.vehicle", string="Vehicle", index="btree_not_null"
    )
    autocrm_repair_id = fields.Many2one(
        "repair.order", string="Visit", index="btree_not_null"
    )
    autocrm_followup_id = fields.Many2one(
        "autocrm.followup",
        string="Follow-up",
        readonly=True,
        help="Opened when the answer scored low.",
    )

    def _mark_done(self):
        res = super()._mark_done()
        self._autocrm_open_low_score_followups()
        return res

    @api.model
    def _autocrm_low_score(self):
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(LOW_SCORE_PARAM, DEFAULT_LOW_SCORE)
        )

    def _autocrm_step_scores(self):
        """{answer: {step: score in %}} from the chosen answers' scores."""
        scores = defaultdict(lambda: defaultdict(list))
        for line in self.user_input_line_ids.filtered("question_id.autocrm_step"):
            question = line.question_id
            best = max(question.suggested_answer_ids.mapped("answer_score") or [0])
            if best > 0:
                scores[line.user_input_id][question.autocrm_step].append(
                    100.0 * line.answer_score / best
                )
        return {
            answer: {step: sum(values) / len(values) for step, values in steps.items()}
            for answer, steps in scores.items()
        }

    def _autocrm_open_low_score_followups(self):
        """An SSI or CSI answer scoring below the threshold, overall or on any
        step, opens a follow-up of its dealership for the customer."""
        answers = self.filtered(
            lambda a: a.survey_id.autocrm_survey_type
            and a.autocrm_company_id
            and a.partner_id
            and not a.autocrm_followup_id
            and not a.test_entry
        )
        if not answers:
            return
        threshold = self._autocrm_low_score()
        step_labels = dict(SATISFACTION_STEPS)
        step_scores = answers._autocrm_step_scores()
        vals_list, low_answers = [], []
        for answer in answers:
            steps = step_scores.get(answer, {})
            low_steps = [step for step, score in steps.items() if score < threshold]
            if answer.scoring_percentage >= threshold and not low_steps:
                continue
            notes = self.env._(
                "%(survey)s scored %(score)s %%.",
                survey=answer.survey_id.title,
                score=round(answer.scoring_percentage),
            )
            if low_steps:
                notes += "\n" + self.env._(
                    "Low steps: %(steps)s",
                    steps=", ".join(
                        f"{step_labels[s]} ({round(steps[s])} %)" for s in low_steps
                    ),
                )
            vals_list.append(
                {
                    "partner_id": answer.partner_id.id,
                    "vehicle_id": answer.autocrm_vehicle_id.id,
                    "company_id": answer.autocrm_company_id.id,
                    "user_id": answer.autocrm_repair_id.user_id.id or False,
                    "followup_type": FOLLOWUP_TYPES[
                        answer.survey_id.autocrm_survey_type
                    ],
                    # today at the answer's dealership, in its time zone
                    "due_date": answer.autocrm_company_id._autocrm_today(),
                    "notes": notes,
                    "res_model": self._name,
                    "res_id": answer.id,
                }
            )
            low_answers.append(answer)
        if not vals_list:
            return
        # as superuser: the customer submits the answer from the public survey page
        followups = self.env["autocrm.followup"].sudo().create(vals_list)
        for answer, followup in zip(low_answers, followups, strict=True):
            answer.sudo().autocrm_followup_id = followup

    @api.model
    def _autocrm_invite(self, survey, invitations):
        """Create an answer of ``survey`` for each invitation (a dict of partner,
        company, vehicle and repair) and e-mail the link to those with an
        address."""
        # as superuser: dealer staff have no rights on the Surveys app; the
        # answer only names the customer and the vehicle or visit the user works on
        survey = survey.sudo()
        answers = self.sudo()
        for invitation in invitations:
            if not invitation["partner"]:
                continue
            answers |= survey._create_answer(
                partner=invitation["partner"],
                check_attempts=False,
                autocrm_company_id=invitation["company"].id,
                autocrm_vehicle_id=invitation["vehicle"].id,
                autocrm_repair_id=invitation.get("repair", self.env["repair.order"]).id,
            )
        template = self.env.ref("survey.mail_template_user_input_invite")
        with_email = answers.filtered(lambda a: a.partner_id.email)
        if with_email:
            template.sudo().send_mail_batch(with_email.ids)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s survey invitations created, %(mailed)s e-mailed.",
                    count=len(answers),
                    mailed=len(with_email),
                ),
            },
        }
