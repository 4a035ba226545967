from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


class ComplaintCase(AutocrmCase):
    """AutocrmCase with the OEM's complaint desk staffed by one OEM user, an OEM
    manager, and helpers to record complaints received some hours ago."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["autocrm.complaint"]
        cls.Desk = cls.env["autocrm.complaint.desk"]
        # the class's frozen clock (AutocrmCase): the moment the deadlines, the
        # overdue flags and the escalation all read, whatever the day and hour
        cls.now = fields.Datetime.now()
        if cls.oem.autocrm_role != "oem":
            cls.oem.autocrm_role = "oem"
        cls.oem_manager = new_test_user(
            cls.env,
            login="oem_manager",
            groups="autocrm_customer.group_oem_manager",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.oem_desk_user = new_test_user(
            cls.env,
            login="oem_complaint_desk",
            groups="autocrm_customer.group_oem_user",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.oem_desk = cls.Desk.search([("company_id", "=", cls.oem.id)])
        cls.oem_desk.escalation_user_ids = cls.oem_desk_user
        cls.desk_a = cls.Desk.search([("company_id", "=", cls.dealer_a.id)])
        cls.stage = {
            stage.phase: stage
            for stage in cls.env["autocrm.complaint.stage"].search(
                [], order="sequence desc"
            )
        }
        cls.category_waiting = cls.env.ref(
            "autocrm_complaint.autocrm_complaint_category_waiting"
        )
        cls.category_quality = cls.env.ref(
            "autocrm_complaint.autocrm_complaint_category_product_quality"
        )
        cls.category_passed_around = cls.env.ref(
            "autocrm_complaint.autocrm_complaint_category_passed_around"
        )
        # the complaints already in the database (the demo's, received hours or
        # days before the clock of the run) that are overdue now are escalated
        # first: the tests escalate and count their own complaints only
        cls.Complaint._cron_complaint_escalate()

    @classmethod
    def _complaint(cls, hours_ago=0, dealer=None, partner=None, **values):
        """A complaint of dealer A's customer (or ``partner`` at ``dealer``),
        received ``hours_ago``, category waiting (priority normal: 8 hours to
        acknowledge, 72 to resolve)."""
        dealer = dealer or cls.dealer_a
        return cls.Complaint.create(
            {
                "company_id": dealer.id,
                "partner_id": (partner or cls.customer_a).id,
                "received_at": cls.now - timedelta(hours=hours_ago),
                "category_id": cls.category_waiting.id,
                "description": "The car was not ready at the promised time.",
                "user_id": False,
                **values,
            }
        )
