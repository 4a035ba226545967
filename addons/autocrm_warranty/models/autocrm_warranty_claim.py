from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.autocrm_customer.models.autocrm_odometer_reading import (
    MAX_ODOMETER_KM,
)
from odoo.addons.autocrm_customer.tools.selection import selection_label

from .autocrm_warranty_claim_line import check_computed_vals
from .autocrm_warranty_fraud_flag import FRAUD_CODES  # noqa: F401

REVIEWER_GROUP = "autocrm_warranty.group_claims_reviewer"
OEM_USER_GROUP = "autocrm_customer.group_oem_user"
PREAUTH_PARAM = "autocrm_warranty.preauthorisation_amount"
DEFAULT_PREAUTH_AMOUNT = 10000.0
DUPLICATE_DAYS = 30
CALLBACK_DAYS = 3
# state: the subtype of the message that tracks the claim moving into it
STATE_SUBTYPES = {
    "approved": "autocrm_warranty.mt_claim_approved",
    "rejected": "autocrm_warranty.mt_claim_rejected",
    "paid": "autocrm_warranty.mt_claim_paid",
}
# what a dealer fills in before submitting; the amounts follow from the lines
LOCKED_AFTER_SUBMIT = {
    "company_id",
    "vehicle_id",
    "repair_id",
    "repair_date",
    "odometer",
    "claim_type",
    "causal_part_id",
    "fault_code_ids",
    "labour_line_ids",
    "part_line_ids",
    "goodwill_oem_percent",
    "goodwill_dealer_percent",
    "goodwill_customer_percent",
    "preauthorisation_number",
    "preauthorisation_date",
}
# what only the OEM's claims reviewers write
REVIEWER_FIELDS = {
    "amount_approved",
    "approval_reason",
    "rejection_reason",
    "rejection_category",
    "settlement_id",
}
# what only the claim's actions write (after their checks, as superuser)
ACTION_FIELDS = {
    "state",
    "submitted_date",
    "approved_date",
    "paid_date",
    "reviewer_id",
    "callback_followup_id",
}
CLAIM_TYPES = [
    ("first_maintenance", "First Maintenance"),
    ("warranty", "Warranty"),
    ("recall", "Recall"),
    ("goodwill", "Goodwill"),
]
REJECTION_CATEGORIES = [
    ("not_covered", "Not Covered by the Warranty"),
    ("late", "Submitted Late"),
    ("no_defect", "No Defect Found on the Part"),
    ("evidence", "Insufficient Evidence"),
    ("fraud", "Suspected Fraud"),
    ("other", "Other"),
]


