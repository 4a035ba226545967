from odoo import api, fields, models
from odoo.exceptions import ValidationError

CLAIM_MODEL = "autocrm.warranty.claim"
# the OEM call-back's scores besides satisfaction: 1 (very poor) to 5 (excellent)
CALLBACK_SCORES = [
    ("1", "Very Poor"),
    ("2", "Poor"),
    ("3", "Fair"),
    ("4", "Good"),
    ("5", "Excellent"),
]
CALLBACK_ONLY_FIELDS = ("convenience", "courtesy", "customer_paid")


class AutocrmFollowup(models.Model):
    _inherit = "autocrm.followup"

    # The OEM's call to the customer after a warranty repair. Uninstalling this
    # module deletes these follow-ups (cascade): their claims and their own answers
    # (convenience, courtesy, customer paid) go with it, and no other type fits them
    # (as "After Service" they would count as the dealership's call after a visit).
    followup_type = fields.Selection(
        selection_add=[("oem_callback", "OEM Call-back")],
        ondelete={"oem_callback": "cascade"},
    )
    convenience = fields.Selection(
        CALLBACK_SCORES,
        copy=False,
        tracking=True,
        help="OEM call-back after a warranty repair: how convenient the customer found "
        "the visit (booking, waiting, hand-over), from 1 (very poor) to 5 "
        "(excellent) (便利性).",
    )
    courtesy = fields.Selection(
        CALLBACK_SCORES,
        copy=False,
        tracking=True,
        help="OEM call-back after a warranty repair: how courteous the dealership's "
        "staff were, from 1 (very poor) to 5 (excellent) (礼貌性).",
    )
    customer_paid = fields.Boolean(
        copy=False,
        tracking=True,
        help="OEM call-back after a warranty repair: the customer was made to pay for "
        "free work (是否付费).",
    )
    warranty_claim_id = fields.Many2one(
        CLAIM_MODEL,
        compute="_compute_warranty_claim_id",
        store=True,
        index="btree_not_null",
        help="The warranty claim whose repair this OEM call-back follows up.",
    )
    serviced_dealer_id = fields.Many2one(
        "res.company",
        string="Serviced by",
        related="warranty_claim_id.company_id",
        store=True,
        index="btree_not_null",
        help="The dealership that made the warranty repair the call-back is about.",
    )

    @api.depends("res_model", "res_id")
    def _compute_warranty_claim_id(self):
        for followup in self:
            is_claim = followup.res_model == CLAIM_MODEL and followup.res_id
            followup.warranty_claim_id = followup.res_id if is_claim else False

    @api.constrains("followup_type", "reached", *CALLBACK_ONLY_FIELDS)
    def _check_callback_answers(self):
        for followup in self:
            answered = [
                name for name in CALLBACK_ONLY_FIELDS if followup[name]
            ]  # the call-back's own questions
            if not answered:
                continue
            if followup.followup_type != "oem_callback":
                raise ValidationError(
                    self.env._(
                        "Convenience, courtesy and whether the customer paid are "
                        "asked in the OEM's call-back after a warranty repair only."
                    )
                )
            if not followup.reached:
                raise ValidationError(
                    self.env._(
                        "Only a customer who was reached can answer the call-back: "
                        "tick Customer Reached first."
                    )
                )

    def _locked_when_closed_fields(self):
        return super()._locked_when_closed_fields() | {
            "convenience",
            "courtesy",
            "customer_paid",
        }

    def action_done(self):
        """An OEM call-back where the customer says they paid for free work flags
        the warranty claim it follows up and notifies the claim's reviewer."""
        res = super().action_done()
        paid = self.filtered(
            lambda f: f.followup_type == "oem_callback"
            and f.customer_paid
            and f.res_model == CLAIM_MODEL
            and f.res_id
        )
        for followup in paid:
            # as superuser: the OEM user who made the call may only read claims;
            # the flag, note and activity are the call-back's own outcome
            claim = self.env[CLAIM_MODEL].sudo().browse(followup.res_id).exists()
            claim._flag_customer_paid(followup)
        return res
