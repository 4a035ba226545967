from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    autocrm_survey_type = fields.Selection(
        [
            ("ssi", "Sales Satisfaction (SSI)"),
            ("csi", "Service Satisfaction (CSI)"),
        ],
        string="Satisfaction Index",
        index="btree_not_null",
        help="SSI is sent after a sale, CSI after a done workshop visit; their "
        "scores are analysed per step, dealership and month.",
    )
