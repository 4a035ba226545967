from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import warmup

from .common import AutocrmCase, make_vin


class FollowupCase(AutocrmCase):
    """AutocrmCase with helpers to make vehicles and done visits due for a
    follow-up. Dealer A's first dealer manager is manager_a; dealer B has none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Followup = cls.env["autocrm.followup"]
        # what the demo network has due on this day is generated first: each test
        # counts what its own data makes due, on any day of the year
        cls.Followup._cron_followup_generate()
        cls.serial = 0

    @classmethod
    def _vehicle(cls, sold_days_ago, dealer=None, partner=None):
        dealer = dealer or cls.dealer_a
        cls.serial += 1
        return cls.env["autocrm.vehicle"].create(
            {
                "vin": make_vin(cls.serial, prefix="LFUT1A2B", plant="F"),
                "model_id": cls.sedan.id,
                "sale_date": cls.today - timedelta(days=sold_days_ago),
                "selling_dealer_id": dealer.id,
                "dealer_ids": [Command.set(dealer.ids)],
                "partner_id": (partner or cls.customer_a).id,
            }
        )

    @classmethod
    def _done_visit(cls, vehicle, days_ago, dealer=None, visit_type="maintenance"):
        dealer = dealer or cls.dealer_a
        visit = (
            cls.env["repair.order"]
            .with_company(dealer)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.partner_id.id,
                    "visit_date": cls.today - timedelta(days=days_ago),
                    "visit_type": visit_type,
                }
            )
        )
        visit.action_validate()
        visit.action_repair_start()
        visit.action_repair_end()
        return visit

    @classmethod
    def _followups(cls, vehicles):
        return cls.Followup.search([("vehicle_id", "in", vehicles.ids)])


@tagged("post_install", "-at_install")
class TestFollowupGenerate(FollowupCase):
    def test_generate_what_is_due_today(self):
        sold_7_days_ago = self._vehicle(7)
        sold_30_days_ago = self._vehicle(30)
        sold_3_days_ago = self._vehicle(3)
        serviced = self._vehicle(300)
        visit = self._done_visit(serviced, 3)
        vehicles = sold_7_days_ago | sold_30_days_ago | sold_3_days_ago | serviced

        self.assertEqual(self.Followup._cron_followup_generate(), 3)

        followups = self._followups(vehicles).sorted("id")
        self.assertRecordValues(
            followups,
            [
                {
                    "followup_type": "post_sale",
                    "vehicle_id": sold_7_days_ago.id,
                    "res_model": "autocrm.vehicle",
                    "res_id": sold_7_days_ago.id,
                },
                {
                    "followup_type": "first_maintenance_reminder",
                    "vehicle_id": sold_30_days_ago.id,
                    "res_model": "autocrm.vehicle",
                    "res_id": sold_30_days_ago.id,
                },
                {
                    "followup_type": "post_service",
                    "vehicle_id": serviced.id,
                    "res_model": "repair.order",
                    "res_id": visit.id,
                },
            ],
        )
        for followup in followups:
            self.assertRecordValues(
                followup,
                [
                    {
                        "partner_id": self.customer_a.id,
                        "company_id": self.dealer_a.id,
                        "user_id": self.manager_a.id,
                        "due_date": self.today,
                        "state": "planned",
                        "channel": "phone",
                        "completion_rate": 0.0,
                    }
                ],
            )
            self.assertRecordValues(
                followup.activity_ids,
                [
                    {
                        "user_id": self.manager_a.id,
                        "date_deadline": self.today,
                        "activity_type_id": self.env.ref(
                            "autocrm_customer.mail_activity_type_followup"
                        ).id,
                    }
                ],
            )

    def test_running_twice_creates_nothing_more(self):
        vehicle = self._vehicle(7)
        self._done_visit(vehicle, 3)
        self.assertEqual(self.Followup._cron_followup_generate(), 2)
        self.assertEqual(self.Followup._cron_followup_generate(), 0)
        self.assertEqual(len(self._followups(vehicle)), 2)
        self.assertEqual(len(self._followups(vehicle).activity_ids), 2)

    def test_backlog_within_look_back_only(self):
        """After days without a run, what fell due in the look-back window (14
        days by default) is created, overdue; older follow-ups are stale."""
        due_10_days_ago = self._vehicle(7 + 10)
        due_20_days_ago = self._vehicle(7 + 20)
        self.Followup._cron_followup_generate()
        followups = self._followups(due_10_days_ago | due_20_days_ago)
        self.assertEqual(followups.vehicle_id, due_10_days_ago)
        self.assertEqual(followups.due_date, self.today - timedelta(days=10))

        self.env["ir.config_parameter"].set_param(
            "autocrm_customer.followup_lookback_days", "30"
        )
        self.Followup._cron_followup_generate()
        followups = self._followups(due_10_days_ago | due_20_days_ago)
        self.assertEqual(followups.vehicle_id, due_10_days_ago | due_20_days_ago)

    def test_no_reminder_once_first_maintenance_done(self):
        vehicle = self._vehicle(30)
        self._done_visit(vehicle, 20, visit_type="first_maintenance")
        self.Followup._cron_followup_generate()
        self.assertFalse(
            self._followups(vehicle).filtered(
                lambda f: f.followup_type == "first_maintenance_reminder"
            )
        )

    def test_nothing_without_owner_or_for_an_archived_vehicle(self):
        archived = self._vehicle(7)
        archived.active = False
        without_owner = self._vehicle(7)
        without_owner.partner_id = False
        self.Followup._cron_followup_generate()
        self.assertFalse(self._followups(archived | without_owner))

    def test_assignee_is_follow_up_staff_else_first_dealer_manager(self):
        self.dealer_a.autocrm_followup_user_id = self.advisor_a
        staffed = self._vehicle(7)
        unstaffed = self._vehicle(7, dealer=self.dealer_b, partner=self.customer_b)
        self.Followup._cron_followup_generate()

        followup_a = self._followups(staffed)
        self.assertEqual(followup_a.user_id, self.advisor_a)
        self.assertEqual(followup_a.activity_ids.user_id, self.advisor_a)
        followup_b = self._followups(unstaffed)
        self.assertEqual(followup_b.company_id, self.dealer_b)
        self.assertFalse(followup_b.user_id)
        self.assertFalse(followup_b.activity_ids)

    def test_archived_follow_up_staff_falls_back_to_dealer_manager(self):
        self.dealer_a.autocrm_followup_user_id = self.advisor_a
        self.advisor_a.active = False
        vehicle = self._vehicle(7)
        self.Followup._cron_followup_generate()
        self.assertEqual(self._followups(vehicle).user_id, self.manager_a)

    def test_post_service_belongs_to_the_servicing_dealer(self):
        """A vehicle sold by dealer A and serviced at dealer B: B follows the
        visit up, with its own customer record of the visit."""
        vehicle = self._vehicle(300)
        self.env["autocrm.vehicle"].with_user(self.advisor_b).lookup_by_vin(vehicle.vin)
        visit = self._done_visit(vehicle, 3, dealer=self.dealer_b)
        self.Followup._cron_followup_generate()
        followup = self._followups(vehicle)
        self.assertEqual(followup.res_id, visit.id)
        self.assertEqual(followup.company_id, self.dealer_b)
        self.env.invalidate_all()
        self.assertEqual(
            followup.with_user(self.advisor_b).partner_id.name, "Customer A"
        )

    def test_batches_report_progress(self):
        vehicles = self._vehicle(7) | self._vehicle(7) | self._vehicle(7)
        cron, progress = self.env.ref(
            "autocrm_customer.ir_cron_followup_generate"
        )._add_progress()
        done = self.Followup.with_context(
            ir_cron_progress_id=progress.id
        )._cron_followup_generate(batch_size=2)
        self.assertEqual(done, 3)
        self.assertEqual(len(self._followups(vehicles)), 3)
        self.assertRecordValues(progress, [{"done": 3, "remaining": 0}])


@tagged("post_install", "-at_install", "is_query_count")
class TestFollowupGenerateQueries(FollowupCase):
    """The cost of a run does not grow with the number of follow-ups due."""

    # a run creating post_sale follow-ups for one assignee: the companies' days
    # (twice: the bounds and the per-company table), the count of what is due, one
    # insert per follow-up type, then the new follow-ups' rates, their activities
    # and the assignee as follower, each in one batch
    QUERIES = 22

    def _assert_generate_queries(self, vehicle_count):
        vehicles = self.env["autocrm.vehicle"]
        for _index in range(vehicle_count):
            vehicles |= self._vehicle(7)
        with self.assertQueryCount(self.QUERIES):
            self.Followup._cron_followup_generate()
        self.assertEqual(len(self._followups(vehicles)), vehicle_count)

    @warmup
    def test_queries_for_3_vehicles(self):
        self._assert_generate_queries(3)

    @warmup
    def test_queries_for_30_vehicles(self):
        self._assert_generate_queries(30)
