from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class AutocrmRecall(models.Model):
    """A safety recall (召回) decided by the OEM: the affected vehicles, by model and
    production-date range or by an imported VIN list, each followed by its
    dealership until a done recall visit closes it."""

    _name = "autocrm.recall"
    _description = "Safety Recall"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        help="The recall's number with the authority (e.g. SAMR filing).", copy=False
    )
    company_id = fields.Many2one(
        "res.company",
        string="OEM",
        required=True,
        default=lambda self: self.env.ref("base.main_company", raise_if_not_found=False)
        or self.env.company,
    )
    campaign_id = fields.Many2one(
        "autocrm.campaign",
        string="Campaign",
        domain="[('campaign_type', '=', 'recall')]",
        help="The campaign that contacts the owners, if any.",
    )
    description = fields.Html(help="The defect and its risk.")
    remedy = fields.Text(help="What the workshop does to the vehicle.")
    date_start = fields.Date(
        string="Start Date",
        default=lambda self: self.env.company._autocrm_today(),
        tracking=True,
    )
    model_ids = fields.Many2many(
        "product.product",
        string="Vehicle Models",
        domain=[("autocrm_is_vehicle_model", "=", True)],
    )
    production_date_from = fields.Date(string="Produced From")
    production_date_to = fields.Date(string="Produced To")
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        required=True,
        default="draft",
        index=True,
        copy=False,
        tracking=True,
    )
    vehicle_line_ids = fields.One2many(
        "autocrm.recall.vehicle", "recall_id", string="Affected Vehicles"
    )
    vehicle_count = fields.Integer(
        string="Affected", compute="_compute_counts", compute_sudo=True
    )
    done_count = fields.Integer(
        string="Completed", compute="_compute_counts", compute_sudo=True
    )
    completion_rate = fields.Float(
        string="Completion (%)", compute="_compute_counts", compute_sudo=True
    )

    _sql_constraints = [
        (
            "production_range_check",
            "CHECK(production_date_to IS NULL OR production_date_from IS NULL "
            "OR production_date_to >= production_date_from)",
            "The production range ends on or after the day it starts.",
        ),
    ]

    def _compute_counts(self):
        # the figures of the whole recall, every dealership's vehicles included:
        # counts only, no vehicle is shown
        groups = self.env["autocrm.recall.vehicle"]._read_group(
            [("recall_id", "in", self.ids)], ["recall_id", "state"], ["__count"]
        )
        counts = {}
        for recall, state, count in groups:
            total, done = counts.get(recall.id, (0, 0))
            counts[recall.id] = (
                total + count,
                done + (count if state == "done" else 0),
            )
        for recall in self:
            total, done = counts.get(recall.id, (0, 0))
            recall.vehicle_count = total
            recall.done_count = done
            recall.completion_rate = 100.0 * done / total if total else 0.0

    def action_open(self):
        for recall in self:
            if not recall.vehicle_line_ids:
                raise UserError(
                    self.env._(
                        "Recall %(name)s has no affected vehicles yet: add them by "
                        "model and production range or import a VIN list first.",
                        name=recall.name,
                    )
                )
        self.write({"state": "open"})
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_add_vehicles_by_range(self):
        """Add every vehicle of the models produced in the range, set-based."""
        self.ensure_one()
        self._check_not_closed()
        if not self.model_ids:
            raise UserError(
                self.env._("Choose the vehicle models the recall concerns first.")
            )
        conditions = [SQL("vehicle.model_id IN %s", tuple(self.model_ids.ids))]
        if self.production_date_from:
            conditions.append(
                SQL("vehicle.production_date >= %s", self.production_date_from)
            )
        if self.production_date_to:
            conditions.append(
                SQL("vehicle.production_date <= %s", self.production_date_to)
            )
        added = self._insert_vehicles(SQL(" AND ").join(conditions))
        self.message_post(
            body=self.env._(
                "%(count)s vehicles added by model and production range.",
                count=added,
            )
        )
        return True

    def _add_vehicles(self, vehicle_ids):
        """Add these vehicles (ids) to the recall; return how many were new."""
        self.ensure_one()
        if not vehicle_ids:
            return 0
        return self._insert_vehicles(SQL("vehicle.id IN %s", tuple(vehicle_ids)))

    def _insert_vehicles(self, condition):
        """One INSERT … SELECT of the vehicles matching ``condition`` (an SQL
        condition on ``vehicle``), without duplicates; the rows carry no
        create_uid/write_uid, whose foreign key checks would double its time."""
        self.check_access("write")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO autocrm_recall_vehicle
                       (recall_id, vehicle_id, company_id, state, completion_rate,
                        create_date, write_date)
                SELECT %(recall)s, vehicle.id,
                       coalesce(vehicle.selling_dealer_id, (
                           SELECT min(rel.company_id)
                             FROM autocrm_vehicle_dealer_rel rel
                            WHERE rel.vehicle_id = vehicle.id)),
                       'open', 0, now() AT TIME ZONE 'UTC',
                       now() AT TIME ZONE 'UTC'
                  FROM autocrm_vehicle vehicle
                 WHERE vehicle.active AND %(condition)s
                ON CONFLICT (recall_id, vehicle_id) DO NOTHING
                """,
                recall=self.id,
                condition=condition,
            )
        )
        added = self.env.cr.rowcount
        self.env["autocrm.recall.vehicle"].invalidate_model()
        self.invalidate_recordset(["vehicle_line_ids"])
        return added

    def _check_not_closed(self):
        if any(recall.state == "closed" for recall in self):
            raise UserError(
                self.env._("A closed recall takes no more vehicles: reopen it first.")
            )

    def action_view_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_campaign.autocrm_recall_vehicle_action"
        )
        action["domain"] = [("recall_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    @api.model
    def _close_by_repairs(self, repairs):
        """Close the open recall lines of the vehicles of these done recall visits,
        with the visit that closed them."""
        repairs = repairs.filtered(
            lambda r: r.state == "done" and r.visit_type == "recall" and r.vehicle_id
        )
        if not repairs:
            return
        # as superuser: a recall visit at any dealership closes the vehicle's recall,
        # even when the line is followed by the selling dealership
        lines = (
            self.env["autocrm.recall.vehicle"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "in", repairs.vehicle_id.ids),
                    ("state", "!=", "done"),
                    ("recall_id.state", "=", "open"),
                ]
            )
        )
        for repair in repairs:
            lines.filtered(
                lambda line, r=repair: line.vehicle_id == r.vehicle_id
            ).write(
                {
                    "state": "done",
                    "repair_id": repair.id,
                    "done_date": repair.visit_date
                    or repair.company_id._autocrm_today(),
                }
            )
