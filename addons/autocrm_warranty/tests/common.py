from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.autocrm_customer.tests.common import VIN_B, AutocrmCase


class WarrantyCase(AutocrmCase):
    """AutocrmCase plus a claims reviewer at the OEM, a vehicle of dealer B, a labour
    operation, two parts (the pump goes back to the OEM, the gasket does not) and a
    claim builder.

    ``today`` is the base's: dealer A's day, the clock frozen for the class. Dates
    are built from it in days (the claim rules count days); both vehicles were
    sold well inside their 36 months' warranty on any day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Claim = cls.env["autocrm.warranty.claim"]
        cls.reviewer = new_test_user(
            cls.env,
            login="claims_reviewer",
            groups="autocrm_warranty.group_claims_reviewer",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.vehicle_a.sale_date = cls.today - timedelta(days=400)
        cls.vehicle_b = cls.env["autocrm.vehicle"].create(
            {
                "vin": VIN_B,
                "model_id": cls.sedan.id,
                "sale_date": cls.today - timedelta(days=200),
                "selling_dealer_id": cls.dealer_b.id,
                "dealer_ids": [Command.set(cls.dealer_b.ids)],
                "partner_id": cls.customer_b.id,
            }
        )
        cls.operation = cls.env["autocrm.labour.operation"].create(
            {"code": "T-ENG-01", "name": "Replace water pump", "flat_rate_hours": 2.0}
        )
        cls.pump, cls.gasket = cls.env["product.product"].create(
            [
                {"name": "Water pump", "type": "consu", "list_price": 800.0},
                {
                    "name": "Pump gasket",
                    "type": "consu",
                    "list_price": 50.0,
                    "autocrm_return_policy": "none",
                },
            ]
        )

    @classmethod
    def _claim_vals(cls, vehicle=None, days_ago=2, **kw):
        vehicle = vehicle or cls.vehicle_a
        vals = {
            "vehicle_id": vehicle.id,
            "repair_date": cls.today - timedelta(days=days_ago),
            "odometer": 20000,
            "claim_type": "warranty",
            "causal_part_id": cls.pump.id,
            "customer_words": "Coolant on the garage floor.",
            "labour_line_ids": [
                Command.create({"operation_id": cls.operation.id, "hours": 2.0})
            ],
            "part_line_ids": [
                Command.create({"product_id": cls.pump.id, "quantity": 1}),
                Command.create({"product_id": cls.gasket.id, "quantity": 2}),
            ],
        }
        vals.update(kw)
        return vals

    @classmethod
    def _claim(cls, user=None, **kw):
        user = user or cls.advisor_a
        return cls.Claim.with_user(user).create(cls._claim_vals(**kw))

    @classmethod
    def _inspect(cls, claim, result="defect_confirmed"):
        claim.part_line_ids.filtered("return_required").with_user(
            cls.reviewer
        ).inspection_result = result