class AutocrmWarrantyClaim(models.Model):
    _name = "autocrm.warranty.claim"
    _description = "Warranty Claim"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _order = "repair_date desc, id desc"
    _check_company_auto = True
    _autocrm_ranges = {
        "odometer": (0, MAX_ODOMETER_KM),
        "goodwill_oem_percent": (0, 100),
        "goodwill_dealer_percent": (0, 100),
        "goodwill_customer_percent": (0, 100),
        "amount_approved": (0, None),
    }

    name = fields.Char(
        string="Claim Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    vehicle_id = fields.Many2one(
        "autocrm.vehicle", string="Vehicle", required=True, index=True, tracking=True
    )
    vin = fields.Char(related="vehicle_id.vin", string="VIN")
    model_id = fields.Many2one(
        related="vehicle_id.model_id", store=True, index=True, string="Model"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        index="btree_not_null",
        check_company=True,
        copy=False,
    )
    repair_date = fields.Date(required=True, index=True, tracking=True)
    odometer = fields.Integer(string="Odometer (km)", tracking=True)
    claim_type = fields.Selection(
        CLAIM_TYPES,
        required=True,
        default="warranty",
        index=True,
        tracking=True,
    )
    customer_words = fields.Text(
        string="Customer's Words", help="The customer's own words (客户原话)."
    )
    diagnosis = fields.Text(help="The technician's checks and measured data.")
    repair_report = fields.Text(help="What was repaired and how.")
    causal_part_id = fields.Many2one(
        "product.product",
        string="Causal Part",
        index=True,
        tracking=True,
        help="The part that caused the failure (主因零件).",
    )
    fault_code_ids = fields.Many2many(
        "autocrm.fault.code",
        "autocrm_warranty_claim_fault_code_rel",
        "claim_id",
        "fault_code_id",
        string="Fault Codes",
        domain="['|', ('model_ids', '=', False), ('model_ids', 'in', [model_id])]",
        help="The DTC and symptom codes of the OEM's catalogue that describe the "
        "fault: those for every model or for the vehicle's. The analyses count "
        "claims per code.",
    )
    symptom_code = fields.Char(
        string="Symptom Notes",
        help="Free-text notes on the symptom the customer saw; pick the catalogued "
        "symptom codes in Fault Codes.",
    )
    fault_codes = fields.Char(
        string="DTC Notes",
        help="Free-text notes: the diagnostic trouble codes read from the vehicle as "
        "the tool showed them, separated by commas; pick the catalogued codes in "
        "Fault Codes.",
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "autocrm_warranty_claim_photo_rel",
        "claim_id",
        "attachment_id",
        string="Photos",
        help="Photo evidence of the failure and the replaced parts.",
    )
    labour_line_ids = fields.One2many(
        "autocrm.warranty.claim.labour", "claim_id", string="Labour", copy=True
    )
    part_line_ids = fields.One2many(
        "autocrm.warranty.claim.part", "claim_id", string="Parts", copy=True
    )
    amount_labour = fields.Monetary(
        string="Labour Amount", compute="_compute_amounts", store=True
    )
    amount_parts = fields.Monetary(
        string="Parts Amount",
        compute="_compute_amounts",
        store=True,
        help="Parts charged back for not being returned in time are left out.",
    )
    amount_total = fields.Monetary(
        string="Repair Total",
        compute="_compute_amounts",
        store=True,
        help="Labour and parts (without charged-back parts), whoever pays them.",
    )
    amount_claimed = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        tracking=True,
        help="Labour and parts (without charged-back parts); for goodwill, the "
        "OEM's share of them.",
    )
    amount_goodwill_dealer = fields.Monetary(
        string="Dealer's Share",
        compute="_compute_amounts",
        store=True,
        help="Of a goodwill repair, what the dealership bears: the OEM does not pay "
        "it.",
    )
    amount_goodwill_customer = fields.Monetary(
        string="Customer's Share",
        compute="_compute_amounts",
        store=True,
        help="Of a goodwill repair, what the customer pays: the OEM does not pay it.",
    )
    amount_approved = fields.Monetary(
        tracking=True,
        copy=False,
        help="What the OEM pays: the amount claimed unless the reviewer lowers it "
        "(never above it), giving the reason.",
    )
    approval_reason = fields.Text(
        string="Reason for the Lower Amount",
        tracking=True,
        copy=False,
        help="Why the OEM pays less than claimed; the dealership reads it on the "
        "claim and on its settlement statement.",
    )
    amount_lowered = fields.Boolean(
        string="Approved below the Claim",
        compute="_compute_amount_lowered",
        help="The approved amount is below the amount claimed.",
    )
    review_editable = fields.Boolean(
        compute="_compute_review_editable",
        help="The user is one of the OEM's claims reviewers.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("paid", "Paid"),
        ],
        required=True,
        default="draft",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    submitted_date = fields.Date(readonly=True, copy=False, index=True)
    approved_date = fields.Date(readonly=True, copy=False)
    paid_date = fields.Date(readonly=True, copy=False, index=True)
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewer", readonly=True, copy=False
    )
    rejection_category = fields.Selection(REJECTION_CATEGORIES, copy=False)
    rejection_reason = fields.Text(copy=False, tracking=True)
    fraud_flag_ids = fields.One2many(
        "autocrm.warranty.fraud.flag", "claim_id", string="Fraud Flags", copy=False
    )
    fraud_flag_count = fields.Integer(compute="_compute_fraud_flag_count", store=True)
    preauthorisation_required = fields.Boolean(
        compute="_compute_preauthorisation_required",
        help="Claims above the OEM's amount need its authorisation before the repair.",
    )
    preauthorisation_number = fields.Char(
        string="Authorisation Number", tracking=True, copy=False
    )
    preauthorisation_date = fields.Date(string="Authorised on", copy=False)
    goodwill_oem_percent = fields.Float(string="OEM Share (%)", default=100.0)
    goodwill_dealer_percent = fields.Float(string="Dealer Share (%)")
    goodwill_customer_percent = fields.Float(string="Customer Share (%)")
    cycle_days = fields.Integer(
        string="Cycle Time (days)",
        compute="_compute_cycle_days",
        store=True,
        aggregator="avg",
        help="Days from submission to payment.",
    )
    callback_followup_id = fields.Many2one(
        "autocrm.followup", string="OEM Call-back", readonly=True, copy=False
    )
    settlement_id = fields.Many2one(
        "autocrm.warranty.settlement",
        string="Settlement",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    _sql_constraints = [
        (
            "goodwill_percent_range",
            "CHECK(goodwill_oem_percent BETWEEN 0 AND 100 "
            "AND goodwill_dealer_percent BETWEEN 0 AND 100 "
            "AND goodwill_customer_percent BETWEEN 0 AND 100)",
            "Goodwill shares are percentages between 0 and 100.",
        ),
    ]

    @api.depends("vehicle_id")
    def _compute_partner_id(self):
        for claim in self:
            claim.partner_id = claim.vehicle_id.partner_id

    @api.depends(
        "labour_line_ids.amount",
        "part_line_ids.amount",
        "part_line_ids.charged_back",
        "claim_type",
        "goodwill_oem_percent",
        "goodwill_dealer_percent",
        "goodwill_customer_percent",
    )
    def _compute_amounts(self):
        for claim in self:
            labour = sum(claim.labour_line_ids.mapped("amount"))
            parts = sum(
                claim.part_line_ids.filtered(lambda p: not p.charged_back).mapped(
                    "amount"
                )
            )
            claim.amount_labour = labour
            claim.amount_parts = parts
            claim.amount_total = labour + parts
            claim.amount_goodwill_dealer = claim.amount_goodwill_customer = 0.0
            claim.amount_claimed = claim.currency_id.round(labour + parts)
            if claim.claim_type == "goodwill":
                claim._set_goodwill_shares()

    def _set_goodwill_shares(self):
        """The OEM's, the dealer's and the customer's shares of a goodwill repair,
        rounded so that they add up to the repair's total; the OEM's is claimed."""
        self.ensure_one()
        currency = self.currency_id
        total = self.amount_total
        oem = currency.round(total * self.goodwill_oem_percent / 100.0)
        dealer = currency.round(total * self.goodwill_dealer_percent / 100.0)
        self.amount_claimed = oem
        self.amount_goodwill_dealer = dealer
        self.amount_goodwill_customer = currency.round(total - oem - dealer)

    @api.depends("amount_approved", "amount_claimed", "currency_id")
    def _compute_amount_lowered(self):
        for claim in self:
            claim.amount_lowered = bool(
                claim.amount_approved
                and claim.currency_id.compare_amounts(
                    claim.amount_approved, claim.amount_claimed
                )
                < 0
            )

    @api.depends_context("uid")
    def _compute_review_editable(self):
        editable = self._is_reviewer()
        for claim in self:
            claim.review_editable = editable

    @api.depends("fraud_flag_ids")
    def _compute_fraud_flag_count(self):
        for claim in self:
            claim.fraud_flag_count = len(claim.fraud_flag_ids)

    @api.depends("amount_claimed")
    def _compute_preauthorisation_required(self):
        threshold = self._preauthorisation_amount()
        for claim in self:
            claim.preauthorisation_required = bool(
                threshold and claim.amount_claimed > threshold
            )

    @api.depends("submitted_date", "paid_date")
    def _compute_cycle_days(self):
        for claim in self:
            if claim.submitted_date and claim.paid_date:
                claim.cycle_days = (claim.paid_date - claim.submitted_date).days
            else:
                claim.cycle_days = 0

    @api.constrains(
        "claim_type",
        "goodwill_oem_percent",
        "goodwill_dealer_percent",
        "goodwill_customer_percent",
    )
    def _check_goodwill_split(self):
        for claim in self.filtered(lambda c: c.claim_type == "goodwill"):
            total = (
                claim.goodwill_oem_percent
                + claim.goodwill_dealer_percent
                + claim.goodwill_customer_percent
            )
            if abs(total - 100.0) > 0.001:
                raise ValidationError(
                    self.env._(
                        "Claim %(name)s: the OEM, dealer and customer shares of a "
                        "goodwill claim must add up to 100 %%, not %(total)s %%.",
                        name=claim.name,
                        total=round(total, 2),
                    )
                )

    @api.constrains("vehicle_id", "company_id")
    def _check_vehicle_dealer(self):
        for claim in self:
            # as superuser: the dealerships a vehicle is shared with are not shown to
            # the user; the message does not name the vehicle
            if claim.company_id not in claim.vehicle_id.sudo().dealer_ids:
                raise ValidationError(
                    self.env._(
                        "This vehicle is not known at %(dealer)s yet: find it by its "
                        "VIN first.",
                        dealer=claim.company_id.name,
                    )
                )

    @api.constrains("fault_code_ids", "vehicle_id")
    def _check_fault_code_model(self):
        for claim in self:
            model = claim.model_id
            wrong = [
                code for code in claim.fault_code_ids if not code._fits_model(model)
            ]
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Claim %(name)s: fault code %(code)s is for %(models)s, not "
                        "for the vehicle's %(model)s. Pick a code of its model or "
                        "one for every model, or write what was read in the DTC "
                        "notes.",
                        name=claim.name,
                        code=wrong[0].display_name,
                        models=", ".join(wrong[0].model_ids.mapped("display_name")),
                        model=model.display_name,
                    )
                )

    @api.onchange("repair_id")
    def _onchange_repair_id(self):
        if self.repair_id:
            self.update(self.repair_id._autocrm_claim_values())

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_computed_vals(self, vals)
            self._check_reviewer_vals(vals, creating=True)
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "autocrm.warranty.claim"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        check_computed_vals(self, vals)
        self._check_reviewer_vals(vals)
        if LOCKED_AFTER_SUBMIT & vals.keys():
            self._check_amounts_editable()
        if vals.keys() & {"amount_approved", "approval_reason"}:
            self._check_approved_amount_vals(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(claim.state != "draft" for claim in self):
            raise UserError(
                self.env._(
                    "Only draft claims can be deleted: a submitted claim stays on "
                    "record."
                )
            )

    # ------------------------------------------------------------------
    # Server-side locks
    # ------------------------------------------------------------------
    def _is_reviewer(self):
        return self.env.su or self.env.user.has_group(REVIEWER_GROUP)

    def _check_reviewer(self):
        if not self._is_reviewer():
            raise AccessError(
                self.env._(
                    "Only the OEM's claims reviewers approve, reject or pay warranty "
                    "claims."
                )
            )

    def _check_reviewer_vals(self, vals, creating=False):
        if self.env.su:
            return
        if (
            vals.get("company_id")
            and vals["company_id"] not in self.env.user.company_ids.ids
        ):
            raise AccessError(
                self.env._(
                    "A claim belongs to the dealership that made the repair: you can "
                    "only claim for your own dealership."
                )
            )
        action_fields = ACTION_FIELDS & vals.keys()
        if creating and vals.get("state", "draft") == "draft":
            action_fields -= {"state"}
        if action_fields:
            raise AccessError(
                self.env._(
                    "A claim's state and review dates change only through its "
                    "buttons: Submit to OEM, Approve, Reject, Mark as Paid."
                )
            )
        if REVIEWER_FIELDS & vals.keys():
            self._check_reviewer()

    def _check_amounts_editable(self):
        """Once submitted, what a claim asks for is locked: the dealer cannot change
        its lines, vehicle, repair or split, nor can anyone else."""
        locked = self.filtered(lambda c: c.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "Claim %(name)s is %(state)s: its lines and amounts are locked. "
                    "Only draft claims can be changed.",
                    name=locked[0].name,
                    state=selection_label(locked[0], "state", locked[0].state),
                )
            )

    def _check_approved_amount_vals(self, vals):
        """The OEM decides what it pays, while it reviews the claim: never more than
        claimed, and less only with the reason the dealer will read."""
        # numbers first: the amount is compared as one
        self._autocrm_check_values(vals)
        for claim in self:
            if claim.state != "submitted" and not self.env.su:
                raise UserError(
                    self.env._(
                        "Claim %(name)s is %(state)s: the OEM decides what it pays "
                        "while it reviews a submitted claim.",
                        name=claim.name,
                        state=selection_label(claim, "state", claim.state),
                    )
                )
            amount = vals.get("amount_approved", claim.amount_approved) or 0.0
            reason = vals.get("approval_reason", claim.approval_reason)
            claim._check_approved_amount(amount, reason)

    def _check_approved_amount(self, amount, reason):
        self.ensure_one()
        if not amount:
            # not set: the amount claimed is approved
            return
        compare = self.currency_id.compare_amounts(amount, self.amount_claimed)
        if compare > 0:
            raise ValidationError(
                self.env._(
                    "Claim %(name)s claims %(claimed)s: the OEM cannot approve more "
                    "(%(amount)s).",
                    name=self.name,
                    claimed=format_amount(
                        self.env, self.amount_claimed, self.currency_id
                    ),
                    amount=format_amount(self.env, amount, self.currency_id),
                )
            )
        if compare < 0 and not (reason or "").strip():
            raise ValidationError(
                self.env._(
                    "Claim %(name)s: %(amount)s approved of the %(claimed)s claimed. "
                    "Write the reason for the lower amount: the dealer reads it on "
                    "the claim and on its settlement statement.",
                    name=self.name,
                    amount=format_amount(self.env, amount, self.currency_id),
                    claimed=format_amount(
                        self.env, self.amount_claimed, self.currency_id
                    ),
                )
            )

    def _check_return_editable(self):
        """A part's return changes while the claim is written or reviewed."""
        settled = self.filtered(lambda c: c.state not in ("draft", "submitted"))
        if settled and not self.env.su:
            raise UserError(
                self.env._(
                    "Claim %(name)s is %(state)s: what becomes of its parts is "
                    "settled.",
                    name=settled[0].name,
                    state=selection_label(settled[0], "state", settled[0].state),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Submit to the OEM: refused past the deadline (the OEM may still enter a
        late claim, flagged), out of warranty (goodwill aside), without the OEM's
        authorisation above its amount; flags duplicates, odometer roll-backs and
        hours above the flat rate.

        Days are the claim's dealership's (its company's time zone), whoever
        submits: the deadline is met up to the last minute of its day there."""
        days = self._company_days()
        for claim in self:
            if claim.state != "draft":
                raise UserError(
                    self.env._(
                        "Claim %(name)s is already %(state)s.",
                        name=claim.name,
                        state=selection_label(claim, "state", claim.state),
                    )
                )
            claim._check_submittable(days[claim.company_id])
        # as superuser: the state moves only here, after the checks above
        for today, claims in self._group_by_day(days).items():
            claims.sudo().write({"state": "submitted", "submitted_date": today})
        self._flag_fraud()
        return True

    def _company_days(self):
        """{company: its today} for the claims' dealerships."""
        # as superuser: only the dealerships' time zones are read
        return {company: company._autocrm_today() for company in self.company_id.sudo()}

    def _group_by_day(self, days):
        """{day: claims} of these claims by their dealership's day in ``days``
        (one group in a network on one time zone)."""
        groups = {}
        for claim in self:
            day = days[claim.company_id]
            groups[day] = groups.get(day, self.browse()) | claim
        return groups

    def _check_submittable(self, today):
        self.ensure_one()
        if not (self.labour_line_ids or self.part_line_ids):
            raise UserError(
                self.env._(
                    "Claim %(name)s has no labour and no parts: add what was done "
                    "before submitting it.",
                    name=self.name,
                )
            )
        if not self._is_reviewer():
            # the lines' prices were checked as they were written; once more here
            self.labour_line_ids._check_list_prices()
            self.part_line_ids._check_list_prices()
        # the OEM's return rules as they are today, unless its reviewer decided
        self.part_line_ids._apply_return_rules()
        unproven = self.part_line_ids._scrap_photo_missing()
        if unproven:
            raise UserError(
                self.env._(
                    "Claim %(name)s: the OEM has part %(part)s scrapped at the "
                    "dealership. Attach the photo of the scrapped part (Scrap Photo) "
                    "before submitting.",
                    name=self.name,
                    part=unproven[0].product_id.display_name,
                )
            )
        if self.claim_type != "first_maintenance" and not self.causal_part_id:
            raise UserError(
                self.env._(
                    "Claim %(name)s: name the causal part (主因零件) before "
                    "submitting.",
                    name=self.name,
                )
            )
        if self.repair_date > today:
            raise UserError(
                self.env._(
                    "Claim %(name)s: the repair date %(date)s is in the future.",
                    name=self.name,
                    date=self.repair_date,
                )
            )
        policy = self._policy()
        deadline = self.repair_date + timedelta(days=policy.claim_deadline_days)
        if today > deadline and not self._is_reviewer():
            raise UserError(
                self.env._(
                    "Claim %(name)s is too late: the repair was on %(date)s and claims "
                    "must be submitted within %(days)s days, by %(deadline)s. Ask the "
                    "OEM's claims centre if it can accept it late.",
                    name=self.name,
                    date=self.repair_date,
                    days=policy.claim_deadline_days,
                    deadline=deadline,
                )
            )
        if self.claim_type in ("warranty", "first_maintenance"):
            problem = self._coverage_problem(policy)
            if problem:
                raise UserError(problem)
        if self.preauthorisation_required:
            if not (self.preauthorisation_number and self.preauthorisation_date):
                raise UserError(
                    self.env._(
                        "Claim %(name)s asks for %(amount)s, above %(limit)s: it needs "
                        "the OEM's pre-authorisation before the repair. Enter the "
                        "authorisation number and date.",
                        name=self.name,
                        amount=self.amount_claimed,
                        limit=self._preauthorisation_amount(),
                    )
                )
            if self.preauthorisation_date > self.repair_date:
                raise UserError(
                    self.env._(
                        "Claim %(name)s: the OEM authorised it on %(auth)s, after the "
                        "repair on %(date)s. Pre-authorisation must come before the "
                        "repair.",
                        name=self.name,
                        auth=self.preauthorisation_date,
                        date=self.repair_date,
                    )
                )

    def _policy(self):
        self.ensure_one()
        return (
            self.env["autocrm.warranty.policy"]
            .sudo()
            ._get_for_models(self.vehicle_id.model_id)[self.vehicle_id.model_id.id]
        )

    def _coverage_problem(self, policy):
        """Why the vehicle was out of warranty at the repair, or None."""
        self.ensure_one()
        # as superuser: the vehicle's sale date is read for the rule, not shown
        vehicle = self.vehicle_id.sudo()
        end_date = vehicle._warranty_end_date(policy)
        if not end_date:
            return self.env._(
                "Claim %(name)s: the vehicle has no sale date, so its warranty cannot "
                "be checked. Ask the OEM to complete the vehicle's record.",
                name=self.name,
            )
        if self.repair_date > end_date:
            return self.env._(
                "Claim %(name)s: the warranty ended on %(end)s, before the repair on "
                "%(date)s. Submit it as a goodwill claim if the OEM agreed to one.",
                name=self.name,
                end=end_date,
                date=self.repair_date,
            )
        if self.odometer > policy.warranty_km:
            return self.env._(
                "Claim %(name)s: the vehicle had %(km)s km at the repair, beyond "
                "the warranty's %(max)s km. Submit it as a goodwill claim if the OEM "
                "agreed to one.",
                name=self.name,
                km=self.odometer,
                max=policy.warranty_km,
            )
        return None

    def _flag_fraud(self):
        """Add the fraud flags the reviewer reads, on claims just submitted (on
        their ``submitted_date``, the dealership's day). Run as superuser: flags
        compare with other dealerships' claims and readings, but only name this
        claim's own data."""
        vals_list = []
        Claim = self.sudo()
        for claim in self:
            today = claim.submitted_date
            policy = claim._policy()
            if today > claim.repair_date + timedelta(days=policy.claim_deadline_days):
                vals_list.append(
                    claim._flag_vals(
                        "late",
                        self.env._(
                            "Submitted on %(today)s, %(days)s days after the repair "
                            "(deadline %(deadline)s days), by %(user)s.",
                            today=today,
                            days=(today - claim.repair_date).days,
                            deadline=policy.claim_deadline_days,
                            user=self.env.user.name,
                        ),
                    )
                )
            if claim.causal_part_id:
                other = Claim.search(
                    [
                        ("id", "!=", claim.id),
                        ("vehicle_id", "=", claim.vehicle_id.id),
                        ("causal_part_id", "=", claim.causal_part_id.id),
                        ("state", "!=", "draft"),
                        (
                            "repair_date",
                            ">=",
                            claim.repair_date - timedelta(days=DUPLICATE_DAYS),
                        ),
                        (
                            "repair_date",
                            "<=",
                            claim.repair_date + timedelta(days=DUPLICATE_DAYS),
                        ),
                    ],
                    limit=1,
                )
                if other:
                    vals_list.append(
                        claim._flag_vals(
                            "duplicate",
                            self.env._(
                                "Claim %(other)s (%(dealer)s, repair of %(date)s) "
                                "already claims the same causal part %(part)s on "
                                "this VIN within %(days)s days.",
                                other=other.name,
                                dealer=other.company_id.name,
                                date=other.repair_date,
                                part=claim.causal_part_id.display_name,
                                days=DUPLICATE_DAYS,
                            ),
                        )
                    )
            higher = claim._higher_earlier_reading()
            if higher:
                vals_list.append(
                    claim._flag_vals(
                        "odometer",
                        self.env._(
                            "%(km)s km at the repair, but the vehicle already read "
                            "%(earlier)s km on %(date)s.",
                            km=claim.odometer,
                            earlier=higher[1],
                            date=higher[0],
                        ),
                    )
                )
            over = claim.labour_line_ids.filtered(
                lambda line: line.hours > line.flat_rate_hours + 0.001
            )
            if over:
                vals_list.append(
                    claim._flag_vals(
                        "hours",
                        "\n".join(
                            self.env._(
                                "%(code)s: %(hours)s h claimed for %(flat)s flat-rate "
                                "hours.",
                                code=line.operation_code,
                                hours=line.hours,
                                flat=line.flat_rate_hours,
                            )
                            for line in over
                        ),
                    )
                )
        if vals_list:
            self.env["autocrm.warranty.fraud.flag"].sudo().create(vals_list)

    def _flag_vals(self, code, note):
        return {"claim_id": self.id, "code": code, "note": note}

    def _higher_earlier_reading(self):
        """(date, km) of a reading of the vehicle, before the repair date, higher than
        the claim's odometer; or of an earlier claim with a higher odometer. What
        came before the OEM's latest roll-back correction (before the repair) no
        longer counts: the odometer was set back on purpose."""
        self.ensure_one()
        Reading = self.env["autocrm.odometer.reading"].sudo()
        correction = Reading.search(
            [
                ("vehicle_id", "=", self.vehicle_id.id),
                ("date", "<=", self.repair_date),
                ("is_rollback_correction", "=", True),
            ],
            order="date desc, id desc",
            limit=1,
        )
        since = [("date", ">=", correction.date)] if correction else []
        reading = Reading.search(
            [
                ("vehicle_id", "=", self.vehicle_id.id),
                ("date", "<", self.repair_date),
                ("value", ">", self.odometer),
                *since,
            ],
            order="value desc",
            limit=1,
        )
        if reading:
            return reading.date, reading.value
        claim = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("vehicle_id", "=", self.vehicle_id.id),
                ("repair_date", "<", self.repair_date),
                ("odometer", ">", self.odometer),
                *([("repair_date", ">=", correction.date)] if correction else []),
            ],
            order="odometer desc",
            limit=1,
        )
        if claim:
            return claim.repair_date, claim.odometer
        return None

    def _add_fraud_flag(self, code, note):
        """Add (or complete) one flag on each claim; as superuser, see _flag_fraud."""
        Flag = self.env["autocrm.warranty.fraud.flag"].sudo()
        for claim in self:
            flag = Flag.search([("claim_id", "=", claim.id), ("code", "=", code)])
            if flag:
                flag.note = f"{flag.note}\n{note}"
            else:
                Flag.create(claim._flag_vals(code, note))

    def action_approve(self):
        self._check_reviewer()
        days = self._company_days()
        for claim in self:
            if claim.state != "submitted":
                raise UserError(
                    self.env._(
                        "Claim %(name)s is %(state)s: only submitted claims can be "
                        "approved.",
                        name=claim.name,
                        state=selection_label(claim, "state", claim.state),
                    )
                )
            claim._check_returned_parts()
            claim._check_approved_amount(claim.amount_approved, claim.approval_reason)
        for claim in self:
            # as superuser: the state moves only here, after the checks above
            claim.sudo().write(
                {
                    "state": "approved",
                    "approved_date": days[claim.company_id],
                    "reviewer_id": self.env.user.id,
                    "amount_approved": claim.amount_approved or claim.amount_claimed,
                }
            )
        self._create_oem_callback()
        return True

    def _check_returned_parts(self):
        """Every return-required part (not charged back) must be back at the OEM and
        inspected as defect-confirmed."""
        self.ensure_one()
        reasons = {
            False: self.env._("it has not been returned and inspected yet"),
            "not_received": self.env._("the OEM has not received it"),
            "no_defect": self.env._("the OEM's inspection found no defect"),
            "wrong_part": self.env._("the returned part is not the one claimed"),
        }
        unproven = self.part_line_ids._scrap_photo_missing()
        if unproven:
            raise UserError(
                self.env._(
                    "Claim %(name)s cannot be approved: part %(part)s is scrapped at "
                    "the dealership, and the photo of the scrapped part is missing.",
                    name=self.name,
                    part=unproven[0].product_id.display_name,
                )
            )
        for line in self.part_line_ids:
            if (
                not line.return_required
                or line.charged_back
                or line.inspection_result == "defect_confirmed"
            ):
                continue
            raise UserError(
                self.env._(
                    "Claim %(name)s cannot be approved: part %(part)s must be "
                    "inspected as defect-confirmed, but %(reason)s.",
                    name=self.name,
                    part=line.product_id.display_name,
                    reason=reasons.get(line.inspection_result, reasons[False]),
                )
            )

    def _create_oem_callback(self):
        """The OEM calls the customer back after a warranty repair: satisfaction,
        and whether the customer was made to pay. The call-back is the OEM's: it is
        due within its days counted on the OEM's day (its company's time zone)."""
        oem = self.env["res.company"]._autocrm_oem_company() or self.env.ref(
            "base.main_company"
        )
        user = self._callback_user(oem)
        due = oem.sudo()._autocrm_today() + timedelta(days=CALLBACK_DAYS)
        vals_list = [
            {
                "partner_id": claim.partner_id.id,
                "vehicle_id": claim.vehicle_id.id,
                "company_id": oem.id,
                "user_id": user.id,
                "followup_type": "oem_callback",
                "due_date": due,
                "res_model": self._name,
                "res_id": claim.id,
            }
            for claim in self.filtered("partner_id")
        ]
        # as superuser: the call-back belongs to the OEM, whatever the approving
        # user's current company
        followups = self.env["autocrm.followup"].sudo().create(vals_list)
        for followup in followups:
            self.sudo().browse(followup.res_id).callback_followup_id = followup

    def _callback_user(self, oem):
        """The OEM's follow-up staff (its CRM centre, *Follow-up Staff* on the OEM
        company) makes the call-back; without one, the approving reviewer; when
        the approval runs as the system (data import, scheduled job), the first
        OEM user."""
        staff = oem.sudo().autocrm_followup_user_id
        if staff.active:
            return staff
        user = self.env.user
        if (
            not user._is_superuser()
            and oem in user.company_ids
            and user.has_group("autocrm_customer.group_oem_user")
        ):
            return user
        # as superuser: only picks whom to assign the call-back to
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("company_id", "=", oem.id),
                    ("share", "=", False),
                    ("groups_id", "in", self.env.ref(OEM_USER_GROUP).id),
                    ("id", "!=", SUPERUSER_ID),
                ],
                order="id",
                limit=1,
            )
        )

    def action_reject(self):
        self._check_reviewer()
        for claim in self:
            if claim.state != "submitted":
                raise UserError(
                    self.env._(
                        "Claim %(name)s is %(state)s: only submitted claims can be "
                        "rejected.",
                        name=claim.name,
                        state=selection_label(claim, "state", claim.state),
                    )
                )
            if not (claim.rejection_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Claim %(name)s: write the rejection reason the dealer will "
                        "read before rejecting it.",
                        name=claim.name,
                    )
                )
        # as superuser: the state moves only here, after the checks above
        self.sudo().write({"state": "rejected", "reviewer_id": self.env.user.id})
        return True

    def action_open_reject(self):
        """The reject wizard, for one claim or a batch."""
        self._check_reviewer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Claims"),
            "res_model": "autocrm.warranty.claim.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_claim_ids": self.ids},
        }

    def action_pay(self):
        """Paid on the dealership's day: the settlement of a dealership's period
        lists the claims paid on its days."""
        self._check_reviewer()
        for claim in self:
            if claim.state != "approved":
                raise UserError(
                    self.env._(
                        "Claim %(name)s is %(state)s: only approved claims are paid.",
                        name=claim.name,
                        state=selection_label(claim, "state", claim.state),
                    )
                )
        # as superuser: the state moves only here, after the checks above
        for today, claims in self._group_by_day(self._company_days()).items():
            claims.sudo().write({"state": "paid", "paid_date": today})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _track_subtype(self, init_values):
        """The OEM's decision and its payment as their own subtypes: the dealer
        staff following a claim hear of them (as with ``crm``'s won and lost)."""
        self.ensure_one()
        if "state" in init_values and self.state in STATE_SUBTYPES:
            return self.env.ref(STATE_SUBTYPES[self.state])
        return super()._track_subtype(init_values)

    @api.model
    def _preauthorisation_amount(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(PREAUTH_PARAM, DEFAULT_PREAUTH_AMOUNT)
        )
        try:
            return float(param)
        except ValueError:
            return DEFAULT_PREAUTH_AMOUNT

    def action_open_callback(self):
        self.ensure_one()
        return self.callback_followup_id._get_records_action(
            name=self.env._("OEM Call-back")
        )

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def _flag_customer_paid(self, followup):
        """The OEM call-back found the customer paid for free work: flag the claim
        and tell its reviewer."""
        note = self.env._(
            "OEM call-back of %(date)s: the customer says they were made to pay. "
            "%(remarks)s",
            date=followup.done_date or followup.company_id.sudo()._autocrm_today(),
            remarks=followup.customer_remarks or "",
        ).strip()
        self._add_fraud_flag("customer_paid", note)
        for claim in self:
            claim.message_post(body=note, subtype_xmlid="mail.mt_note")
            reviewer = claim.reviewer_id or self.env.user
            claim.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Customer paid for free work"),
                note=note,
                user_id=reviewer.id,
            )
