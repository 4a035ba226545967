from odoo import fields, models

from .autocrm_warranty_claim_labour import MAX_HOURS


class AutocrmLabourOperation(models.Model):
    _name = "autocrm.labour.operation"
    _description = "Labour Operation"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "code"
    _rec_names_search = ["code", "name"]
    _autocrm_ranges = {"flat_rate_hours": (0, MAX_HOURS)}

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    flat_rate_hours = fields.Float(
        string="Flat-Rate Hours",
        required=True,
        digits=(16, 2),
        help="The hours the OEM pays for this operation (工时定额).",
    )
    model_ids = fields.Many2many(
        "product.product",
        "autocrm_labour_operation_model_rel",
        "operation_id",
        "model_id",
        string="Vehicle Models",
        domain=[("autocrm_is_vehicle_model", "=", True)],
        help="Leave empty when the operation applies to every model.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A labour operation code must be unique."),
        (
            "hours_positive",
            "CHECK(flat_rate_hours >= 0)",
            "Flat-rate hours cannot be negative.",
        ),
    ]

    def _compute_display_name(self):
        for operation in self:
            operation.display_name = f"[{operation.code}] {operation.name}"
