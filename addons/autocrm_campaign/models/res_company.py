from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the churn delays, in months: ten years at most
CHURN_MONTHS = ("autocrm_churn_at_risk_months", "autocrm_churn_lost_months")
CHURN_MONTHS_MAX = 120


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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_autocrm_churn_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_autocrm_churn_vals(vals)
        return super().write(vals)

    def _check_autocrm_churn_vals(self, vals):
        """Whole months from 1 to CHURN_MONTHS_MAX, refused before the database
        sees them (a number too large for its column would reach the user raw)."""
        for fname in CHURN_MONTHS:
            value = vals.get(fname)
            if fname not in vals or (
                isinstance(value, int)
                and not isinstance(value, bool)
                and 1 <= value <= CHURN_MONTHS_MAX
            ):
                continue
            raise ValidationError(
                self.env._(
                    "%(field)s is a whole number of months from 1 to %(max)s, not "
                    "%(value)s.",
                    field=self._fields[fname]._description_string(self.env),
                    max=CHURN_MONTHS_MAX,
                    value=value,
                )
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
