from dateutil.relativedelta import relativedelta
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

CUSTOMER_COUNT = 3


@tagged("post_install", "-at_install")
class TestChurnDetectConcurrency(TransactionCase):
    """Two workers detect churn at once, each in its own committed transaction:
    the customers and visits they share are committed in setUp and deleted again
    afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            Case = env["autocrm.retention.case"]
            dealer = env.ref("base.main_company")
            # 10 months before the company's today: past its 9 months whatever the
            # day, also should the runs start after its midnight
            visit_date = dealer._autocrm_today() - relativedelta(months=10)
            partners = env["res.partner"].create(
                [
                    {"name": f"Concurrent Customer {index}", "company_id": dealer.id}
                    for index in range(CUSTOMER_COUNT)
                ]
            )
            visits = (
                env["repair.order"]
                .with_company(dealer)
                .create(
                    [
                        {
                            "partner_id": partner.id,
                            "visit_date": visit_date,
                            "state": "done",
                        }
                        for partner in partners
                    ]
                )
            )
            # the runs below detect churn in the whole database: remove every
            # case they open, not only those of these customers
            last_case_id = Case.search([], order="id desc", limit=1).id or 0
        self.addCleanup(self._delete_committed, last_case_id, visits, partners)
        self.partner_ids = partners.ids
        self.worker_1 = self._worker_env()
        self.worker_2 = self._worker_env()

    def _worker_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        # a scheduled run: the cron_id in its context lets it commit per batch
        cron = self.env.ref("autocrm_campaign.ir_cron_churn_detect")
        return api.Environment(cr, SUPERUSER_ID, {"cron_id": cron.id})

    def _delete_committed(self, last_case_id, visits, partners):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["autocrm.retention.case"].search([("id", ">", last_case_id)]).unlink()
            # in SQL: done repair orders cannot be deleted through the ORM
            cr.execute("DELETE FROM repair_order WHERE id = ANY(%s)", [visits.ids])
            partners.with_env(env).unlink()
            env["autocrm.customer.report.loyalty"]._refresh()

    def _count_cases(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["autocrm.retention.case"].search_count(
                [("partner_id", "in", self.partner_ids)]
            )

    def test_two_workers_open_each_case_once(self):
        """Worker 2's transaction starts before worker 1 commits: it cannot see
        worker 1's cases, yet opens none of them again."""
        self.worker_2.cr.execute("SELECT 1")
        self.worker_1["autocrm.retention.case"]._cron_churn_detect()
        self.worker_1.cr.commit()
        self.assertEqual(self._count_cases(), CUSTOMER_COUNT)
        worker_2_cases = self.worker_2["autocrm.retention.case"]
        self.assertEqual(worker_2_cases._cron_churn_detect(), 0)
        self.worker_2.cr.commit()
        self.assertEqual(self._count_cases(), CUSTOMER_COUNT)

    def test_outside_a_cron_the_caller_retries(self):
        """Called by hand in a transaction older than the other worker's commit,
        the run fails with a serialization failure, which Odoo's RPC layer
        retries, and opens nothing twice."""
        self.worker_2.cr.execute("SELECT 1")
        self.worker_1["autocrm.retention.case"]._cron_churn_detect()
        self.worker_1.cr.commit()
        by_hand = self.worker_2(context={})["autocrm.retention.case"]
        with self.assertRaises(SerializationFailure):
            by_hand._cron_churn_detect()
        self.worker_2.cr.rollback()
        self.assertEqual(by_hand._cron_churn_detect(), 0)
        self.assertEqual(self._count_cases(), CUSTOMER_COUNT)
