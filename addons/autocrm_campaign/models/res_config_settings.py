from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .autocrm_retention_case import ACTIVITY_DAYS_PARAM, DEFAULT_ACTIVITY_DAYS
from .autocrm_vehicle import SSI_AUTO_INVITE_PARAM
from .repair_order import CSI_AUTO_INVITE_PARAM
from .survey_user_input import DEFAULT_LOW_SCORE, LOW_SCORE_PARAM

# a case detected more than a year after its delay ran out gets no activity anyway:
# the customer is long gone
MAX_ACTIVITY_DAYS = 365


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    autocrm_survey_low_score = fields.Integer(
        string="Low Satisfaction Score (%)",
        config_parameter=LOW_SCORE_PARAM,
        default=int(DEFAULT_LOW_SCORE),
        help="An SSI or CSI answer scoring below this percentage, overall or on any "
        "step, opens a follow-up of the dealership for the customer; the "
        "satisfaction analysis counts it as low. 0: no answer is low.",
    )
    autocrm_ssi_auto_invite = fields.Boolean(
        string="Invite Buyers to the SSI Survey",
        config_parameter=SSI_AUTO_INVITE_PARAM,
        help="The owner of every newly sold vehicle (a sale date set) is invited to "
        "the sales satisfaction (SSI) survey at once, without the button.",
    )
    autocrm_csi_auto_invite = fields.Boolean(
        string="Invite Customers to the CSI Survey",
        config_parameter=CSI_AUTO_INVITE_PARAM,
        help="The customer of every done workshop visit is invited to the service "
        "satisfaction (CSI) survey at once, without the button.",
    )
    autocrm_churn_activity_days = fields.Integer(
        string="Retention Call for Cases Lapsed Within (days)",
        config_parameter=ACTIVITY_DAYS_PARAM,
        default=DEFAULT_ACTIVITY_DAYS,
        help="A new retention case whose delay (at risk or lost) ran out in this "
        "many days before it is detected gets a Retention Call activity for its "
        "responsible; older ones, from a first run over years of history, wait in "
        "the kanban without one. 0: only cases whose delay runs out that day.",
    )

    @api.constrains("autocrm_survey_low_score")
    def _check_autocrm_survey_low_score(self):
        for settings in self:
            if not 0 <= settings.autocrm_survey_low_score <= 100:
                raise ValidationError(
                    self.env._(
                        "The low satisfaction score is a percentage from 0 to 100, "
                        "not %(score)s.",
                        score=settings.autocrm_survey_low_score,
                    )
                )

    @api.constrains("autocrm_churn_activity_days")
    def _check_autocrm_churn_activity_days(self):
        for settings in self:
            if not 0 <= settings.autocrm_churn_activity_days <= MAX_ACTIVITY_DAYS:
                raise ValidationError(
                    self.env._(
                        "A retention case gets its call when its delay ran out 0 to "
                        "%(max)s days before, not %(days)s.",
                        max=MAX_ACTIVITY_DAYS,
                        days=settings.autocrm_churn_activity_days,
                    )
                )
