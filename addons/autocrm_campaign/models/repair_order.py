from odoo import api, fields, models
from odoo.tools import str2bool

CSI_AUTO_INVITE_PARAM = "autocrm_campaign.csi_auto_invite"


class RepairOrder(models.Model):
    _inherit = "repair.order"

    autocrm_open_recall_names = fields.Char(
        string="Open Safety Recalls",
        compute="_compute_autocrm_open_recall_names",
    )
    autocrm_survey_input_ids = fields.One2many(
        "survey.user_input", "autocrm_repair_id", string="CSI Surveys"
    )

    @api.depends("vehicle_id.open_recall_names", "state")
    def _compute_autocrm_open_recall_names(self):
        for repair in self:
            repair.autocrm_open_recall_names = (
                repair.vehicle_id.open_recall_names
                if repair.state not in ("done", "cancel")
                else False
            )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "done":
            self._autocrm_on_done()
        return res

    def _autocrm_on_done(self):
        """A done visit closes the vehicle's open recalls (a recall visit) and may
        be a campaign response; a customer who comes back is retained."""
        self.env["autocrm.recall"]._close_by_repairs(self)
        # as superuser: only the open cases of these visits' customers at these
        # visits' dealerships are closed, whoever closes the visit
        self.env["autocrm.retention.case"].sudo()._close_by_repairs(self)
        # as superuser: the responses of every running campaign targeting these
        # customers are refreshed, whoever closes the visit
        campaigns = (
            self.env["autocrm.campaign.target"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("campaign_id.state", "=", "running"),
                ]
            )
            .campaign_id
        )
        campaigns._update_responses()
        auto_invite = (
            self.env["ir.config_parameter"].sudo().get_param(CSI_AUTO_INVITE_PARAM)
        )
        if str2bool(auto_invite or "0", False):
            # as superuser: the invitations of visits already invited are left out
            self.filtered(
                lambda r: r.partner_id and not r.sudo().autocrm_survey_input_ids
            ).action_send_csi_survey()

    def action_send_csi_survey(self):
        """Invite the customer to the service satisfaction (CSI) survey."""
        survey = self.env.ref("autocrm_campaign.survey_csi")
        return self.env["survey.user_input"]._autocrm_invite(
            survey,
            [
                {
                    "partner": repair.partner_id,
                    "company": repair.company_id,
                    "vehicle": repair.vehicle_id,
                    "repair": repair,
                }
                for repair in self
            ],
        )
