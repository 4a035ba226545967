from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    autocrm_churn_at_risk_months = fields.Integer(
        string="At Risk After (months)",
        default=9,
        help="A customer without a done visit at the dealership for more than this "
        "many months gets a retention case, at risk.",
    )
    autocrm_churn_lost_months = fields.Integer(
        string="Lost After (months)",
        default=18,
        help="A customer without a done visit at the dealership for more than this "
        "many months is lost: the retention case becomes a win-back case.",
    )
    autocrm_retention_user_id = fields.Many2one(
        "res.users",
        string="Retention Staff",
        domain="[('share', '=', False), ('company_ids', 'in', id)]",
        help="Who is assigned the retention cases found for this dealership when the "
        "service advisor of the customer's last visit is gone; when empty, the "
        "follow-up staff, else the first dealer manager.",
    )

    @api.constrains("autocrm_churn_at_risk_months", "autocrm_churn_lost_months")
    def _check_autocrm_churn_months(self):
        for company in self:
            at_risk = company.autocrm_churn_at_risk_months
            lost = company.autocrm_churn_lost_months
            if at_risk < 1 or lost <= at_risk:
                raise ValidationError(
                    self.env._(
                        "%(company)s: a customer is at risk after at least one month "
                        "without a visit, and lost later than at risk (now %(at_risk)s "
                        "and %(lost)s months).",
                        company=company.name,
                        at_risk=at_risk,
                        lost=lost,
                    )
                )
