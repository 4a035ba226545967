from odoo import api, fields, models


class AutocrmWarrantyLabourRate(models.Model):
    _name = "autocrm.warranty.labour.rate"
    _description = "Warranty Labour Rate per Dealer Grade"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "dealer_grade"
    _rec_name = "dealer_grade"
    _autocrm_ranges = {"rate": (0, None)}

    dealer_grade = fields.Selection(
        [(grade, grade) for grade in "ABCDEF"],
        required=True,
    )
    rate = fields.Monetary(
        string="Hourly Rate",
        required=True,
        help="What the OEM pays a dealership of this grade per warranty labour hour.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.ref("base.main_company").currency_id,
    )

    _sql_constraints = [
        (
            "grade_uniq",
            "unique(dealer_grade)",
            "Each dealer grade has one labour rate.",
        ),
        ("rate_positive", "CHECK(rate >= 0)", "A labour rate cannot be negative."),
    ]

    @api.model
    def _rate_for(self, company):
        """The hourly warranty rate of the dealership ``company`` (0 without one)."""
        # as superuser: the rate table is the OEM's; only the matching rate is used
        rate = self.sudo().search(
            [("dealer_grade", "=", company.dealer_grade)], limit=1
        )
        return rate.rate
