from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class AutocrmCustomerSwing(models.TransientModel):
    """Swings in visits and revenue per customer (业绩波动): the done visits and
    their revenue of each customer in two periods, side by side, with the service
    advisor who served the customer last. Read with the user's own rights: a
    dealer sees only its own visits."""

    _name = "autocrm.customer.swing"
    _description = "Customer Swing Analysis"

    @api.model
    def _default_dates(self):
        """The first day of the current month at the user's dealership, in its
        time zone: the defaults compare the two calendar months before it."""
        return self.env.company._autocrm_today().replace(day=1)

    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        domain="[('share', '=', False)]",
        help="Only this advisor's customers (by the visits they were responsible for).",
    )
    date_from_a = fields.Date(
        string="Earlier From",
        required=True,
        default=lambda self: self._default_dates() - relativedelta(months=2),
    )
    date_to_a = fields.Date(
        string="Earlier To",
        required=True,
        default=lambda self: self._default_dates() - relativedelta(months=1, days=1),
    )
    date_from_b = fields.Date(
        string="Later From",
        required=True,
        default=lambda self: self._default_dates() - relativedelta(months=1),
    )
    date_to_b = fields.Date(
        string="Later To",
        required=True,
        default=lambda self: self._default_dates() - relativedelta(days=1),
    )
    line_ids = fields.One2many("autocrm.customer.swing.line", "swing_id")

    def action_compute(self):
        self.ensure_one()
        if self.date_to_a < self.date_from_a or self.date_to_b < self.date_from_b:
            raise UserError(
                self.env._("Each period must end after it starts: correct the dates.")
            )
        self.line_ids.unlink()
        figures = defaultdict(lambda: defaultdict(float))
        advisor = {}
        Repair = self.env["repair.order"]
        for key, date_from, date_to in (
            ("a", self.date_from_a, self.date_to_a),
            ("b", self.date_from_b, self.date_to_b),
        ):
            domain = [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "done"),
                ("partner_id", "!=", False),
                ("visit_date", ">=", date_from),
                ("visit_date", "<=", date_to),
            ]
            if self.user_id:
                domain.append(("user_id", "=", self.user_id.id))
            groups = Repair._read_group(
                domain,
                ["partner_id", "user_id"],
                ["__count", "autocrm_revenue:sum", "visit_date:max"],
            )
            for partner, user, count, revenue, last in groups:
                figures[partner][f"visits_{key}"] += count
                figures[partner][f"revenue_{key}"] += revenue
                if user and (partner not in advisor or last >= advisor[partner][0]):
                    advisor[partner] = (last, user)
        self.env["autocrm.customer.swing.line"].create(
            [
                {
                    "swing_id": self.id,
                    "partner_id": partner.id,
                    "user_id": advisor[partner][1].id if partner in advisor else False,
                    "visits_a": int(values["visits_a"]),
                    "visits_b": int(values["visits_b"]),
                    "revenue_a": values["revenue_a"],
                    "revenue_b": values["revenue_b"],
                }
                for partner, values in figures.items()
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Swings"),
            "res_model": "autocrm.customer.swing.line",
            "view_mode": "list,pivot,graph",
            "domain": [("swing_id", "=", self.id)],
            "context": {"search_default_filter_down": 1},
        }
