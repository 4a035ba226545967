from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.autocrm_customer.models.res_partner import VALUE_TIERS
from odoo.addons.autocrm_customer.tools.selection import selection_of

# what users record on a target; the rest comes from the generation and the visits
USER_FIELDS = {"contacted", "note", "mail_sent"}


class AutocrmCampaignTarget(models.Model):
    """A customer targeted by a campaign, with a snapshot of the traits the
    analysis compares (taken when the list is generated) and the response."""

    _name = "autocrm.campaign.target"
    _description = "Campaign Target"
    _inherit = ["autocrm.dealer.mixin"]
    _order = "campaign_id desc, id"
    _rec_name = "partner_id"

    campaign_id = fields.Many2one(
        "autocrm.campaign", required=True, index=True, ondelete="cascade"
    )
    campaign_type = fields.Selection(related="campaign_id.campaign_type", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    vehicle_id = fields.Many2one(
        "autocrm.vehicle", string="Vehicle", index="btree_not_null", readonly=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        readonly=True,
        help="The customer's dealership.",
    )
    phone = fields.Char(related="partner_id.phone")
    mobile = fields.Char(related="partner_id.mobile")
    email = fields.Char(related="partner_id.email")
    value_tier = fields.Selection(VALUE_TIERS, readonly=True)
    model_id = fields.Many2one("product.product", string="Vehicle Model", readonly=True)
    region = fields.Selection(
        selection_of("res.company", "dealer_region"), readonly=True
    )
    vehicle_age = fields.Integer(
        string="Vehicle Age (years)",
        readonly=True,
        aggregator="avg",
        help="Years since the sale (or production) when the campaign started.",
    )
    last_visit_date = fields.Date(
        string="Last Visit Before", readonly=True, help="When the list was generated."
    )
    mail_sent = fields.Boolean(string="E-mail Sent", readonly=True)
    contacted = fields.Boolean(help="Reached by phone or in person.")
    note = fields.Char(help="What the customer said.")
    responded = fields.Boolean(readonly=True, index=True)
    response_repair_id = fields.Many2one(
        "repair.order", string="Response Visit", readonly=True
    )
    response_date = fields.Date(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue = fields.Monetary(currency_field="currency_id", readonly=True)
    responded_count = fields.Integer(
        string="Responders",
        readonly=True,
        help="1 for a responder, 0 otherwise: pivots sum it beside the count.",
    )

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(campaign_id, partner_id)",
            "A customer is targeted once per campaign.",
        ),
    ]

    def write(self, vals):
        if vals.keys() - USER_FIELDS and not self.env.su:
            raise UserError(
                self.env._(
                    "A target's customer, snapshot and response come from the "
                    "campaign: only whether the customer was contacted and a note can "
                    "be recorded."
                )
            )
        return super().write(vals)
