from odoo import api, fields, models
from odoo.exceptions import UserError

from .autocrm_complaint import WORKFLOW

DISSATISFIED = ("1", "2")


class AutocrmFollowup(models.Model):
    _inherit = "autocrm.followup"

    # The call after a complaint is resolved. Uninstalling this module deletes these
    # follow-ups (cascade): their complaints go with it, and no other type fits them
    # (as "After Service" they would count as the call after a visit).
    followup_type = fields.Selection(
        selection_add=[("complaint", "After Complaint")],
        ondelete={"complaint": "cascade"},
    )
    complaint_ids = fields.One2many(
        "autocrm.complaint",
        "followup_id",
        string="Complaints",
        help="Complaints opened from this follow-up's answer.",
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for followup in self:
            followup.complaint_count = len(followup.complaint_ids)

    def action_open_complaint(self):
        """The follow-up form's button: the complaint of a dissatisfied answer,
        opened (and created the first time) in one click."""
        if self.filtered(lambda f: f.satisfaction not in DISSATISFIED):
            raise UserError(
                self.env._(
                    "Only a customer who answered 1 or 2 out of 5 gets a complaint "
                    "from a follow-up; record another complaint from the Complaints "
                    "menu."
                )
            )
        return self._autocrm_action_open_complaint()

    def action_view_complaints(self):
        self.ensure_one()
        return self.complaint_ids._autocrm_action_view()

    def _autocrm_action_open_complaint(self):
        """Open a complaint for each of these dissatisfied follow-ups that has none
        yet (channel follow-up, linked to it, the customer's remarks as their
        words, high priority for 'very dissatisfied') and return the action that
        shows them."""
        Complaint = self.env["autocrm.complaint"]
        vals_list = []
        for followup in self.filtered(lambda f: not f.complaint_ids):
            score = followup.satisfaction
            vals_list.append(
                {
                    "company_id": followup._complaint_company().id,
                    "partner_id": followup.partner_id.id,
                    "vehicle_id": followup.vehicle_id.id,
                    "channel": "followup",
                    "followup_id": followup.id,
                    "priority": "2" if score == "1" else "1",
                    "user_id": followup.user_id.id,
                    "summary": self.env._(
                        "Dissatisfied in the %(followup)s",
                        followup=followup.display_name,
                    ),
                    "description": followup.customer_remarks
                    or self.env._(
                        "The customer answered %(score)s out of 5 in a follow-up.",
                        score=score,
                    ),
                }
            )
        # the link to the follow-up is the workflow's to set, not the user's
        Complaint.with_context(autocrm_complaint_workflow=WORKFLOW).create(vals_list)
        return self.complaint_ids._autocrm_action_view()

    def _complaint_company(self):
        """The dealership the complaint is about: the follow-up's own, or for an
        OEM call-back after a visit, the dealership of that visit."""
        self.ensure_one()
        if self.company_id.autocrm_role == "oem" and self.res_model == "repair.order":
            # as superuser: only the dealership of the visit is read
            visit = self.env["repair.order"].sudo().browse(self.res_id).exists()
            if visit.company_id.autocrm_role == "dealer":
                return visit.company_id
        return self.company_id
