from datetime import timedelta

import pytz

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.autocrm_customer.tests.common import VIN_B, AutocrmCase


class PartReturnCase(AutocrmCase):
    """AutocrmCase plus a claims reviewer, storable parts, a vehicle of dealer B and
    helpers for submitted claims and used-part returns.

    ``today`` is the base's: dealer A's day, the clock frozen for the class; the
    vehicles are sold some days before it, so that their warranty covers a repair
    of today on any day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.oem.autocrm_used_part_location_id:
            # a database without demo data: the host company is not the OEM yet
            cls.oem.autocrm_role = "oem"
        cls.reviewer = new_test_user(
            cls.env,
            login="claims_reviewer",
            groups="autocrm_warranty.group_claims_reviewer",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.pump, cls.sensor, cls.filter = cls.env["product.product"].create(
            [
                {
                    "name": "Test Water Pump",
                    "is_storable": True,
                    "list_price": 300.0,
                },
                {
                    "name": "Test ABS Sensor",
                    "is_storable": True,
                    "list_price": 80.0,
                },
                {
                    "name": "Test Oil Filter",
                    "is_storable": True,
                    "list_price": 20.0,
                    "autocrm_return_policy": "none",
                },
            ]
        )
        cls.vehicle_b = cls.env["autocrm.vehicle"].create(
            {
                "vin": VIN_B,
                "license_plate": "沪B·00002",
                "model_id": cls.sedan.id,
                "sale_date": cls.today - timedelta(days=200),
                "selling_dealer_id": cls.dealer_b.id,
                "dealer_ids": [Command.set(cls.dealer_b.ids)],
                "partner_id": cls.customer_b.id,
            }
        )
        cls.Return = cls.env["autocrm.part.return"]
        cls.Quant = cls.env["stock.quant"]
        cls.transit = cls.env.ref("stock.stock_location_inter_company")
        cls.claims_centre = cls.oem.autocrm_used_part_location_id
        cls.vehicle_a.sale_date = cls.today - timedelta(days=400)

    @classmethod
    def _submitted_claim(cls, user, vehicle, parts, submit=True):
        """A warranty claim by `user` for `vehicle` with part lines
        [(product, quantity, return_required)], submitted. The parts' return
        follows their policy (the pump and the sensor go back, the filter does
        not); where `return_required` says otherwise, the reviewer sets it."""
        claim = (
            cls.env["autocrm.warranty.claim"]
            .with_user(user)
            .create(
                {
                    "company_id": user.company_id.id,
                    "vehicle_id": vehicle.id,
                    "repair_date": cls.today,
                    "odometer": 20000,
                    "claim_type": "warranty",
                    "causal_part_id": parts[0][0].id,
                    "customer_words": "Noise from the engine",
                    "part_line_ids": [
                        Command.create({"product_id": product.id, "quantity": quantity})
                        for product, quantity, _required in parts
                    ],
                }
            )
        )
        for line, (_product, _quantity, required) in zip(
            claim.part_line_ids, parts, strict=True
        ):
            if line.return_required != required:
                line.with_user(cls.reviewer).return_policy = (
                    "return" if required else "none"
                )
        if submit:
            claim.action_submit()
        return claim

    @classmethod
    def _return_with_outstanding(cls, user):
        part_return = cls.Return.with_user(user).create(
            {"company_id": user.company_id.id}
        )
        part_return.action_add_outstanding()
        return part_return

    def _qty(self, product, location):
        """On-hand quantity of `product` at `location` (quants of all companies)."""
        quants = self.Quant.sudo().search(
            [("product_id", "=", product.id), ("location_id", "=", location.id)]
        )
        return sum(quants.mapped("quantity"))

    def _db_day(self, company):
        """The company's day at PostgreSQL's ``now()`` (the transaction's time,
        which SQL views read; the Python clock is frozen, PostgreSQL's is not)."""
        self.env.cr.execute("SELECT now()")
        now = self.env.cr.fetchone()[0]
        return now.astimezone(pytz.timezone(company._autocrm_tz_name())).date()

    def _received(self, part_return):
        part_return.with_user(self.advisor_a).action_ship()
        part_return.with_user(self.oem_user).action_receive()
        return part_return
