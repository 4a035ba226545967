from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    autocrm_complaint_desk_ids = fields.One2many(
        "autocrm.complaint.desk", "company_id", string="Complaint Desk"
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["autocrm.complaint.desk"]._ensure_desks(companies)
        return companies

    def write(self, vals):
        res = super().write(vals)
        if vals.get("autocrm_role"):
            self.env["autocrm.complaint.desk"]._ensure_desks(self)
        return res
