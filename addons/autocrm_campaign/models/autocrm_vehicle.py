from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import str2bool

SSI_AUTO_INVITE_PARAM = "autocrm_campaign.ssi_auto_invite"

# vehicle age in whole years (operator on the age) → operator on the start date
AGE_OPERATORS = {">=": "<=", "<": ">"}


class AutocrmVehicle(models.Model):
    _inherit = "autocrm.vehicle"

    age_years = fields.Integer(
        string="Vehicle Age (years)",
        compute="_compute_age_years",
        search="_search_age_years",
        help="Whole years since the sale, or since production for an unsold vehicle.",
    )
    recall_line_ids = fields.One2many(
        "autocrm.recall.vehicle", "vehicle_id", string="Recalls"
    )
    open_recall_count = fields.Integer(
        string="Open Recalls", compute="_compute_open_recalls"
    )
    open_recall_names = fields.Char(compute="_compute_open_recalls")

    def _compute_age_years(self):
        # today at the user's dealership, in its time zone
        today = self.env.company._autocrm_today()
        for vehicle in self:
            start = vehicle.sale_date or vehicle.production_date
            vehicle.age_years = relativedelta(today, start).years if start else 0

    def _search_age_years(self, operator, value):
        value = int(value or 0)
        if operator == "=":
            return expression.AND(
                [
                    self._search_age_years(">=", value),
                    self._search_age_years("<", value + 1),
                ]
            )
        if operator == ">":
            operator, value = ">=", value + 1
        elif operator == "<=":
            operator, value = "<", value + 1
        if operator not in AGE_OPERATORS:
            raise NotImplementedError(f"Operator {operator} on the vehicle age")
        # age >= n years ⇔ the start date is n years ago or earlier
        date = self.env.company._autocrm_today() - relativedelta(years=value)
        date_operator = AGE_OPERATORS[operator]
        return [
            "|",
            ("sale_date", date_operator, date),
            "&",
            ("sale_date", "=", False),
            ("production_date", date_operator, date),
        ]

    @api.depends("recall_line_ids.state", "recall_line_ids.recall_id.state")
    def _compute_open_recalls(self):
        # as superuser: an open safety recall is shown at any dealership that can
        # see the vehicle, whichever dealership follows the recall line; only the
        # recall's name is shown
        # (the vehicle may be a new record in a form: look its origin up)
        lines = (
            self.env["autocrm.recall.vehicle"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "in", [v._origin.id for v in self if v._origin.id]),
                    ("state", "!=", "done"),
                    ("recall_id.state", "=", "open"),
                ]
            )
        )
        for vehicle in self:
            mine = lines.filtered(
                lambda line, v=vehicle: line.vehicle_id.id == v._origin.id
            )
            vehicle.open_recall_count = len(mine)
            vehicle.open_recall_names = ", ".join(mine.recall_id.mapped("name"))

    @api.model_create_multi
    def create(self, vals_list):
        vehicles = super().create(vals_list)
        vehicles.filtered(lambda v: v.sale_date and v.partner_id)._autocrm_auto_ssi()
        return vehicles

    def write(self, vals):
        unsold = self.browse()
        if vals.get("sale_date"):
            unsold = self.filtered(lambda v: not v.sale_date)
        res = super().write(vals)
        if unsold:
            unsold.filtered("partner_id")._autocrm_auto_ssi()
        return res

    def _autocrm_auto_ssi(self):
        """Invite the owners of newly sold vehicles to the SSI survey, when the
        system parameter asks for it."""
        param = self.env["ir.config_parameter"].sudo().get_param(SSI_AUTO_INVITE_PARAM)
        if self and str2bool(param or "0", False):
            self.action_send_ssi_survey()

    def action_view_recalls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_campaign.autocrm_recall_vehicle_action"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_send_ssi_survey(self):
        """Invite the owner to the sales satisfaction (SSI) survey."""
        survey = self.env.ref("autocrm_campaign.survey_ssi")
        return self.env["survey.user_input"]._autocrm_invite(
            survey,
            [
                {
                    "partner": vehicle.partner_id,
                    "company": vehicle.selling_dealer_id or self.env.company,
                    "vehicle": vehicle,
                }
                for vehicle in self
            ],
        )
