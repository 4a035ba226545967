from odoo.tests import tagged

from .common import ComplaintCase

ACTIONS = [
    "autocrm_complaint.autocrm_complaint_action",
    "autocrm_complaint.autocrm_complaint_report_action",
    "autocrm_complaint.autocrm_complaint_desk_action",
    "autocrm_complaint.autocrm_complaint_deadline_action",
    "autocrm_complaint.autocrm_complaint_category_action",
]


@tagged("post_install", "-at_install")
class TestComplaintViews(ComplaintCase):
    def test_screens_open_for_dealers_and_the_oem(self):
        """Each view of each complaint screen loads and lists its records, as the
        web client asks for them."""
        self._complaint(hours_ago=9)
        for user in (self.advisor_a, self.manager_a, self.oem_user):
            for xmlid in ACTIONS:
                action = self.env.ref(xmlid)
                Model = self.env[action.res_model].with_user(user)
                views = [[False, kind] for kind in action.view_mode.split(",")]
                result = Model.get_views(views + [[False, "search"]], {"toolbar": True})
                records = Model.web_search_read([], {"display_name": {}}, limit=80)[
                    "records"
                ]
                if records:
                    # open the first one with every field its views show
                    fields = result["models"][action.res_model]["fields"]
                    Model.browse(records[0]["id"]).web_read(
                        {fname: {} for fname in fields}
                    )
                if action.res_model == "autocrm.complaint":
                    self.assertTrue(records, (xmlid, user.login))
        kanban = self.Complaint.with_user(self.advisor_a).web_search_read(
            [("company_id", "=", self.dealer_a.id)],
            {"time_left": {}, "is_overdue": {}, "stage_id": {"fields": {}}},
        )["records"]
        self.assertTrue(any(record["is_overdue"] for record in kanban))
        self.assertTrue(all(record["time_left"] for record in kanban))
