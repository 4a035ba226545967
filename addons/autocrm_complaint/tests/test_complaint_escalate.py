from odoo.tests import tagged
from odoo.tests.common import warmup

from .common import ComplaintCase

ACTIVITY_TYPE = "autocrm_complaint.mail_activity_type_complaint_escalated"


@tagged("post_install", "-at_install")
class TestComplaintEscalate(ComplaintCase):
    def _escalation_activities(self, complaints):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "autocrm.complaint"),
                ("res_id", "in", complaints.ids),
                ("activity_type_id", "=", self.env.ref(ACTIVITY_TYPE).id),
            ]
        )

    def test_overdue_complaint_is_escalated_once(self):
        overdue = self._complaint(hours_ago=9)
        late_resolution = self._complaint(hours_ago=80)
        late_resolution.action_acknowledge()
        fresh = self._complaint(hours_ago=1)
        resolved = self._complaint(hours_ago=80, resolution="Refunded.")
        resolved.action_resolve()
        self.assertEqual(self.Complaint._cron_complaint_escalate(), 2)
        self.assertEqual(
            (overdue | late_resolution | fresh | resolved).mapped("escalated"),
            [True, True, False, False],
        )
        activities = self._escalation_activities(overdue)
        self.assertEqual(activities.user_id, self.manager_a | self.oem_desk_user)
        self.assertIn("not acknowledged in time", overdue.message_ids[0].body)
        self.assertIn(
            "not resolved in time",
            self._escalation_activities(late_resolution)[0].note,
        )
        messages = len(overdue.message_ids)
        # each person asked to act gets one message listing their complaints
        notified = self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.manager_a.partner_id.ids),
                ("subject", "ilike", "escalated to the OEM"),
            ]
        )
        self.assertEqual(len(notified), 1)
        self.assertIn(overdue.name, notified.body)
        self.assertIn(late_resolution.name, notified.body)
        # the desk's OEM user may now see and act on it
        self.assertTrue(overdue.with_user(self.oem_desk_user).activity_ids)
        self.assertTrue(overdue.with_user(self.manager_a).activity_ids)

        self.assertEqual(self.Complaint._cron_complaint_escalate(), 0)
        self.assertEqual(len(self._escalation_activities(overdue)), 2)
        self.assertEqual(len(overdue.message_ids), messages)

    def test_escalation_in_each_recipient_language(self):
        """The cron runs in English: the dealer manager working in Chinese gets
        the activity and the message in Chinese, the OEM desk user in English."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["autocrm_complaint"], ["zh_CN"]
        )
        self.manager_a.lang = "zh_CN"
        self.oem_desk_user.lang = "en_US"
        overdue = self._complaint(hours_ago=9)
        self.Complaint.with_context(lang="en_US")._cron_complaint_escalate()
        activities = self._escalation_activities(overdue)
        chinese = activities.filtered(lambda a: a.user_id == self.manager_a)
        english = activities.filtered(lambda a: a.user_id == self.oem_desk_user)
        self.assertEqual(chinese.summary, "超时投诉已升级至主机厂")
        self.assertIn("未按时受理", chinese.note)
        self.assertEqual(english.summary, "Overdue complaint escalated to the OEM")
        self.assertIn("not acknowledged in time", english.note)
        [message] = self.env["mail.message"].search(
            [("partner_ids", "in", self.manager_a.partner_id.ids)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(message.subject, "1 条超时投诉已升级至主机厂")

    def test_desk_contacts_replace_the_default_recipients(self):
        self.desk_a.escalation_user_ids = self.advisor_a
        self.oem_desk.escalation_user_ids = False
        overdue = self._complaint(hours_ago=9)
        self.Complaint._cron_complaint_escalate()
        oem_managers = self.env.ref("autocrm_customer.group_oem_manager").users
        self.assertIn(self.oem_manager, oem_managers)
        self.assertEqual(
            self._escalation_activities(overdue).user_id,
            self.advisor_a | oem_managers.filtered(lambda u: u.active and not u.share),
        )

    def test_scheduled_action_runs_the_escalation(self):
        overdue = self._complaint(hours_ago=9)
        cron = self.env.ref("autocrm_complaint.ir_cron_complaint_escalate")
        self.assertEqual(cron.code, "model._cron_complaint_escalate()")
        cron.method_direct_trigger()
        self.assertTrue(overdue.escalated)

    def test_batches_report_progress(self):
        overdue = self._complaint(hours_ago=9) | self._complaint(hours_ago=9)
        overdue |= self._complaint(hours_ago=9)
        _cron, progress = self.env.ref(
            "autocrm_complaint.ir_cron_complaint_escalate"
        )._add_progress()
        done = self.Complaint.with_context(
            ir_cron_progress_id=progress.id
        )._cron_complaint_escalate(batch_size=2)
        self.assertEqual(done, 3)
        self.assertTrue(all(overdue.mapped("escalated")))
        self.assertRecordValues(progress, [{"done": 3, "remaining": 0}])


@tagged("post_install", "-at_install", "is_query_count")
class TestComplaintEscalateQueries(ComplaintCase):
    """The cost of an escalation run does not grow with the number of overdue
    complaints: one UPDATE, the recipients, the activities and the chatter notes
    each in one batch, then one message to each person asked to act (here the
    dealer manager and the OEM complaint desk: about 25 queries each). 77 or 78
    measured, depending on what the mail caches hold; 10 more complaints would
    add at least 10."""

    QUERIES = 80

    def _assert_escalate_queries(self, count):
        complaints = self.Complaint
        for _index in range(count):
            complaints |= self._complaint(hours_ago=9)
        with self.assertQueryCount(self.QUERIES):
            self.Complaint._cron_complaint_escalate()
        self.assertTrue(all(complaints.mapped("escalated")))

    @warmup
    def test_queries_for_2_complaints(self):
        self._assert_escalate_queries(2)

    @warmup
    def test_queries_for_12_complaints(self):
        self._assert_escalate_queries(12)
