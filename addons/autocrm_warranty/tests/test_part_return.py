from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_part_return import PartReturnCase


@tagged("post_install", "-at_install")
class TestPartReturn(PartReturnCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls._submitted_claim(
            cls.advisor_a,
            cls.vehicle_a,
            [(cls.pump, 1, True), (cls.sensor, 2, True), (cls.filter, 1, False)],
        )
        cls.pump_line, cls.sensor_line, cls.filter_line = cls.claim.part_line_ids
        cls.used_a = cls.dealer_a.autocrm_used_part_location_id

    def test_add_outstanding_parts(self):
        """The dealer's return takes its submitted claims' return-required parts, not
        the draft claims' nor the parts that stay at the dealership, tags each, and
        books the removed parts into the used-part location; a second return finds
        nothing left."""
        self._submitted_claim(
            self.advisor_a, self.vehicle_a, [(self.pump, 1, True)], submit=False
        )
        part_return = self._return_with_outstanding(self.advisor_a)
        self.assertEqual(
            part_return.line_ids.claim_line_id, self.pump_line | self.sensor_line
        )
        self.assertEqual(part_return.line_ids.mapped("quantity"), [1, 2])
        self.assertTrue(all(part_return.line_ids.mapped("tag")))
        self.assertEqual(len(set(part_return.line_ids.mapped("tag"))), 2)
        self.assertEqual(self._qty(self.pump, self.used_a), 1)
        self.assertEqual(self._qty(self.sensor, self.used_a), 2)
        self.assertEqual(self._qty(self.filter, self.used_a), 0)
        with self.assertRaisesRegex(UserError, "no used part waiting"):
            self._return_with_outstanding(self.advisor_a)

    def test_claim_part_lines_are_named_by_claim_and_part(self):
        """The return's part list names each claim line by its claim and part, and
        the dealer finds it by the claim number."""
        Line = self.env["autocrm.warranty.claim.part"].with_user(self.advisor_a)
        line = Line.browse(self.pump_line.id)
        self.assertEqual(
            line.display_name,
            f"{self.claim.name} · {self.pump.display_name}",
        )
        self.assertIn(line, Line.search([("display_name", "ilike", self.claim.name)]))

    def test_removing_a_draft_line_takes_the_part_back_out(self):
        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.with_user(self.advisor_a).line_ids.filtered(
            lambda line: line.product_id == self.sensor
        ).unlink()
        self.assertEqual(self._qty(self.sensor, self.used_a), 0)
        self.assertEqual(self._qty(self.pump, self.used_a), 1)
        # the part can go on the next return; deleting it takes the parts out again
        other = self._return_with_outstanding(self.advisor_a)
        self.assertEqual(other.line_ids.claim_line_id, self.sensor_line)
        self.assertEqual(self._qty(self.sensor, self.used_a), 2)
        other.unlink()
        self.assertEqual(self._qty(self.sensor, self.used_a), 0)

    def test_ship_and_receive_move_the_stock(self):
        """Shipping validates the dealer's delivery into inter-company transit and
        leaves the OEM's receipt waiting; receiving validates it into the claims
        centre."""
        transit_before = self._qty(self.pump, self.transit)
        centre_before = self._qty(self.pump, self.claims_centre)
        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.with_user(self.advisor_a).action_ship()

        self.assertEqual(part_return.state, "shipped")
        picking = part_return.picking_id
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.company_id, self.dealer_a)
        self.assertEqual(picking.location_id, self.used_a)
        self.assertEqual(picking.location_dest_id, self.transit)
        receipt = part_return.receipt_picking_id
        self.assertEqual(receipt.company_id, self.oem)
        self.assertEqual(receipt.state, "assigned")
        self.assertEqual(receipt.location_dest_id, self.claims_centre)
        self.assertEqual(self._qty(self.pump, self.used_a), 0)
        self.assertEqual(self._qty(self.sensor, self.used_a), 0)
        self.assertEqual(self._qty(self.pump, self.transit), transit_before + 1)
        self.assertEqual(self._qty(self.pump, self.claims_centre), centre_before)
        self.assertEqual(
            self.Quant._get_available_quantity(self.sensor, self.used_a), 0
        )

        with self.assertRaises(AccessError):
            part_return.with_user(self.advisor_a).action_receive()
        part_return.with_user(self.oem_user).action_receive()

        self.assertEqual(part_return.state, "received")
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._qty(self.pump, self.transit), transit_before)
        self.assertEqual(self._qty(self.pump, self.claims_centre), centre_before + 1)
        self.assertEqual(self._qty(self.sensor, self.claims_centre), 2)
        self.assertEqual(
            self.Quant._get_available_quantity(self.sensor, self.claims_centre), 2
        )
        # the dealer sees its own shipment, not the OEM's receipt
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            receipt.with_user(self.advisor_a).read(["name"])

    def test_only_dealerships_return_parts(self):
        with self.assertRaisesRegex(ValidationError, "is not a dealership"):
            self.Return.create({"company_id": self.oem.id})

    def test_ship_refuses_empty_or_shipped_returns(self):
        part_return = self.Return.with_user(self.advisor_a).create({})
        with self.assertRaisesRegex(UserError, "has no parts"):
            part_return.action_ship()
        part_return.action_add_outstanding()
        part_return.action_ship()
        with self.assertRaisesRegex(UserError, "only a Draft return"):
            part_return.action_ship()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            part_return.line_ids[0].quantity = 0.5

    def test_inspection_feeds_claim_approval(self):
        """Only the OEM inspects; a result other than defect-confirmed goes onto the
        claim line, tells the dealer on the claim and blocks approval with its
        reason; a defect-confirmed part lets the reviewer approve."""
        second = self._submitted_claim(
            self.advisor_a, self.vehicle_a, [(self.sensor, 1, True)]
        )
        part_return = self._received(self._return_with_outstanding(self.advisor_a))
        lines = {line.claim_line_id: line for line in part_return.line_ids}
        pump = lines[self.pump_line]
        sensor = lines[self.sensor_line]
        second_sensor = lines[second.part_line_ids]

        with self.assertRaises(AccessError):
            pump.with_user(self.advisor_a).inspection_result = "defect_confirmed"
        with self.assertRaises(AccessError):
            part_return.with_user(self.advisor_a).action_inspect()
        desk = part_return.with_user(self.oem_user)
        pump.with_user(self.oem_user).inspection_result = "no_defect"
        with self.assertRaisesRegex(UserError, "record the inspection result"):
            desk.action_inspect()
        sensor.with_user(self.oem_user).write(
            {"inspection_result": "wrong_part", "inspection_note": "A brake sensor"}
        )
        second_sensor.with_user(self.oem_user).inspection_result = "defect_confirmed"
        messages_before = len(self.claim.message_ids)
        desk.action_inspect()

        self.assertEqual(part_return.state, "inspected")
        self.assertEqual(part_return.inspector_id, self.oem_user)
        self.assertEqual(self.pump_line.inspection_result, "no_defect")
        self.assertEqual(self.sensor_line.inspection_result, "wrong_part")
        self.assertEqual(second.part_line_ids.inspection_result, "defect_confirmed")
        new = self.claim.message_ids[: len(self.claim.message_ids) - messages_before]
        self.assertEqual(len(new), 2)
        self.assertIn("No Defect Found", "".join(new.mapped("body")))
        self.assertIn("A brake sensor", "".join(new.mapped("body")))
        self.assertEqual(new.author_id, self.oem_user.partner_id)
        self.assertFalse(second.message_ids.filtered(lambda m: "inspected" in m.body))

        with self.assertRaisesRegex(UserError, "found no defect"):
            self.claim.with_user(self.reviewer).action_approve()
        second.with_user(self.reviewer).action_approve()
        self.assertEqual(second.state, "approved")
        self.assertEqual(self.claim.state, "submitted")

    def test_wrong_part_blocks_approval_with_its_reason(self):
        part_return = self._received(self._return_with_outstanding(self.advisor_a))
        part_return.line_ids.with_user(self.oem_user).inspection_result = "wrong_part"
        part_return.with_user(self.oem_user).action_inspect()
        with self.assertRaisesRegex(UserError, "not the one claimed"):
            self.claim.with_user(self.reviewer).action_approve()

    def test_inspection_waits_for_reception(self):
        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.with_user(self.advisor_a).action_ship()
        with self.assertRaisesRegex(UserError, "not received"):
            part_return.line_ids[0].with_user(
                self.oem_user
            ).inspection_result = "defect_confirmed"
        with self.assertRaisesRegex(UserError, "only a Received return"):
            part_return.with_user(self.oem_user).action_inspect()

    def test_dealers_see_their_own_returns_only(self):
        claim_b = self._submitted_claim(
            self.advisor_b, self.vehicle_b, [(self.pump, 1, True)]
        )
        return_a = self._return_with_outstanding(self.advisor_a)
        return_b = self._return_with_outstanding(self.advisor_b)
        self.assertEqual(return_b.line_ids.claim_line_id, claim_b.part_line_ids)
        self.env.flush_all()
        self.env.invalidate_all()

        Return = self.Return.with_user(self.advisor_b)
        self.assertEqual(Return.search([]), return_b)
        self.assertFalse(
            self.env["autocrm.part.return.line"]
            .with_user(self.advisor_b)
            .search([("return_id", "=", return_a.id)])
        )
        with self.assertRaises(AccessError):
            return_a.with_user(self.advisor_b).read(["name"])
        with self.assertRaises(AccessError):
            return_a.line_ids[0].with_user(self.advisor_b).read(["tag"])
        self.assertEqual(
            self.Return.with_user(self.oem_user).search(
                [("id", "in", (return_a | return_b).ids)]
            ),
            return_a | return_b,
        )

    def test_outstanding_parts_analysis(self):
        """The analysis lists what the OEM has not received yet, per dealer, with the
        days since submission (to the dealership's day when the view is read)."""
        self.claim.sudo().submitted_date = self._db_day(self.dealer_a) - timedelta(
            days=12
        )
        Report = self.env["autocrm.part.return.report.outstanding"]
        self.env.flush_all()
        rows = Report.with_user(self.advisor_a).search([])
        self.assertEqual(rows.claim_line_id, self.pump_line | self.sensor_line)
        self.assertEqual(set(rows.mapped("stage")), {"to_pack"})
        self.assertEqual(set(rows.mapped("days_outstanding")), {12})
        self.assertFalse(Report.with_user(self.advisor_b).search([]))

        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.action_ship()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            set(Report.search([("company_id", "=", self.dealer_a.id)]).mapped("stage")),
            {"shipped"},
        )
        part_return.with_user(self.oem_user).action_receive()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertFalse(Report.search([("company_id", "=", self.dealer_a.id)]))

    def test_screens_open_for_dealer_and_oem(self):
        """The return, receiving and analysis screens load and their records read
        for a dealer's staff and for the OEM; each sees the transfers it may."""
        part_return = self._return_with_outstanding(self.advisor_a)
        part_return.action_ship()
        views = {
            "autocrm.part.return": ["list", "form", "kanban", "search"],
            "autocrm.part.return.line": ["list", "search"],
            "autocrm.part.return.report.outstanding": [
                "pivot",
                "graph",
                "list",
                "search",
            ],
        }
        receiving = self.env.ref(
            "autocrm_warranty.autocrm_part_return_view_list_receiving"
        )
        for user in (self.advisor_a, self.oem_user):
            for model, types in views.items():
                result = (
                    self.env[model]
                    .with_user(user)
                    .get_views([(False, view_type) for view_type in types])
                )
                self.assertEqual(set(result["views"]), set(types))
            form = self.Return.with_user(user).get_views([(False, "form")])
            part_return.with_user(user).read(
                list(form["models"]["autocrm.part.return"]["fields"])
            )
            self.Return.with_user(user).get_views([(receiving.id, "list")])
        dealer_action = part_return.with_user(self.advisor_a).action_view_pickings()
        self.assertEqual(dealer_action["res_id"], part_return.picking_id.id)
        oem_action = part_return.with_user(self.oem_user).action_view_pickings()
        self.assertEqual(
            oem_action["domain"],
            [
                (
                    "id",
                    "in",
                    (part_return.picking_id | part_return.receipt_picking_id).ids,
                )
            ],
        )

    def test_form_adds_a_part_as_the_ui_does(self):
        with Form(self.Return.with_user(self.advisor_a)) as form:
            with form.line_ids.new() as line:
                line.claim_line_id = self.sensor_line
        part_return = form.save()
        self.assertEqual(part_return.company_id, self.dealer_a)
        self.assertEqual(part_return.line_ids.quantity, 2)
        self.assertTrue(part_return.line_ids.tag)
        self.assertEqual(self._qty(self.sensor, self.used_a), 2)

    def test_part_not_received_is_written_off_at_the_claims_centre(self):
        """A part missing from the box leaves the claims centre's stock for the
        OEM's inventory loss, and blocks its claim's approval."""
        centre_before = self._qty(self.pump, self.claims_centre)
        part_return = self._received(self._return_with_outstanding(self.advisor_a))
        lines = {line.claim_line_id: line for line in part_return.line_ids}
        desk = self.oem_user
        lines[self.pump_line].with_user(desk).inspection_result = "not_received"
        lines[self.sensor_line].with_user(desk).inspection_result = "defect_confirmed"
        part_return.with_user(desk).action_inspect()
        self.assertEqual(self._qty(self.pump, self.claims_centre), centre_before)
        self.assertEqual(self._qty(self.sensor, self.claims_centre), 2)
        loss = self.pump.with_company(self.oem).property_stock_inventory
        self.assertEqual(self._qty(self.pump, loss), 1)
        with self.assertRaisesRegex(UserError, "has not received it"):
            self.claim.with_user(self.reviewer).action_approve()

    def test_tags_and_packing_list_print(self):
        part_return = self._return_with_outstanding(self.advisor_a)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.advisor_a)
            ._render_qweb_html(
                "autocrm_warranty.action_report_part_return_tags", part_return.ids
            )[0]
            .decode()
        )
        for line in part_return.line_ids:
            self.assertIn(line.tag, html)
        self.assertIn(self.claim.name, html)

    def test_status_changes_through_the_buttons_only(self):
        """Neither a dealer nor the OEM can jump a return's status by writing it;
        another dealer cannot put dealer A's claim parts on its own return."""
        part_return = self._return_with_outstanding(self.advisor_a)
        with self.assertRaisesRegex(UserError, "buttons only"):
            part_return.write({"state": "inspected"})
        with self.assertRaisesRegex(UserError, "buttons only"):
            part_return.with_user(self.oem_user).write({"state": "received"})
        other_a = self._submitted_claim(
            self.advisor_a, self.vehicle_a, [(self.pump, 1, True)]
        )
        return_b = self.Return.with_user(self.advisor_b).create({})
        # AccessError (the claim part is unreadable) or the company check
        with self.assertRaises(UserError):
            return_b.write(
                {
                    "line_ids": [
                        Command.create({"claim_line_id": other_a.part_line_ids.id})
                    ]
                }
            )
