from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .test_followup import FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupOutcome(FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._vehicle(7)
        cls.Followup._cron_followup_generate()
        cls.followup = cls._followups(cls.vehicle)
        cls.followup.user_id = cls.advisor_a

    def test_dealer_records_the_outcome_on_one_screen(self):
        followup = self.followup.with_user(self.advisor_a)
        self.assertEqual(followup.activity_ids.user_id, self.advisor_a)
        with Form(followup) as form:
            form.channel = "wechat"
            form.reached = True
            form.satisfaction = "4"
            form.customer_remarks = "Happy with the car, the delivery was slow."
        self.assertTrue(followup.action_done())
        self.assertRecordValues(
            followup,
            [
                {
                    "state": "done",
                    "done_date": self.today,
                    "is_on_time": True,
                    "completion_rate": 100.0,
                    "on_time_rate": 100.0,
                    "satisfaction_score": 4.0,
                }
            ],
        )
        self.assertFalse(followup.activity_ids, "done closes the activity")

    def test_unrated_follow_up_is_left_out_of_the_average(self):
        """A follow-up without a satisfaction stores no score, not 0: the average
        satisfaction is that of the rated follow-ups."""
        rated = self.followup
        rated.write({"reached": True, "satisfaction": "4"})
        unrated = self.Followup.create(
            {
                "partner_id": self.customer_a.id,
                "vehicle_id": self.vehicle.id,
                "company_id": self.dealer_a.id,
                "followup_type": "post_service",
                "due_date": self.today,
                "reached": True,
            }
        )
        (rated | unrated).action_done()
        self.assertRecordValues(
            rated | unrated,
            [{"satisfaction_score": 4.0}, {"satisfaction_score": False}],
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT satisfaction_score IS NULL FROM autocrm_followup WHERE id = %s",
                unrated.id,
            )
        )
        self.assertTrue(self.env.cr.fetchone()[0], "unrated: NULL in the database")
        [(average,)] = self.Followup._read_group(
            [("id", "in", (rated | unrated).ids)], [], ["satisfaction_score:avg"]
        )
        self.assertEqual(average, 4.0)

    def test_late_follow_up_is_not_on_time(self):
        self.followup.due_date = self.today - timedelta(days=2)
        self.followup.action_done()
        self.assertRecordValues(
            self.followup,
            [{"is_on_time": False, "completion_rate": 100.0, "on_time_rate": 0.0}],
        )

    def test_dissatisfied_customer_calls_for_a_complaint(self):
        """Without a complaint module the advisor is told to open one."""
        followup = self.followup.with_user(self.advisor_a)
        followup.write({"reached": True, "satisfaction": "2"})
        with patch.object(
            type(self.Followup), "_autocrm_action_open_complaint", return_value=False
        ):
            action = followup.action_done()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Customer A", action["params"]["message"])
        self.assertIn("dissatisfied", followup.message_ids[0].body)

    def test_complaint_module_opens_its_complaint(self):
        complaint_action = {"type": "ir.actions.act_window", "res_model": "x"}
        self.followup.write({"reached": True, "satisfaction": "1"})
        with patch.object(
            type(self.Followup),
            "_autocrm_action_open_complaint",
            return_value=complaint_action,
        ):
            self.assertEqual(self.followup.action_done(), complaint_action)

    def test_unreachable_customer_is_tried_again(self):
        followup = self.followup.with_user(self.advisor_a)
        followup.action_unreachable()
        self.assertRecordValues(
            followup,
            [{"state": "unreachable", "done_date": self.today, "reached": False}],
        )
        self.assertFalse(followup.activity_ids)
        followup.action_plan_again()
        self.assertRecordValues(followup, [{"state": "planned", "done_date": False}])
        self.assertEqual(followup.activity_ids.user_id, self.advisor_a)

    def test_cancel_drops_the_activity(self):
        self.followup.with_user(self.advisor_a).action_cancel()
        self.assertEqual(self.followup.state, "cancelled")
        self.assertFalse(self.followup.activity_ids)

    def test_closed_follow_up_keeps_its_outcome(self):
        followup = self.followup.with_user(self.advisor_a)
        followup.write({"reached": True, "satisfaction": "3"})
        followup.action_done()
        with self.assertRaisesRegex(UserError, "is closed"):
            followup.write({"satisfaction": "5"})
        with self.assertRaisesRegex(UserError, "cannot become"):
            followup.write({"state": "planned"})
        with self.assertRaisesRegex(UserError, "Only planned follow-ups"):
            followup.action_cancel()
        with self.assertRaisesRegex(UserError, "Only unreachable or cancelled"):
            followup.action_plan_again()
        followup.notes = "Called back on Monday as promised."

    def test_satisfaction_needs_a_reached_customer(self):
        with self.assertRaisesRegex(ValidationError, "reached"):
            self.followup.write({"reached": False, "satisfaction": "5"})

    def test_reassigning_moves_the_activity(self):
        self.followup.user_id = self.manager_a
        self.assertEqual(self.followup.activity_ids.user_id, self.manager_a)
        self.followup.due_date = self.today + timedelta(days=1)
        self.assertEqual(
            self.followup.activity_ids.date_deadline, self.today + timedelta(days=1)
        )

    def test_manual_follow_up_gets_an_activity(self):
        followup = self.Followup.with_user(self.advisor_a).create(
            {
                "partner_id": self.customer_a.id,
                "vehicle_id": self.vehicle_a.id,
                "followup_type": "post_service",
                "due_date": self.today + timedelta(days=2),
                "channel": "lounge",
            }
        )
        self.assertEqual(followup.company_id, self.dealer_a)
        self.assertRecordValues(
            followup.activity_ids,
            [
                {
                    "user_id": self.advisor_a.id,
                    "date_deadline": self.today + timedelta(days=2),
                }
            ],
        )
