from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

COMPLAINT_COUNT = 3


@tagged("post_install", "-at_install")
class TestComplaintEscalateConcurrency(TransactionCase):
    """Two workers escalate at once, each in its own committed transaction: the
    complaints they share are committed in setUp and deleted again afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            oem = env.ref("base.main_company")
            partner = env["res.partner"].create(
                {"name": "Concurrent Complainer", "company_id": oem.id}
            )
            complaints = env["autocrm.complaint"].create(
                [
                    {
                        "company_id": oem.id,
                        "partner_id": partner.id,
                        "channel": "oem_hotline",
                        "received_at": fields.Datetime.now() - timedelta(hours=9),
                        "priority": "1",
                        "description": "Nobody called me back.",
                        "user_id": False,
                    }
                    for _index in range(COMPLAINT_COUNT)
                ]
            )
            # the runs notify the people asked to act: remove those messages too
            last_message_id = (
                env["mail.message"].search([], order="id desc", limit=1).id or 0
            )
        self.addCleanup(self._delete_committed, complaints, partner, last_message_id)
        self.complaint_ids = complaints.ids
        self.worker_1 = self._worker_env()
        self.worker_2 = self._worker_env()

    def _worker_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        # a scheduled run: the cron_id in its context lets it commit per batch
        cron = self.env.ref("autocrm_complaint.ir_cron_complaint_escalate")
        return api.Environment(cr, SUPERUSER_ID, {"cron_id": cron.id})

    def _delete_committed(self, complaints, partner, last_message_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            complaints.with_env(env).unlink()
            partner.with_env(env).unlink()
            env["mail.mail"].search(
                [("mail_message_id", ">", last_message_id)]
            ).unlink()
            env["mail.message"].search([("id", ">", last_message_id)]).unlink()

    def _escalation_counts(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            complaints = env["autocrm.complaint"].browse(self.complaint_ids)
            activities = env["mail.activity"].search_count(
                [
                    ("res_model", "=", "autocrm.complaint"),
                    ("res_id", "in", self.complaint_ids),
                ]
            )
            return complaints.mapped("escalated").count(True), activities

    def test_two_workers_escalate_each_complaint_once(self):
        """Worker 2's transaction starts before worker 1 commits: it cannot see
        the escalations of worker 1, yet escalates none of them again."""
        self.worker_2.cr.execute("SELECT 1")
        self.assertGreaterEqual(
            self.worker_1["autocrm.complaint"]._cron_complaint_escalate(),
            COMPLAINT_COUNT,
        )
        self.worker_1.cr.commit()
        escalated, activities = self._escalation_counts()
        self.assertEqual(escalated, COMPLAINT_COUNT)
        self.assertTrue(activities)
        self.assertEqual(
            self.worker_2["autocrm.complaint"]._cron_complaint_escalate(), 0
        )
        self.worker_2.cr.commit()
        self.assertEqual(self._escalation_counts(), (escalated, activities))

    def test_outside_a_cron_the_caller_retries(self):
        """Called by hand in a transaction older than the other worker's commit,
        the run fails with a serialization failure, which Odoo's RPC layer
        retries, and escalates nothing twice."""
        self.worker_2.cr.execute("SELECT 1")
        self.worker_1["autocrm.complaint"]._cron_complaint_escalate()
        self.worker_1.cr.commit()
        counts = self._escalation_counts()
        by_hand = self.worker_2(context={})["autocrm.complaint"]
        with self.assertRaises(SerializationFailure):
            by_hand._cron_complaint_escalate()
        self.worker_2.cr.rollback()
        self.assertEqual(by_hand._cron_complaint_escalate(), 0)
        self.assertEqual(self._escalation_counts(), counts)
