from odoo import api, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    @api.model_create_multi
    def create(self, vals_list):
        # A dealership's warehouse is known by its dealer code (BJ01/RO/00001), not
        # by the first five letters of its name, also when stock creates it by itself.
        for vals in vals_list:
            if vals.get("company_id") and "code" not in vals:
                company = self.env["res.company"].browse(vals["company_id"])
                if company.dealer_code:
                    vals["code"] = company._autocrm_warehouse_code()
        return super().create(vals_list)
