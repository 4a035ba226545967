from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, float_compare, format_amount

from odoo.addons.autocrm_customer.tools.selection import selection_label

from .company_day import company_day_domain

OEM_GROUP = "autocrm_customer.group_oem_user"
RETURN_DAYS_PARAM = "autocrm_warranty.part_return_days"
DEFAULT_RETURN_DAYS = 30
# claim part lines charged back per run of the job; the rest follows at once
CHARGE_BACK_BATCH = 1000
# written by the ship / receive / inspect actions only
ACTION_FIELDS = {
    "state",
    "picking_id",
    "receipt_picking_id",
    "ship_date",
    "receive_date",
    "inspect_date",
    "inspector_id",
}


class AutocrmPartReturn(models.Model):
    """A box of failed parts a dealership sends back to the OEM's used-part desk
    (旧件回收处): shipped from its used-part location through inter-company transit,
    received and inspected by the OEM."""

    _name = "autocrm.part.return"
    _description = "Used-Part Return"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("autocrm_role", "=", "dealer")],
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("shipped", "Shipped"),
            ("received", "Received"),
            ("inspected", "Inspected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    line_ids = fields.One2many(
        "autocrm.part.return.line", "return_id", string="Parts", copy=False
    )
    line_count = fields.Integer(compute="_compute_line_count", string="Part Lines")
    quantity_total = fields.Float(
        compute="_compute_line_count",
        string="Quantity",
        digits="Product Unit of Measure",
    )
    location_id = fields.Many2one(
        related="company_id.autocrm_used_part_location_id",
        string="From Location",
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Shipment",
        readonly=True,
        copy=False,
        check_company=True,
        help="The dealership's delivery from its used-part location into "
        "inter-company transit, validated when the return is shipped.",
    )
    receipt_picking_id = fields.Many2one(
        "stock.picking",
        string="OEM Receipt",
        readonly=True,
        copy=False,
        help="The OEM's receipt from inter-company transit into the claims centre's "
        "used-part location, validated when the OEM receives the return.",
    )
    carrier_tracking_ref = fields.Char(
        string="Tracking Reference", help="The carrier's waybill number, if any."
    )
    ship_date = fields.Date(readonly=True, copy=False, tracking=True)
    receive_date = fields.Date(readonly=True, copy=False, tracking=True)
    inspect_date = fields.Date(readonly=True, copy=False, tracking=True)
    inspector_id = fields.Many2one(
        "res.users", string="Inspected by", readonly=True, copy=False
    )
    note = fields.Html()

    @api.depends("line_ids.quantity")
    def _compute_line_count(self):
        for part_return in self:
            part_return.line_count = len(part_return.line_ids)
            part_return.quantity_total = sum(part_return.line_ids.mapped("quantity"))

    @api.constrains("company_id")
    def _check_company_is_dealer(self):
        for part_return in self:
            if part_return.company_id.autocrm_role != "dealer":
                raise ValidationError(
                    self.env._(
                        "%(company)s is not a dealership: used parts are returned by "
                        "dealerships to the OEM.",
                        company=part_return.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            action_fields = ACTION_FIELDS & vals.keys()
            if vals.get("state", "draft") == "draft":
                action_fields -= {"state"}
            if action_fields and not self.env.su:
                raise UserError(self._action_fields_message())
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "autocrm.part.return"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        # whatever the context says: a JSON-RPC client sends the context it likes
        if ACTION_FIELDS & vals.keys() and not self.env.su:
            raise UserError(self._action_fields_message())
        if "company_id" in vals and any(r.state != "draft" for r in self):
            raise UserError(
                self.env._(
                    "A shipped return stays with the dealership that shipped it."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(part_return.state != "draft" for part_return in self):
            raise UserError(
                self.env._(
                    "Only draft returns can be deleted: a shipped return stays on "
                    "record with its pickings."
                )
            )

    def unlink(self):
        # through the lines, so that their parts leave the used-part location
        self.filtered(lambda r: r.state == "draft").line_ids.unlink()
        return super().unlink()

    def _action_fields_message(self):
        return self.env._(
            "A return's status changes through its Ship, Receive and Close "
            "Inspection buttons only."
        )

    def _write_action_values(self, vals):
        """Write what only the Ship, Receive and Close Inspection actions write
        (ACTION_FIELDS), once the action has checked the user's right and the
        returns' state."""
        # as superuser: the calling action checked who may run it on these returns;
        # the values are the action's own, and tracking still names the user
        return self.sudo().write(vals)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_oem_user(self):
        if not (self.env.su or self.env.user.has_group(OEM_GROUP)):
            raise AccessError(
                self.env._(
                    "Only the OEM's used-part desk receives and inspects returned "
                    "parts."
                )
            )

    def _check_state(self, state, action):
        for part_return in self:
            if part_return.state != state:
                raise UserError(
                    self.env._(
                        "Return %(name)s is %(state)s: only a %(expected)s return can "
                        "be %(action)s.",
                        name=part_return.name,
                        state=selection_label(part_return, "state", part_return.state),
                        expected=selection_label(part_return, "state", state),
                        action=action,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_add_outstanding(self):
        """Fill the return with the dealership's return-required parts of submitted
        claims that are on no return yet and were not charged back."""
        self.ensure_one()
        self._check_state("draft", self.env._("filled"))
        claim_lines = self._outstanding_claim_lines()
        if not claim_lines:
            raise UserError(
                self.env._(
                    "%(dealer)s has no used part waiting to be returned: every "
                    "return-required part of its submitted claims is already on a "
                    "return.",
                    dealer=self.company_id.name,
                )
            )
        self.write(
            {
                "line_ids": [
                    Command.create(
                        {"claim_line_id": line.id, "quantity": line.quantity}
                    )
                    for line in claim_lines
                ]
            }
        )
        return True

    def _outstanding_claim_lines(self):
        self.ensure_one()
        # as superuser: a claim part on any return is taken, whoever may read that
        # return; only the ids go into the sub-query, nothing is read
        on_return = self.env["autocrm.part.return.line"].sudo()._search([])
        return self.env["autocrm.warranty.claim.part"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("return_required", "=", True),
                ("charged_back", "=", False),
                ("claim_id.state", "=", "submitted"),
                (
                    "id",
                    "not in",
                    on_return.subselect(
                        SQL.identifier(on_return.table, "claim_line_id")
                    ),
                ),
            ],
            order="claim_id, sequence, id",
        )

    def action_ship(self):
        """The dealership ships the box: its delivery from the used-part location
        into inter-company transit is validated, and the OEM's receipt waits at the
        claims centre. The ship date is the dealership's day (the return's company,
        in its time zone)."""
        # the record rules first: only the dealership's own users (and the OEM)
        # ship its returns
        self.check_access("write")
        self._check_state("draft", self.env._("shipped"))
        oem = self._oem_company()
        for part_return in self:
            part_return._check_shippable(oem)
            picking = part_return._create_shipment(oem)
            receipt = part_return._create_oem_receipt(oem)
            part_return._write_action_values(
                {
                    "state": "shipped",
                    # as superuser: only the dealership's time zone is read
                    "ship_date": part_return.company_id.sudo()._autocrm_today(),
                    "picking_id": picking.id,
                    "receipt_picking_id": receipt.id,
                }
            )
        return True

    def action_receive(self):
        """The OEM's used-part desk receives the box: its receipt is validated. The
        receive date is the OEM's day (the desk's company, in its time zone)."""
        self._check_oem_user()
        self.check_access("write")
        self._check_state("shipped", self.env._("received"))
        for part_return in self:
            receipt = part_return.receipt_picking_id
            if receipt.state != "done":
                receipt = receipt.with_company(receipt.company_id)
                receipt.action_assign()
                for move in receipt.move_ids:
                    move.quantity = move.product_uom_qty
                receipt.move_ids.picked = True
                result = receipt.with_context(
                    skip_backorder=True, picking_ids_not_to_backorder=receipt.ids
                ).button_validate()
                if result is not True or receipt.state != "done":
                    raise UserError(
                        self.env._(
                            "The OEM receipt %(picking)s of return %(name)s could not "
                            "be validated: open it in Inventory and check its "
                            "quantities.",
                            picking=receipt.name,
                            name=part_return.name,
                        )
                    )
        self._write_action_values(
            {"state": "received", "receive_date": self._oem_company()._autocrm_today()}
        )
        return True

    def action_inspect(self):
        """Close the inspection: every line's result goes onto its claim line, and
        the dealership is told about each part that does not support its claim.
        The inspection date is the OEM's day, as the receive date."""
        self._check_oem_user()
        self.check_access("write")
        self._check_state("received", self.env._("inspected"))
        for part_return in self:
            missing = part_return.line_ids.filtered(
                lambda line: not line.inspection_result
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Return %(name)s: record the inspection result of every part "
                        "before closing the inspection (missing: %(parts)s).",
                        name=part_return.name,
                        parts=", ".join(
                            f"{line.tag} {line.product_id.display_name}"
                            for line in missing
                        ),
                    )
                )
        lines = self.line_ids
        for result in {line.inspection_result for line in lines}:
            lines.filtered(
                lambda line, result=result: line.inspection_result == result
            ).claim_line_id.write({"inspection_result": result})
        lines._write_off_not_received()
        lines._notify_inspection_result()
        self._write_action_values(
            {
                "state": "inspected",
                "inspect_date": self._oem_company()._autocrm_today(),
                "inspector_id": self.env.user.id,
            }
        )
        return True

    def action_view_pickings(self):
        self.ensure_one()
        pickings = self.picking_id | self.receipt_picking_id
        # the OEM's receipt is in the OEM's company: dealers only see their shipment
        pickings = pickings._filtered_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", pickings.ids)]
        action["context"] = {"create": False}
        if len(pickings) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = pickings.id
        return action

    # ------------------------------------------------------------------
    # Stock
    # ------------------------------------------------------------------
    @api.model
    def _oem_company(self):
        # as superuser (there): a dealer's user may not read the OEM's company, but
        # ships to its claims centre
        oem = self.env["res.company"]._autocrm_oem_company()
        if not oem.autocrm_used_part_location_id:
            raise UserError(
                self.env._(
                    "No OEM claims centre is set up to receive used parts: give the "
                    "OEM's company the OEM role."
                )
            )
        return oem

    @api.model
    def _transit_location(self):
        """Odoo's inter-company transit location, shared by all companies
        (stock's `_set_per_company_inter_company_locations`); a company's own
        `internal_transit_location_id` only links its own warehouses."""
        return self.env.ref("stock.stock_location_inter_company").sudo()

    def _check_shippable(self, oem):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "Return %(name)s has no parts: add the outstanding parts before "
                    "shipping it.",
                    name=self.name,
                )
            )
        charged = self.line_ids.filtered("claim_line_id.charged_back")
        if charged:
            raise UserError(
                self.env._(
                    "Return %(name)s: part %(part)s (tag %(tag)s) was charged back on "
                    "%(date)s because it was not shipped in time; remove it from the "
                    "return.",
                    name=self.name,
                    part=charged[0].product_id.display_name,
                    tag=charged[0].tag,
                    date=charged[0].claim_line_id.charged_back_date,
                )
            )
        short = self.line_ids.filtered(
            lambda line: float_compare(
                line.quantity,
                line.claim_line_id.quantity,
                precision_rounding=line.product_id.uom_id.rounding,
            )
        )
        if short:
            # once shipped, the claim line counts as returned: no charge-back
            raise UserError(
                self.env._(
                    "Return %(name)s carries %(quantity)s of part %(part)s (tag "
                    "%(tag)s), but claim %(claim)s claims %(claimed)s: ship every "
                    "part the claim claims.",
                    name=self.name,
                    quantity=short[0].quantity,
                    part=short[0].product_id.display_name,
                    tag=short[0].tag,
                    claim=short[0].claim_id.name,
                    claimed=short[0].claim_line_id.quantity,
                )
            )
        location = self.location_id
        if not location:
            raise UserError(
                self.env._(
                    "%(dealer)s has no used-part location: give it the dealer role.",
                    dealer=self.company_id.name,
                )
            )
        Quant = self.env["stock.quant"]
        needed = {}
        for line in self.line_ids:
            needed[line.product_id] = needed.get(line.product_id, 0.0) + line.quantity
        for product, quantity in needed.items():
            available = Quant._get_available_quantity(product, location)
            if (
                float_compare(
                    available, quantity, precision_rounding=product.uom_id.rounding
                )
                < 0
            ):
                raise UserError(
                    self.env._(
                        "Return %(name)s: only %(available)s of part %(part)s are at "
                        "%(location)s, %(quantity)s are to be shipped. Book the "
                        "removed parts into the used-part location first.",
                        name=self.name,
                        available=available,
                        part=product.display_name,
                        location=location.display_name,
                        quantity=quantity,
                    )
                )

    def _picking_moves(self, location, destination, company):
        return [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": line.product_id.uom_id.id,
                    "location_id": location.id,
                    "location_dest_id": destination.id,
                    "company_id": company.id,
                    "name": self.env._(
                        "Used part, tag %(tag)s, claim %(claim)s",
                        tag=line.tag,
                        claim=line.claim_id.name,
                    ),
                }
            )
            for line in self.line_ids
        ]

    def _create_shipment(self, oem):
        """The dealer's delivery, validated at once: used-part location → transit."""
        self.ensure_one()
        company = self.company_id
        warehouse = self.location_id.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        transit = self._transit_location()
        Picking = self.env["stock.picking"].with_company(company)
        picking = Picking.create(
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": oem.partner_id.id,
                "location_id": self.location_id.id,
                "location_dest_id": transit.id,
                "origin": self.name,
                "company_id": company.id,
                "move_ids": self._picking_moves(self.location_id, transit, company),
            }
        )
        picking.action_confirm()
        picking.action_assign()
        for move in picking.move_ids:
            if float_compare(
                move.quantity,
                move.product_uom_qty,
                precision_rounding=move.product_uom.rounding,
            ):
                raise UserError(
                    self.env._(
                        "Return %(name)s: part %(part)s is not all available at "
                        "%(location)s.",
                        name=self.name,
                        part=move.product_id.display_name,
                        location=self.location_id.display_name,
                    )
                )
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True)._action_done()
        return picking

    def _create_oem_receipt(self, oem):
        """The OEM's receipt, waiting: transit → claims centre used-part location.

        As superuser: the dealer's user announces its shipment in the OEM's company,
        which it cannot reach; the receipt only carries the parts just shipped and is
        validated by the OEM's own user.
        """
        self.ensure_one()
        destination = oem.autocrm_used_part_location_id
        warehouse = destination.warehouse_id or self.env[
            "stock.warehouse"
        ].sudo().search([("company_id", "=", oem.id)], limit=1)
        transit = self._transit_location()
        receipt = (
            self.env["stock.picking"]
            .sudo()
            .with_company(oem)
            .create(
                {
                    "picking_type_id": warehouse.in_type_id.id,
                    "partner_id": self.company_id.partner_id.id,
                    "location_id": transit.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "company_id": oem.id,
                    "move_ids": self._picking_moves(transit, destination, oem),
                }
            )
        )
        receipt.action_confirm()
        receipt.action_assign()
        return receipt

    # ------------------------------------------------------------------
    # Charge-back
    # ------------------------------------------------------------------
    @api.model
    def _return_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(RETURN_DAYS_PARAM, DEFAULT_RETURN_DAYS)
        )
        try:
            return max(int(param), 0)
        except ValueError:
            return DEFAULT_RETURN_DAYS

    @api.model
    def _chargeback_domain(self):
        """Return-required parts of submitted claims past the return period, not
        charged back yet, on no shipped return (a draft return is not shipped).

        The period ends with the dealership's day: a claim submitted on day D is
        due by D + the return days, counted on the claim's company's day, whoever
        runs the job (OdooBot's day is UTC's)."""
        shipped = self.env["autocrm.part.return.line"]._search(
            [("return_id.state", "!=", "draft")]
        )
        overdue = company_day_domain(
            self.env,
            "claim_id.company_id",
            "claim_id.submitted_date",
            "<",
            days=-self._return_days(),
        )
        return expression.AND(
            [
                [
                    ("return_required", "=", True),
                    ("charged_back", "=", False),
                    ("claim_id.state", "=", "submitted"),
                ],
                overdue,
                [
                    (
                        "id",
                        "not in",
                        shipped.subselect(
                            SQL.identifier(shipped.table, "claim_line_id")
                        ),
                    )
                ],
            ]
        )

    @api.model
    def _cron_charge_back_unshipped(self, batch_size=CHARGE_BACK_BATCH):
        """Charge back the return-required parts not shipped within the return
        period after their claim was submitted: their amount leaves the claim, and
        the dealership reads on the claim which part and why. A part charged back
        stays so: a second run finds nothing to do. It is charged back on its
        dealership's day."""
        ClaimPart = self.env["autocrm.warranty.claim.part"].sudo()
        domain = self._chargeback_domain()
        lines = ClaimPart.search(domain, limit=batch_size, order="claim_id, id")
        if not lines:
            return 0
        company_days = {
            company: company._autocrm_today() for company in lines.company_id
        }
        by_day = {}
        for line in lines:
            today = company_days[line.company_id]
            by_day[today] = by_day.get(today, ClaimPart) | line
        for today, day_lines in by_day.items():
            day_lines.write({"charged_back": True, "charged_back_date": today})
        days = self._return_days()
        lines.fetch(["claim_id", "product_id", "quantity", "amount"])
        for claim in lines.claim_id:
            parts = lines.filtered(lambda line, claim=claim: line.claim_id == claim)
            claim.message_post(
                body=self._chargeback_message(claim, parts, days),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        remaining = (
            ClaimPart.search_count(self._chargeback_domain())
            if len(lines) == batch_size
            else 0
        )
        self.env["ir.cron"]._notify_progress(done=len(lines), remaining=remaining)
        return len(lines)

    @api.model
    def _chargeback_message(self, claim, parts, days):
        intro = self.env._(
            "Charged back: these used parts were not shipped to the OEM within "
            "%(days)s days of the claim's submission on %(date)s, so their amount is "
            "withdrawn from claim %(name)s:",
            days=days,
            date=claim.submitted_date,
            name=claim.name,
        )
        items = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(part)s × %(quantity)s: %(amount)s withdrawn",
                part=line.product_id.display_name,
                quantity=line.quantity,
                amount=format_amount(self.env, line.amount, claim.currency_id),
            )
            for line in parts
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (intro, items)
