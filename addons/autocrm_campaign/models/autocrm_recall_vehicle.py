from odoo import api, fields, models
from odoo.exceptions import UserError

# what a dealership records on a recall vehicle; the rest is the OEM's
DEALER_FIELDS = {"state", "scheduled_date"}
# state: the states a recall line may move to by hand; 'done' comes from a done
# recall visit (or the OEM)
STATE_TRANSITIONS = {
    "open": {"notified", "scheduled"},
    "notified": {"scheduled", "open"},
    "scheduled": {"notified", "open"},
    "done": set(),
}


class AutocrmRecallVehicle(models.Model):
    _name = "autocrm.recall.vehicle"
    _description = "Recall Vehicle"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "recall_id desc, id"
    _rec_name = "vehicle_id"

    recall_id = fields.Many2one(
        "autocrm.recall", required=True, index=True, ondelete="cascade"
    )
    recall_state = fields.Selection(related="recall_id.state", string="Recall Status")
    vehicle_id = fields.Many2one(
        "autocrm.vehicle", required=True, index=True, ondelete="cascade"
    )
    vin = fields.Char(related="vehicle_id.vin")
    model_id = fields.Many2one(related="vehicle_id.model_id", store=True)
    production_date = fields.Date(related="vehicle_id.production_date")
    partner_id = fields.Many2one(related="vehicle_id.partner_id", string="Owner")
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        index=True,
        help="The dealership that follows the vehicle up: its selling dealership.",
    )
    state = fields.Selection(
        [
            ("open", "Open"),
            ("notified", "Owner Notified"),
            ("scheduled", "Visit Scheduled"),
            ("done", "Done"),
        ],
        required=True,
        default="open",
        index=True,
        group_expand=True,
    )
    scheduled_date = fields.Date()
    repair_id = fields.Many2one(
        "repair.order", string="Recall Visit", readonly=True, index="btree_not_null"
    )
    done_company_id = fields.Many2one(
        related="repair_id.company_id", string="Done At", store=True
    )
    done_date = fields.Date(readonly=True)
    completion_rate = fields.Float(
        string="Completion (%)",
        compute="_compute_completion_rate",
        store=True,
        aggregator="avg",
        help="100 for a done vehicle, 0 otherwise: its average is the share done.",
    )

    _sql_constraints = [
        (
            "vehicle_uniq",
            "unique(recall_id, vehicle_id)",
            "A vehicle is listed once per recall.",
        ),
    ]

    @api.depends("state")
    def _compute_completion_rate(self):
        for line in self:
            line.completion_rate = 100.0 if line.state == "done" else 0.0

    def write(self, vals):
        if not self.env.su and not self._is_oem() and vals.keys() - DEALER_FIELDS:
            raise UserError(
                self.env._(
                    "A dealership records when the owner was notified and the visit "
                    "scheduled; the rest of a recall vehicle is set by the OEM."
                )
            )
        if "state" in vals and not self.env.su and not self._is_oem():
            for line in self:
                if (
                    vals["state"] != line.state
                    and vals["state"] not in (STATE_TRANSITIONS[line.state])
                ):
                    raise UserError(
                        self.env._(
                            "A recall vehicle is done when its recall visit (a "
                            "repair order of type Recall) is done; a done one stays "
                            "done."
                        )
                    )
        return super().write(vals)

    def _is_oem(self):
        return self.env.user.has_group("autocrm_customer.group_oem_user")

    def action_notified(self):
        self.write({"state": "notified"})
        return True

    def action_scheduled(self):
        self.write({"state": "scheduled"})
        return True
