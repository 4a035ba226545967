from odoo import fields, models


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "autocrm.dealer.mixin"]
    _autocrm_protect_computed = False  # Odoo's own fields

    autocrm_training_ids = fields.One2many(
        "autocrm.training.attendee",
        "employee_id",
        string="Trainings",
        groups="hr.group_hr_user",
    )
    autocrm_training_count = fields.Integer(
        string="Training Count",
        compute="_compute_autocrm_training_count",
        groups="hr.group_hr_user",
    )

    def _autocrm_linkable(self):
        """Who has no Employees rights reads employees as Odoo's hr lets them (its
        ``fetch`` and ``_search``): their public profiles, of the user's companies.
        Those he may link to a training, an appraisal or a plan."""
        if self and not self.env.su and not self.browse().has_access("read"):
            public = self.env["hr.employee.public"].browse(self._ids)
            return self.browse(public._filtered_access("read")._ids)
        return super()._autocrm_linkable()

    def _compute_autocrm_training_count(self):
        counts = dict(
            self.env["autocrm.training.attendee"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.autocrm_training_count = counts.get(employee, 0)

    def action_view_autocrm_trainings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_staff.autocrm_training_attendee_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
