from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import make_vin

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestFailureRateTotals(WarrantyCase):
    """Failures per 1,000 vehicles as a pivot reads them, at every level. By hand:

    =======  ==============  =========  ===========
    model    vehicles sold   pump       gasket
    =======  ==============  =========  ===========
    sedan    2 (A and B)     2 claims   1 claim
    SUV      3               1 claim    -
    =======  ==============  =========  ===========

    Sedan: 3 claims / 2 vehicles = 1,500; the SUV: 1 / 3 = 333.33; the pump: 3 / 5
    = 600 (adding the models' rates made 1,333.33); the whole: 4 / 5 = 800 (adding
    the rows made 2,333.33), over 5 vehicles (the largest model had 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.suv = cls.env["product.product"].create(
            {"name": "Test SUV", "autocrm_is_vehicle_model": True}
        )
        suvs = cls.env["autocrm.vehicle"].create(
            [
                {
                    "vin": make_vin(serial, prefix="LTEW5A1B"),
                    "model_id": cls.suv.id,
                    "sale_date": cls.today - timedelta(days=60),
                    "dealer_ids": [Command.set(cls.dealer_a.ids)],
                    "partner_id": cls.customer_a.id,
                }
                for serial in range(601, 604)
            ]
        )
        cls.code = cls.env["autocrm.fault.code"].create(
            {"code": "P0117", "name": "Coolant temperature low", "code_type": "dtc"}
        )
        coded = {"fault_code_ids": [Command.set(cls.code.ids)]}
        claims = (
            cls._claim(**coded)
            | cls._claim(user=cls.advisor_b, vehicle=cls.vehicle_b, **coded)
            | cls._claim(causal_part_id=cls.gasket.id, **coded)
            | cls._claim(vehicle=suvs[0], **coded)
        )
        claims.action_submit()
        cls.env.flush_all()
        cls.domain = [("model_id", "in", (cls.sedan | cls.suv).ids)]

    def _groups(self, model, groupby, measures):
        return (
            self.env[model]
            .with_user(self.oem_user)
            ._read_group(self.domain, groupby, measures)
        )

    def test_failure_rate_weighted_at_every_level(self):
        Report = "autocrm.warranty.report.failure"
        measures = ["claim_count:sum", "vehicle_count:max", "failure_rate:sum"]
        [(claims, vehicles, rate)] = self._groups(Report, [], measures)
        self.assertEqual((claims, vehicles), (4, 5))
        self.assertAlmostEqual(rate, 1000 * claims / vehicles, places=2)
        self.assertAlmostEqual(rate, 800.0, places=2)
        by_part = {
            part: (claims, vehicles, round(rate, 2))
            for part, claims, vehicles, rate in self._groups(
                Report, ["causal_part_id"], measures
            )
        }
        self.assertEqual(
            by_part, {self.pump: (3, 5, 600.0), self.gasket: (1, 5, 200.0)}
        )
        by_model = {
            model: (claims, vehicles, round(rate, 2))
            for model, claims, vehicles, rate in self._groups(
                Report, ["model_id"], measures
            )
        }
        self.assertEqual(
            by_model, {self.sedan: (3, 2, 1500.0), self.suv: (1, 3, 333.33)}
        )
        # one row reads its own rate
        suv_row = (
            self.env[Report]
            .with_user(self.oem_user)
            .search([("model_id", "=", self.suv.id)])
        )
        self.assertAlmostEqual(suv_row.failure_rate, 333.33, places=2)

    def test_failure_rate_of_a_part_filtered(self):
        """A filter on the causal part leaves the vehicles whole: the pump's
        claims per 1,000 vehicles of the two models."""
        [(rate,)] = (
            self.env["autocrm.warranty.report.failure"]
            .with_user(self.oem_user)
            ._read_group(
                self.domain + [("causal_part_id", "=", self.pump.id)],
                [],
                ["failure_rate:sum"],
            )
        )
        self.assertAlmostEqual(rate, 600.0, places=2)

    def test_fault_code_failure_rate_weighted_across_models(self):
        [(claims, vehicles, rate)] = (
            self.env["autocrm.warranty.report.fault.code"]
            .with_user(self.oem_user)
            ._read_group(
                self.domain + [("fault_code_id", "=", self.code.id)],
                [],
                ["claim_count:sum", "vehicle_count:max", "failure_rate:sum"],
            )
        )
        self.assertEqual((claims, vehicles), (4, 5))
        self.assertAlmostEqual(rate, 800.0, places=2)

    def test_times_the_usual_weighted(self):
        """The early warning's "times the usual" of a group is its claims over
        the usual claims of its rows: a van built in two months, 1 claim in the
        first, 2 in the second (usual 1/6, 12 times): 3 / (1/6) = 18 over both,
        not the largest row's 12."""
        van = self.env["product.product"].create(
            {"name": "Test Van", "autocrm_is_vehicle_model": True}
        )
        first = (self.today - timedelta(days=120)).replace(day=1)
        second = (first + timedelta(days=40)).replace(day=1)
        vans = self.env["autocrm.vehicle"].create(
            [
                {
                    "vin": make_vin(serial, prefix="LTEW5A1B"),
                    "model_id": van.id,
                    "production_date": production,
                    "sale_date": self.today - timedelta(days=30),
                    "dealer_ids": [Command.set(self.dealer_a.ids)],
                    "partner_id": self.customer_a.id,
                }
                for serial, production in zip(
                    range(611, 614), [first, second, second], strict=True
                )
            ]
        )
        for vehicle in vans:
            self._claim(vehicle=vehicle).action_submit()
        self.env.flush_all()
        Warning = self.env["autocrm.warranty.report.early.warning"].with_user(
            self.oem_user
        )
        domain = [("model_id", "=", van.id)]
        self.assertEqual(sorted(Warning.search(domain).mapped("ratio")), [0.0, 12.0])
        [(claims, usual, ratio)] = Warning._read_group(
            domain, [], ["claim_count:sum", "usual_count:sum", "ratio:max"]
        )
        self.assertEqual(claims, 3)
        self.assertAlmostEqual(usual, 1 / 6, places=6)
        self.assertAlmostEqual(ratio, 18.0, places=6)
