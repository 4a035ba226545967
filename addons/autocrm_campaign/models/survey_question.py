from odoo import fields, models

SSI_STEPS = [
    ("ssi_reception", "SSI 1 · Reception"),
    ("ssi_test_drive", "SSI 2 · Test Drive"),
    ("ssi_delivery", "SSI 3 · Delivery and Payment"),
    ("ssi_promises", "SSI 4 · Sales Promises"),
    ("ssi_after_sale", "SSI 5 · After-sale Follow-up"),
    ("ssi_weekly", "SSI 6 · Weekly Follow-up"),
    ("ssi_feedback", "SSI 7 · Follow-through on Feedback"),
]
CSI_STEPS = [
    ("csi_invitation", "CSI 1 · Maintenance Invitation"),
    ("csi_reception", "CSI 2 · Courteous Reception"),
    ("csi_quote", "CSI 3 · Clear Quote"),
    ("csi_waiting", "CSI 4 · Waiting"),
    ("csi_delivery", "CSI 5 · Settlement and Delivery"),
    ("csi_quality", "CSI 6 · Repair Quality"),
]
SATISFACTION_STEPS = SSI_STEPS + CSI_STEPS


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    autocrm_step = fields.Selection(
        SATISFACTION_STEPS,
        string="Satisfaction Step",
        index="btree_not_null",
        help="The step of the sales (SSI) or service (CSI) process this question "
        "scores.",
    )
