from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, make_msgid

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import ComplaintCase

MAIL_TEMPLATE = """Return-Path: <{email_from}>
To: {to}
From: {from_header}
Subject: {subject}
Date: {date}
Message-ID: {msg_id}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestComplaintMailGateway(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "dealers.example.com"}
        )
        cls.desk_a.write(
            {"alias_domain_id": cls.alias_domain.id, "user_id": cls.advisor_a.id}
        )
        cls.customer_a.email = "wang.fang@example.com"
        # the same person is a customer of dealer B too
        cls.customer_b.email = "wang.fang@example.com"

    def _process(self, email_from, subject, body, to=None, date=None):
        """Process an e-mail written at ``date`` (an aware datetime; by default
        now, on the frozen clock)."""
        message = MAIL_TEMPLATE.format(
            email_from=email_from,
            from_header=email_from,
            to=to or self.desk_a.alias_email,
            subject=subject,
            date=format_datetime(date or self.now.replace(tzinfo=timezone.utc)),
            msg_id=make_msgid(domain="example.com"),
            body=body,
        )
        self.env["mail.thread"].sudo().message_process(None, message)
        return self.Complaint.search([("summary", "=", subject)])

    def test_each_dealership_has_its_alias(self):
        self.assertEqual(self.desk_a.alias_name, "complaints-ta01")
        self.assertEqual(self.desk_a.alias_email, "complaints-ta01@dealers.example.com")
        self.assertEqual(self.desk_a.alias_id.alias_model_id.model, "autocrm.complaint")
        new_dealer = self.env["res.company"].create(
            {"name": "Dealer C", "autocrm_role": "dealer", "dealer_code": "TC01"}
        )
        self.assertEqual(
            self.Desk.search([("company_id", "=", new_dealer.id)]).alias_name,
            "complaints-tc01",
        )

    def test_emailed_complaint_reaches_the_dealership(self):
        complaint = self._process(
            "Wang Fang <wang.fang@example.com>",
            "Car returned dirty",
            "My car came back with grease on the seats.",
        )
        self.assertEqual(len(complaint), 1)
        self.assertRecordValues(
            complaint,
            [
                {
                    "company_id": self.dealer_a.id,
                    "partner_id": self.customer_a.id,
                    "channel": "email",
                    "user_id": self.advisor_a.id,
                    "phase": "new",
                }
            ],
        )
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertIn("grease on the seats", complaint.description)
        self.assertIn("grease", complaint.message_ids[0].body)
        self.assertEqual(complaint.message_ids[0].author_id, self.customer_a)
        # dealer A's staff see it; dealer B's do not
        self.assertTrue(complaint.with_user(self.advisor_a).description)
        self.assertFalse(
            self.Complaint.with_user(self.advisor_b).search([("id", "=", complaint.id)])
        )

    def test_unknown_sender_becomes_a_customer_of_the_dealership(self):
        complaint = self._process(
            "Zhao Lei <zhao.lei@example.org>", "Rude advisor", "Nobody greeted me."
        )
        self.assertRecordValues(
            complaint.partner_id,
            [
                {
                    "name": "Zhao Lei",
                    "email": "zhao.lei@example.org",
                    "company_id": self.dealer_a.id,
                }
            ],
        )

    def test_customer_of_another_dealership_is_not_matched(self):
        self.customer_a.email = "a.only@example.com"
        complaint = self._process(
            "wang.fang@example.com", "Waiting for parts", "Three weeks for a mirror."
        )
        self.assertNotEqual(complaint.partner_id, self.customer_b)
        self.assertEqual(complaint.partner_id.company_id, self.dealer_a)

    @freeze_time("2027-12-31 16:30:00")
    def test_complaint_is_received_when_the_customer_wrote(self):
        """Written at 23:50 on 31 December in Shanghai, processed at 00:30 on 1
        January there: the complaint was received on 31 December, when the
        customer wrote, and its deadlines run from then."""
        shanghai = timezone(timedelta(hours=8))
        complaint = self._process(
            "wang.fang@example.com",
            "Still no call back",
            "Nobody called me back today.",
            date=datetime(2027, 12, 31, 23, 50, tzinfo=shanghai),
        )
        received_at = datetime(2027, 12, 31, 15, 50)
        self.assertRecordValues(
            complaint,
            [
                {
                    "received_at": received_at,
                    "acknowledge_deadline": received_at + timedelta(hours=8),
                }
            ],
        )
        log = self.env["autocrm.customer.log"].search(
            [("res_model", "=", "autocrm.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(log.date, datetime(2027, 12, 31).date())
