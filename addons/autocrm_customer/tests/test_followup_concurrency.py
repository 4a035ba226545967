from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from .common import make_vin

VEHICLE_COUNT = 3


@tagged("post_install", "-at_install")
class TestFollowupConcurrency(TransactionCase):
    """Two workers generate follow-ups at once, each in its own committed
    transaction (as account's TestSequenceMixinConcurrency does): the data they
    share is committed in setUp and deleted again afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            Followup = env["autocrm.followup"]
            dealer = env.ref("base.main_company")
            today = dealer._autocrm_today()
            partner = env["res.partner"].create(
                {"name": "Concurrent Customer", "company_id": dealer.id}
            )
            model = env["product.product"].create(
                {"name": "Concurrent Sedan", "autocrm_is_vehicle_model": True}
            )
            vehicles = env["autocrm.vehicle"].create(
                [
                    {
                        "vin": make_vin(serial, prefix="LFUC1A2B", plant="F"),
                        "model_id": model.id,
                        "sale_date": today - timedelta(days=7),
                        "selling_dealer_id": dealer.id,
                        "dealer_ids": [Command.set(dealer.ids)],
                        "partner_id": partner.id,
                    }
                    for serial in range(VEHICLE_COUNT)
                ]
            )
            # the runs below generate what is due in the whole database: remove
            # every follow-up they make, not only those of these vehicles
            last_followup_id = Followup.search([], order="id desc", limit=1).id or 0
        self.addCleanup(
            self._delete_committed, last_followup_id, vehicles, model, partner
        )
        self.vehicle_ids = vehicles.ids
        self.worker_1 = self._worker_env()
        self.worker_2 = self._worker_env()

    def _worker_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        # a scheduled run: the cron_id in its context lets it commit per batch
        cron = self.env.ref("autocrm_customer.ir_cron_followup_generate")
        return api.Environment(cr, SUPERUSER_ID, {"cron_id": cron.id})

    def _delete_committed(self, last_followup_id, vehicles, model, partner):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["autocrm.followup"].search([("id", ">", last_followup_id)]).unlink()
            vehicles.with_env(env).unlink()
            model.with_env(env).product_tmpl_id.unlink()
            partner.with_env(env).unlink()

    def _count_followups(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["autocrm.followup"].search_count(
                [("vehicle_id", "in", self.vehicle_ids)]
            )

    def test_two_workers_create_each_follow_up_once(self):
        """Worker 2's transaction starts before worker 1 commits: it cannot see
        worker 1's follow-ups, yet creates none of them again."""
        self.worker_2.cr.execute("SELECT 1")
        self.worker_1["autocrm.followup"]._cron_followup_generate()
        self.worker_1.cr.commit()
        self.assertEqual(self._count_followups(), VEHICLE_COUNT)
        self.assertEqual(self.worker_2["autocrm.followup"]._cron_followup_generate(), 0)
        self.worker_2.cr.commit()
        self.assertEqual(self._count_followups(), VEHICLE_COUNT)

    def test_outside_a_cron_the_caller_retries(self):
        """Called by hand in a transaction older than the other worker's commit,
        the run fails with a serialization failure, which Odoo's RPC layer
        retries, and creates nothing twice."""
        self.worker_2.cr.execute("SELECT 1")
        self.worker_1["autocrm.followup"]._cron_followup_generate()
        self.worker_1.cr.commit()
        by_hand = self.worker_2(context={})["autocrm.followup"]
        with self.assertRaises(SerializationFailure):
            by_hand._cron_followup_generate()
        self.worker_2.cr.rollback()
        self.assertEqual(by_hand._cron_followup_generate(), 0)
        self.assertEqual(self._count_followups(), VEHICLE_COUNT)
