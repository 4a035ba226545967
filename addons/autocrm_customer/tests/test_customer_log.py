from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AutocrmCase


@tagged("post_install", "-at_install")
class TestCustomerLog(AutocrmCase):
    def _done_visit(self, user, visit_date, words, visit_type="maintenance"):
        repair = (
            self.env["repair.order"]
            .with_user(user)
            .create(
                {
                    "vehicle_id": self.vehicle_a.id,
                    "partner_id": self.customer_a.id,
                    "visit_type": visit_type,
                    "visit_date": visit_date,
                    "customer_words": words,
                }
            )
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def test_log_lists_visits_and_followups_newest_first(self):
        """Dealer A's advisor reads one chronological list: visits with what was
        done, follow-ups with the customer's remarks and satisfaction; dealer B's
        visit of the same shared vehicle is not in A's log."""
        first = self._done_visit(self.advisor_a, "2025-06-01", "Squeak at the front")
        self._done_visit(self.advisor_a, "2025-09-01", "Oil change")
        followup = (
            self.env["autocrm.followup"]
            .with_user(self.advisor_a)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "vehicle_id": self.vehicle_a.id,
                    "followup_type": "post_service",
                    "due_date": "2025-06-04",
                    "res_model": "repair.order",
                    "res_id": first.id,
                }
            )
        )
        followup.write(
            {
                "channel": "phone",
                "reached": True,
                "satisfaction": "4",
                "customer_remarks": "Squeak gone",
            }
        )
        followup.action_done()
        self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(
            self.vehicle_a.vin
        )
        self._done_visit(self.advisor_b, "2025-10-01", "Tyre check at B")
        self.env.flush_all()
        log = self.env["autocrm.customer.log"].with_user(self.advisor_a)
        entries = log.search([("partner_id", "=", self.customer_a.id)])
        # the follow-up call is dated the day it was made: today
        self.assertEqual(entries.mapped("kind"), ["followup", "visit", "visit"])
        self.assertEqual(entries[0].satisfaction, "4")
        self.assertIn("Squeak gone", entries[0].detail)
        self.assertEqual(entries[1].detail, "Oil change")
        self.assertFalse(entries[1].satisfaction)
        self.assertEqual(entries[2].satisfaction, "4", "the visit's follow-up score")
        oem_log = self.env["autocrm.customer.log"].with_user(self.oem_user)
        self.assertEqual(
            len(oem_log.search([("partner_id", "=", self.customer_a.id)])), 4
        )

    def test_other_dealer_cannot_read_the_log(self):
        visit = self._done_visit(self.advisor_a, "2025-06-01", "Brake pads")
        self.env.flush_all()
        log_b = self.env["autocrm.customer.log"].with_user(self.advisor_b)
        self.assertFalse(log_b.search([("partner_id", "=", self.customer_a.id)]))
        entry = self.env["autocrm.customer.log"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", visit.id)]
        )
        with self.assertRaises(AccessError):
            entry.with_user(self.advisor_b).read(["detail"])

    def test_log_prints(self):
        self._done_visit(self.advisor_a, "2025-06-01", "Brake pads")
        self.env.flush_all()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "autocrm_customer.autocrm_customer_log_report", self.customer_a.ids
        )[0]
        self.assertIn(b"Brake pads", html)
