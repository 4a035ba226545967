from odoo import api, fields, models

CODE_TYPES = [("dtc", "DTC"), ("symptom", "Symptom")]


class AutocrmFaultCode(models.Model):
    """The OEM's catalogue of fault codes: the diagnostic trouble codes (DTC) a
    vehicle reports and the OEM's symptom codes, each for some vehicle models or
    for all of them. Claims pick their codes from it; the analyses count claims
    per code."""

    _name = "autocrm.fault.code"
    _description = "Fault Code"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "code_type, code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(
        required=True,
        index=True,
        help="As the diagnostic tool reads it (P0301) or as the OEM names the "
        "symptom (S-NOISE-BRAKE); stored in capitals.",
    )
    name = fields.Char(
        string="Description",
        required=True,
        translate=True,
        help="The fault or the symptom, as the technician reads it on a claim.",
    )
    code_type = fields.Selection(
        CODE_TYPES, string="Type", required=True, default="dtc", index=True
    )
    model_ids = fields.Many2many(
        "product.product",
        "autocrm_fault_code_model_rel",
        "fault_code_id",
        "model_id",
        string="Vehicle Models",
        domain=[("autocrm_is_vehicle_model", "=", True)],
        help="The models this code is for; leave empty when it applies to every model.",
    )
    description = fields.Text(
        string="Details",
        translate=True,
        help="What the code means and what to check first.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_type_uniq",
            "unique(code, code_type)",
            "This fault code is in the catalogue already: each DTC or symptom code "
            "is there once (archived codes count too).",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for fault_code in self:
            fault_code.display_name = (
                f"{fault_code.code} – {fault_code.name}"
                if fault_code.name
                else fault_code.code or ""
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_code(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_code(vals)
        return super().write(vals)

    @api.model
    def _normalize_code(self, vals):
        if isinstance(vals.get("code"), str):
            vals["code"] = vals["code"].strip().upper()

    def _fits_model(self, model):
        """Whether this code may be picked for a vehicle of ``model``
        (product.product): it is for every model, or for that one."""
        self.ensure_one()
        return not self.model_ids or model in self.model_ids
