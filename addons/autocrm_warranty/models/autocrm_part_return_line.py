from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .autocrm_part_return import OEM_GROUP
from .autocrm_warranty_claim_line import check_computed_vals
from .autocrm_warranty_claim_part import INSPECTION_RESULTS, MAX_QUANTITY

# what the OEM's used-part desk writes on a received return
INSPECTION_FIELDS = {"inspection_result", "inspection_note"}
# what only the booking into and out of the used-part location writes
BOOKING_FIELDS = {"intake_move_id"}


class AutocrmPartReturnLine(models.Model):
    """One tagged used part in a return, for one return-required claim part line.

    Adding it to a return books the removed part into the dealership's used-part
    location, from the virtual Production location into which the repair consumed
    the new part: the used-part stock then shows what waits to be shipped.
    """

    _name = "autocrm.part.return.line"
    _description = "Used-Part Return Line"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "return_id, id"
    _check_company_auto = True
    _rec_name = "tag"
    _autocrm_ranges = {"quantity": (0, MAX_QUANTITY)}

    return_id = fields.Many2one(
        "autocrm.part.return",
        string="Return",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="return_id.company_id", store=True, index=True, string="Dealership"
    )
    state = fields.Selection(related="return_id.state", string="Return Status")
    claim_line_id = fields.Many2one(
        "autocrm.warranty.claim.part",
        string="Claim Part",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('company_id', '=', company_id), ('return_required', '=', True), "
        "('charged_back', '=', False), ('claim_id.state', '=', 'submitted')]",
    )
    claim_id = fields.Many2one(
        related="claim_line_id.claim_id", store=True, index=True, string="Claim"
    )
    product_id = fields.Many2one(
        related="claim_line_id.product_id", store=True, string="Part"
    )
    vehicle_id = fields.Many2one(related="claim_line_id.vehicle_id", string="Vehicle")
    quantity = fields.Float(
        compute="_compute_quantity",
        store=True,
        precompute=True,
        readonly=False,
        digits="Product Unit of Measure",
        required=True,
    )
    tag = fields.Char(
        required=True,
        copy=False,
        default=lambda self: self.env["ir.sequence"].next_by_code(
            "autocrm.part.return.tag"
        ),
        help="Number of the used-part tag (旧件标签) printed and tied to the part.",
    )
    inspection_result = fields.Selection(INSPECTION_RESULTS, copy=False)
    inspection_note = fields.Text(
        copy=False, help="What the OEM's inspector found, for the dealership."
    )
    intake_move_id = fields.Many2one(
        "stock.move",
        string="Intake Move",
        readonly=True,
        copy=False,
        help="The move that booked the removed part into the used-part location.",
    )

    _sql_constraints = [
        (
            "claim_line_uniq",
            "unique(claim_line_id)",
            "This claim part is already on a used-part return.",
        ),
        ("tag_uniq", "unique(tag)", "Each used-part tag number is used once."),
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "A returned part needs a positive quantity.",
        ),
    ]

    @api.depends("claim_line_id")
    def _compute_quantity(self):
        for line in self:
            line.quantity = line.claim_line_id.quantity

    @api.constrains("claim_line_id", "quantity")
    def _check_claim_line(self):
        for line in self:
            claim_line = line.claim_line_id
            if not claim_line.return_required:
                raise UserError(
                    self.env._(
                        "Part %(part)s of claim %(claim)s does not have to be "
                        "returned.",
                        part=claim_line.product_id.display_name,
                        claim=claim_line.claim_id.name,
                    )
                )
            if line.quantity > claim_line.quantity:
                raise UserError(
                    self.env._(
                        "Claim %(claim)s claims %(claimed)s of part %(part)s: a return "
                        "cannot carry more (%(quantity)s).",
                        claim=claim_line.claim_id.name,
                        claimed=claim_line.quantity,
                        part=claim_line.product_id.display_name,
                        quantity=line.quantity,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_computed_vals(self, vals)
            self._check_booking_vals(vals)
            # the values first (a claim part of another dealership is refused
            # there), then what the return and the claim allow, before writing
            self._autocrm_check_values(vals)
            self.browse()._check_editable(vals)
            claim = (
                self.env["autocrm.warranty.claim.part"]
                .browse(vals.get("claim_line_id"))
                .claim_id
            )
            if claim and claim.state != "submitted":
                raise UserError(
                    self.env._(
                        "Claim %(claim)s is not submitted: only the parts of submitted "
                        "claims go back to the OEM.",
                        claim=claim.name,
                    )
                )
        lines = super().create(vals_list)
        lines._book_into_used_parts()
        return lines

    def write(self, vals):
        check_computed_vals(self, vals)
        self._check_booking_vals(vals)
        if INSPECTION_FIELDS & vals.keys():
            self._check_inspector()
        if vals.keys() - INSPECTION_FIELDS:
            self._check_editable(vals)
        rebook = (
            self.filtered("intake_move_id")
            if {
                "quantity",
                "claim_line_id",
            }
            & vals.keys()
            else self.browse()
        )
        rebook._unbook_from_used_parts()
        res = super().write(vals)
        rebook._book_into_used_parts()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self._check_editable()

    def unlink(self):
        self.filtered(
            lambda line: line.return_id.state == "draft"
        )._unbook_from_used_parts()
        return super().unlink()

    def _check_editable(self, vals=None):
        """The parts of a shipped return are fixed: no line is added, changed or
        removed, nor moved onto it (a claim part on a shipped return is never
        charged back)."""
        returns = self.return_id
        if vals and vals.get("return_id"):
            returns |= self.env["autocrm.part.return"].browse(vals["return_id"])
        shipped = returns.filtered(lambda part_return: part_return.state != "draft")
        if shipped:
            raise UserError(
                self.env._(
                    "Return %(name)s is shipped: its parts can no longer change.",
                    name=shipped[0].name,
                )
            )

    def _check_booking_vals(self, vals):
        if BOOKING_FIELDS & vals.keys() and not self.env.su:
            raise AccessError(
                self.env._(
                    "A line's intake move is the one that booked its part into the "
                    "used-part location; it cannot be written."
                )
            )

    def _check_inspector(self):
        if not (self.env.su or self.env.user.has_group(OEM_GROUP)):
            raise AccessError(
                self.env._("Only the OEM's used-part desk inspects returned parts.")
            )
        not_received = self.filtered(lambda line: line.return_id.state != "received")
        if not_received:
            raise UserError(
                self.env._(
                    "Return %(name)s is not received: parts are inspected once the "
                    "OEM has received them.",
                    name=not_received[0].return_id.name,
                )
            )

    def _book_into_used_parts(self):
        """Book the removed parts into the dealership's used-part location, from
        the Production location where the repair consumed the new ones."""
        vals_list = []
        for line in self:
            product = line.product_id
            company = line.company_id
            if not product.is_storable:
                raise UserError(
                    self.env._(
                        "Part %(part)s is not tracked in stock, so its return cannot "
                        "be shipped: ask the OEM to mark it as tracked in inventory.",
                        part=product.display_name,
                    )
                )
            if not company.autocrm_used_part_location_id:
                raise UserError(
                    self.env._(
                        "%(dealer)s has no used-part location: give it the dealer "
                        "role.",
                        dealer=company.name,
                    )
                )
            vals_list.append(
                {
                    "product_id": product.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": product.uom_id.id,
                    "location_id": line._production_location().id,
                    "location_dest_id": company.autocrm_used_part_location_id.id,
                    "company_id": company.id,
                    "origin": line.return_id.name,
                    "name": self.env._("Removed part, tag %(tag)s", tag=line.tag),
                }
            )
        moves = self._done_moves(vals_list)
        for line, move in zip(self, moves, strict=True):
            # as superuser: the move just made for this line, nobody else's
            line.sudo().intake_move_id = move

    def _unbook_from_used_parts(self):
        """Take parts removed from a draft return back out of the used-part
        location, the way they came in."""
        intakes = self.intake_move_id.filtered(lambda move: move.state == "done")
        self._done_moves(
            [
                {
                    "product_id": move.product_id.id,
                    "product_uom_qty": move.product_uom_qty,
                    "product_uom": move.product_uom.id,
                    "location_id": move.location_dest_id.id,
                    "location_dest_id": move.location_id.id,
                    "company_id": move.company_id.id,
                    "origin": move.origin,
                    "origin_returned_move_id": move.id,
                    "name": move.name,
                }
                for move in intakes
            ]
        )
        # as superuser: the moves were just reversed; nothing else is written
        self.sudo().intake_move_id = False

    def _done_moves(self, vals_list):
        if not vals_list:
            return self.env["stock.move"]
        moves = self.env["stock.move"].create(vals_list)
        moves._action_confirm(merge=False)
        moves._action_assign()
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        moves._action_done()
        return moves

    def _production_location(self):
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        location = product.property_stock_production
        if not location or location.company_id not in (
            self.company_id | self.env["res.company"]
        ):
            location = self.env["stock.location"].search(
                [
                    ("usage", "=", "production"),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        return location

    def _write_off_not_received(self):
        """A part the OEM did not find in the box was received with the rest: take
        it back out of the claims centre's location into the OEM's inventory loss,
        so that the stock there is what is really on the shelf."""
        lines = self.filtered(lambda line: line.inspection_result == "not_received")
        vals_list = []
        for line in lines:
            receipt = line.return_id.receipt_picking_id
            centre = receipt.location_dest_id
            product = line.product_id.with_company(receipt.company_id)
            vals_list.append(
                {
                    "name": self.env._(
                        "Used part not received, tag %(tag)s", tag=line.tag
                    ),
                    "product_id": product.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": product.uom_id.id,
                    "location_id": centre.id,
                    "location_dest_id": product.property_stock_inventory.id,
                    "company_id": receipt.company_id.id,
                    "origin": line.return_id.name,
                }
            )
        if vals_list:
            company = lines.return_id.receipt_picking_id.company_id[:1]
            lines.with_company(company)._done_moves(vals_list)

    def _notify_inspection_result(self):
        """Tell the dealership, on its claim, each part the OEM's inspection did not
        confirm as defective: the claim cannot be approved for it."""
        labels = dict(
            self._fields["inspection_result"]._description_selection(self.env)
        )
        for line in self.filtered(
            lambda line: line.inspection_result
            and line.inspection_result != "defect_confirmed"
        ):
            body = Markup("<p>%s</p>") % self.env._(
                "Used part %(part)s (tag %(tag)s, return %(name)s) was inspected by "
                "the OEM: %(result)s. The claim cannot be approved for this part. "
                "%(note)s",
                part=line.product_id.display_name,
                tag=line.tag,
                name=line.return_id.name,
                result=labels[line.inspection_result],
                note=line.inspection_note or "",
            )
            # as superuser: posting on a dealer's claim needs write access to it,
            # which the OEM's used-part desk does not have; the author stays the
            # inspecting user and the body is the recorded result
            line.claim_id.sudo().message_post(
                body=body,
                author_id=self.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
