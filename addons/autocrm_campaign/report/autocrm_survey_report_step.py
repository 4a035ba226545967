from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.autocrm_customer.models.res_company import DEFAULT_TZ

from ..models.survey_question import SATISFACTION_STEPS


class AutocrmSurveyReportStep(models.Model):
    """Satisfaction per step (SSI and CSI) per dealership and month: one row per
    scored answer to a question tagged with its step; the score is the chosen
    answer's share of the best answer's score, in %."""

    _name = "autocrm.survey.report.step"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "Satisfaction Score per Step"
    _auto = False
    _order = "date desc"
    _rec_name = "step"

    date = fields.Date(string="Answered On", readonly=True)
    company_id = fields.Many2one("res.company", string="Dealership", readonly=True)
    survey_id = fields.Many2one("survey.survey", string="Survey", readonly=True)
    survey_type = fields.Selection(
        [("ssi", "SSI"), ("csi", "CSI")], string="Index", readonly=True
    )
    step = fields.Selection(SATISFACTION_STEPS, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    score = fields.Float(string="Score (%)", readonly=True, aggregator="avg")
    low_count = fields.Integer(
        string="Low Scores",
        readonly=True,
        help="1 when the answer scored below the low-score threshold.",
    )

    @api.model
    def _select(self):
        return SQL(
            """
            line.id,
            -- the dealership's day of the answer, in its time zone
            (coalesce(answer.end_datetime, answer.create_date)
                 AT TIME ZONE 'UTC'
                 AT TIME ZONE coalesce(company.autocrm_tz, %(tz)s)
            )::date AS date,
            answer.autocrm_company_id AS company_id,
            answer.survey_id,
            survey.autocrm_survey_type AS survey_type,
            question.autocrm_step AS step,
            answer.partner_id,
            answer.id AS user_input_id,
            100.0 * line.answer_score / best.score AS score,
            (100.0 * line.answer_score / best.score
                < coalesce((SELECT value::float
                              FROM ir_config_parameter
                             WHERE key = %(param)s), 60))::int
                AS low_count
            """,
            param="autocrm_campaign.survey_low_score",
            tz=DEFAULT_TZ,
        )

    @api.model
    def _from(self):
        return SQL(
            """
            survey_user_input_line line
            JOIN survey_user_input answer ON answer.id = line.user_input_id
            JOIN res_company company ON company.id = answer.autocrm_company_id
            JOIN survey_survey survey ON survey.id = answer.survey_id
            JOIN survey_question question ON question.id = line.question_id
            JOIN LATERAL (
                  SELECT max(choice.answer_score) AS score
                    FROM survey_question_answer choice
                   WHERE choice.question_id = question.id
                 ) best ON best.score > 0
            """
        )

    @api.model
    def _where(self):
        return SQL(
            """
            answer.state = 'done'
            AND NOT answer.test_entry
            AND answer.autocrm_company_id IS NOT NULL
            AND survey.autocrm_survey_type IS NOT NULL
            AND question.autocrm_step IS NOT NULL
            AND NOT line.skipped
            """
        )
