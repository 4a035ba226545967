from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.autocrm_customer.tests.common import make_vin

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantyReports(WarrantyCase):
    def test_claim_in_customer_log(self):
        claim = self._claim()
        claim.action_submit()
        self.env.flush_all()
        log = self.env["autocrm.customer.log"].search(
            [("kind", "=", "claim"), ("res_id", "=", claim.id)]
        )
        self.assertEqual(log.name, claim.name)
        self.assertEqual(log.partner_id, self.customer_a)
        self.assertEqual(log.amount, 1140.0)

    def test_failures_and_early_warning(self):
        """Six quiet production months, then four claims on vehicles built in one
        month: an alert for that part on that model. The months are counted back
        from today, so the vehicles are built before they are sold on any day."""
        alert_month = (self.today - timedelta(days=90)).replace(day=1)
        quiet_month = alert_month - relativedelta(months=6)
        vehicles = self.env["autocrm.vehicle"].create(
            [
                {
                    "vin": vin,
                    "model_id": self.sedan.id,
                    "production_date": production,
                    "sale_date": self.today - timedelta(days=30),
                    "dealer_ids": [Command.set(self.dealer_a.ids)],
                    "partner_id": self.customer_a.id,
                }
                for vin, production in zip(
                    self._vins(5),
                    [quiet_month + timedelta(days=4)]
                    + [alert_month + timedelta(days=9)] * 4,
                    strict=True,
                )
            ]
        )
        for vehicle in vehicles:
            self._claim(vehicle=vehicle).action_submit()
        self.env.flush_all()
        Warning = self.env["autocrm.warranty.report.early.warning"]
        rows = Warning.search(
            [("model_id", "=", self.sedan.id), ("causal_part_id", "=", self.pump.id)]
        )
        by_month = {str(r.production_month): r for r in rows}
        self.assertFalse(by_month[str(quiet_month)].is_alert, "one claim is no alert")
        september = by_month[str(alert_month)]
        self.assertEqual(september.claim_count, 4)
        self.assertAlmostEqual(september.usual_count, 1 / 6, places=3)
        self.assertTrue(september.is_alert)
        failure = self.env["autocrm.warranty.report.failure"].search(
            [("model_id", "=", self.sedan.id), ("causal_part_id", "=", self.pump.id)]
        )
        self.assertEqual(failure.claim_count, 5)
        self.assertEqual(failure.vehicle_count, 7, "vehicle A, B and the five")
        self.assertAlmostEqual(failure.failure_rate, 5000 / 7, places=1)

    @classmethod
    def _vins(cls, count):
        """Valid VINs not used elsewhere (serials from 501)."""
        return [
            make_vin(serial, prefix="LTEW5A1B") for serial in range(501, 501 + count)
        ]
