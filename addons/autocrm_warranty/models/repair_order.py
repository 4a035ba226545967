from dateutil.relativedelta import relativedelta

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

FIRST_MAINTENANCE_OPERATION = "autocrm_warranty.labour_operation_first_maintenance"
CLAIMABLE_VISIT_TYPES = ("warranty", "recall", "repair")


class RepairOrder(models.Model):
    _inherit = "repair.order"

    first_service_form_number = fields.Char(
        string="First Maintenance Form No.",
        copy=False,
        index="btree_not_null",
        help="Number of the two-part first-maintenance form (首保凭证): one part stays "
        "in the owner's manual, one in the dealership's archive.",
    )
    warranty_claim_ids = fields.One2many(
        "autocrm.warranty.claim", "repair_id", string="Warranty Claims"
    )
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")

    _sql_constraints = [
        (
            "first_service_form_number_uniq",
            "unique(first_service_form_number)",
            "This first-maintenance form number is already used: each two-part form "
            "has its own number.",
        ),
    ]

    def _compute_warranty_claim_count(self):
        counts = dict(
            self.env["autocrm.warranty.claim"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.warranty_claim_count = counts.get(repair, 0)

    def action_repair_done(self):
        """Closing a first maintenance registers it when it is eligible: the
        vehicle is marked and the claim to the OEM drafted. The workshop may always
        close the order; when it is not eligible, a note on the order says why, and
        Register First Maintenance tells it again once the data is fixed."""
        res = super().action_repair_done()
        eligible = self.browse()
        for repair in self.filtered(lambda r: r.visit_type == "first_maintenance"):
            problem = repair._first_service_problem()
            if problem:
                repair.message_post(
                    body=self.env._(
                        "No first-maintenance claim was drafted: %(problem)s",
                        problem=problem,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            else:
                eligible |= repair
        eligible._register_first_service()
        return res

    def action_register_first_service(self):
        """Register a closed first maintenance once its form number or vehicle data
        is complete; say what is still wrong otherwise."""
        for repair in self:
            if repair.state != "done" or repair.visit_type != "first_maintenance":
                raise UserError(
                    self.env._(
                        "%(name)s is not a closed first maintenance.", name=repair.name
                    )
                )
            if repair.warranty_claim_ids:
                raise UserError(
                    self.env._(
                        "%(name)s is already registered: see its claim.",
                        name=repair.name,
                    )
                )
            problem = repair._first_service_problem()
            if problem:
                raise UserError(problem)
        self._register_first_service()
        return True

    def _first_service_problem(self):
        """Why this visit is no free first maintenance, or None. It needs a form
        number and a vehicle not serviced free before, past neither the policy's
        months since its sale nor its maximum km, whichever comes first (the
        policy's minimum km is the recommended earliest mileage, not a
        condition)."""
        self.ensure_one()
        if not self.vehicle_id:
            return self.env._(
                "%(name)s is a first maintenance: choose the vehicle.",
                name=self.name,
            )
        if not self.first_service_form_number:
            return self.env._(
                "%(name)s is a first maintenance: enter the number of the two-part "
                "first-maintenance form, then click Register First Maintenance.",
                name=self.name,
            )
        # as superuser: the rule looks at the vehicle's sale and history at every
        # dealership; the messages name only dates and km
        vehicle = self.vehicle_id.sudo()
        if vehicle.first_service_done:
            return self.env._(
                "%(vehicle)s already had its free first maintenance (form "
                "%(form)s): record this visit as a maintenance.",
                vehicle=vehicle.display_name,
                form=vehicle.first_service_form_number or "",
            )
        if not vehicle.sale_date:
            return self.env._(
                "%(vehicle)s has no sale date: the first maintenance cannot be "
                "checked. Ask the OEM to complete the vehicle's record.",
                vehicle=vehicle.display_name,
            )
        policy = (
            self.env["autocrm.warranty.policy"]
            .sudo()
            ._get_for_models(vehicle.model_id)[vehicle.model_id.id]
        )
        # a visit without a date is today's, at the dealership (in its time zone)
        visit_date = self.visit_date or self.company_id.sudo()._autocrm_today()
        due = vehicle.sale_date + relativedelta(months=policy.first_service_months)
        if visit_date > due:
            return self.env._(
                "%(vehicle)s was sold on %(sale)s: the free first maintenance "
                "was due within %(months)s months, by %(due)s (or %(max)s km, "
                "whichever comes first). Record this visit as a maintenance.",
                vehicle=vehicle.display_name,
                sale=vehicle.sale_date,
                months=policy.first_service_months,
                due=due,
                max=policy.first_service_km_max,
            )
        if self.odometer > policy.first_service_km_max:
            return self.env._(
                "%(vehicle)s reads %(km)s km: the free first maintenance ends at "
                "%(max)s km (or %(months)s months after the sale, whichever comes "
                "first). Record this visit as a maintenance.",
                vehicle=vehicle.display_name,
                km=self.odometer,
                max=policy.first_service_km_max,
                months=policy.first_service_months,
            )
        return None

    def _register_first_service(self):
        """Mark the vehicles' first maintenance done and draft the claims to the
        OEM."""
        for repair in self:
            # as superuser: the first maintenance may be done at a dealership that
            # did not sell the vehicle; only these two fields are written
            repair.vehicle_id.sudo().write(
                {"first_service_done": True, "first_service_repair_id": repair.id}
            )
        if self:
            self.env["autocrm.warranty.claim"].create(
                [repair._autocrm_claim_values() for repair in self]
            )

    def _autocrm_claim_values(self):
        """The values of a claim drafted from this repair order: vehicle, date,
        odometer, the customer's words and findings, and the parts it used."""
        self.ensure_one()
        first = self.visit_type == "first_maintenance"
        vals = {
            "company_id": self.company_id.id,
            "repair_id": self.id,
            "vehicle_id": self.vehicle_id.id,
            "repair_date": self.visit_date or self.company_id.sudo()._autocrm_today(),
            "odometer": self.odometer,
            "claim_type": {
                "first_maintenance": "first_maintenance",
                "recall": "recall",
            }.get(self.visit_type, "warranty"),
            "customer_words": self.customer_words,
            "diagnosis": self.technician_findings,
            "repair_report": html2plaintext(self.internal_notes or "") or False,
            "part_line_ids": [Command.clear()]
            + [
                # the part's return follows the OEM's rule for the claim's type
                Command.create(
                    {
                        "product_id": move.product_id.id,
                        "quantity": move.quantity or move.product_uom_qty,
                    }
                )
                for move in self.move_ids.filtered(
                    lambda m: m.repair_line_type == "add" and m.state != "cancel"
                )
            ],
        }
        if first:
            operation = self.env.ref(
                FIRST_MAINTENANCE_OPERATION, raise_if_not_found=False
            )
            if operation:
                vals["labour_line_ids"] = [
                    Command.create(
                        {"operation_id": operation.id, "name": operation.name}
                    )
                ]
        return vals

    def action_create_warranty_claim(self):
        """Draft a warranty claim from this repair order and open it."""
        self.ensure_one()
        if self.visit_type not in CLAIMABLE_VISIT_TYPES:
            raise UserError(
                self.env._(
                    "%(name)s is not a warranty, recall or repair visit: there is "
                    "nothing to claim from the OEM.",
                    name=self.name,
                )
            )
        if not self.vehicle_id:
            raise UserError(
                self.env._("%(name)s: choose the vehicle first.", name=self.name)
            )
        claim = self.env["autocrm.warranty.claim"].create(self._autocrm_claim_values())
        return claim._get_form_action()

    def action_view_warranty_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_warranty.autocrm_warranty_claim_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_print_first_service_form(self):
        self.ensure_one()
        return self.env.ref(
            "autocrm_warranty.action_report_first_service_form"
        ).report_action(self)
