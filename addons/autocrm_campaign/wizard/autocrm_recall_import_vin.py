import base64
import re

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.autocrm_customer.models.autocrm_vehicle import (
    normalize_vin,
    vin_problem,
)

VIN_SEPARATORS = re.compile(r"[\s,;\"']+")


class AutocrmRecallImportVin(models.TransientModel):
    _name = "autocrm.recall.import.vin"
    _description = "Import Recall VINs"

    recall_id = fields.Many2one("autocrm.recall", required=True, ondelete="cascade")
    vin_text = fields.Text(
        string="VINs",
        help="Paste the VINs, one per line (commas, spaces and semicolons work too).",
    )
    vin_file = fields.Binary(
        string="VIN File", help="A text or CSV file with the VINs, e.g. as received."
    )
    vin_file_name = fields.Char()

    def _vins(self):
        self.ensure_one()
        text = self.vin_text or ""
        if self.vin_file:
            text += "\n" + base64.b64decode(self.vin_file).decode("utf-8-sig", "ignore")
        vins = []
        for token in VIN_SEPARATORS.split(text):
            vin = normalize_vin(token)
            # a CSV header or a column of another kind is not a VIN: skip it
            if len(vin) == 17 and vin not in vins:
                vins.append(vin)
        return vins

    def action_import(self):
        self.ensure_one()
        recall = self.recall_id
        recall._check_not_closed()
        vins = self._vins()
        if not vins:
            raise UserError(
                self.env._("No VIN found: paste the VINs or choose a file with them.")
            )
        # as superuser: the OEM's list names vehicles of every dealership; only
        # their ids are used
        vehicles = (
            self.env["autocrm.vehicle"]
            .sudo()
            .with_context(active_test=False)
            .search([("vin", "in", vins)])
        )
        not_found = set(vins) - set(vehicles.mapped("vin"))
        # a VIN not in the archive is either mistyped (invalid) or unknown
        invalid = sorted(vin for vin in not_found if vin_problem(self.env, vin))
        unknown = sorted(not_found - set(invalid))
        added = recall._add_vehicles(vehicles.ids)
        message = self.env._(
            "VIN import: %(added)s vehicles added, %(known)s already listed, "
            "%(unknown)s unknown, %(invalid)s invalid.",
            added=added,
            known=len(vehicles) - added,
            unknown=len(unknown),
            invalid=len(invalid),
        )
        details = []
        if unknown:
            details.append(
                self.env._("Unknown VINs: %(vins)s", vins=", ".join(unknown[:200]))
            )
        if invalid:
            details.append(
                self.env._("Invalid VINs: %(vins)s", vins=", ".join(invalid[:200]))
            )
        recall.message_post(body=Markup("<br/>").join([message, *details]))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if unknown or invalid else "success",
                "message": message,
                "sticky": bool(unknown or invalid),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
