from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, create_index, email_normalize, html2plaintext
from odoo.tools.mail import parse_contact_from_email

from odoo.addons.autocrm_customer.tools.selection import SATISFACTION, selection_label

from .autocrm_complaint_category import PRIORITIES
from .autocrm_complaint_stage import PHASE_ORDER

ESCALATION_ACTIVITY_XMLID = "autocrm_complaint.mail_activity_type_complaint_escalated"
ESCALATED_SUBTYPE_XMLID = "autocrm_complaint.mt_complaint_escalated"
RESOLVED_SUBTYPE_XMLID = "autocrm_complaint.mt_complaint_resolved"
ESCALATE_BATCH_SIZE = 1000
FOLLOWUP_DELAY_DAYS = 3
# Set by the complaint's own workflow (stage changes, the escalation), never by hand
WORKFLOW_FIELDS = {
    "name",
    "followup_id",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "escalated",
    "escalated_at",
}
# Context value that lets the workflow write WORKFLOW_FIELDS: a Python object, which
# no RPC client can send
WORKFLOW = object()
# What is needed to close a complaint, and more for process failures
CLOSING_FIELDS = ["category_id", "resolution", "root_cause", "satisfaction"]
PROCESS_FAILURE_FIELDS = ["improvement_plan", "prevention_plan"]


class AutocrmComplaint(models.Model):
    _name = "autocrm.complaint"
    _description = "Customer Complaint"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "autocrm.dealer.mixin",
        "autocrm.cron.mixin",
    ]
    _order = "priority desc, received_at desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "summary", "partner_id"]

    def _default_stage_id(self):
        return self.env["autocrm.complaint.stage"].search(
            [("phase", "=", "new")], order="sequence, id", limit=1
        )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    summary = fields.Char(string="Subject", tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
    )
    vehicle_id = fields.Many2one(
        "autocrm.vehicle",
        string="Vehicle",
        index="btree_not_null",
        domain="[('partner_id', '=?', partner_id)]",
        tracking=True,
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("walk_in", "Walk-in"),
            ("email", "E-mail"),
            ("website", "Website"),
            ("wechat", "WeChat"),
            ("oem_hotline", "OEM Hotline"),
            ("followup", "Follow-up"),
        ],
        required=True,
        default="phone",
        tracking=True,
    )
    received_at = fields.Datetime(
        string="Received",
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the customer complained: the deadlines run from here.",
    )
    category_id = fields.Many2one(
        "autocrm.complaint.category",
        string="Category",
        index=True,
        tracking=True,
        help="Why the customer complains; it sets the priority.",
    )
    is_process_failure = fields.Boolean(related="category_id.is_process_failure")
    description = fields.Text(
        string="Customer's Words",
        required=True,
        help="What the customer said, in their own words.",
    )
    priority = fields.Selection(
        PRIORITIES,
        compute="_compute_priority",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        help="From the category by default; it sets the deadlines.",
    )
    stage_id = fields.Many2one(
        "autocrm.complaint.stage",
        string="Stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        default=_default_stage_id,
        group_expand="_read_group_expand_full",
    )
    phase = fields.Selection(
        related="stage_id.phase", store=True, index=True, string="Step"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
        tracking=True,
    )
    acknowledge_deadline = fields.Datetime(
        string="Acknowledge By",
        compute="_compute_deadlines",
        store=True,
        help="Received time plus the hours to acknowledge of its priority.",
    )
    deadline = fields.Datetime(
        string="Resolve By",
        compute="_compute_deadlines",
        store=True,
        index=True,
        help="Received time plus the hours to resolve of its priority.",
    )
    acknowledged_at = fields.Datetime(readonly=True, copy=False)
    resolved_at = fields.Datetime(readonly=True, copy=False)
    closed_at = fields.Datetime(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not acknowledged past the deadline to acknowledge, or not resolved past "
        "the deadline to resolve.",
    )
    is_late = fields.Boolean(
        string="Handled Late",
        compute="_compute_is_late",
        store=True,
        help="Acknowledged or resolved after its deadline (是否超时处理).",
    )
    time_left = fields.Char(compute="_compute_time_left")
    resolution = fields.Text(tracking=True, help="What was done for the customer.")
    root_cause = fields.Text(tracking=True, help="Why it happened.")
    improvement_plan = fields.Text(
        tracking=True, help="How the dealership improves the process that failed."
    )
    prevention_plan = fields.Text(
        tracking=True, help="How the dealership prevents it from happening again."
    )
    has_improvement_plan = fields.Boolean(
        compute="_compute_has_improvement_plan",
        store=True,
        help="An improvement and prevention plan was made (改善及预防方案).",
    )
    satisfaction = fields.Selection(
        SATISFACTION,
        tracking=True,
        copy=False,
        help="The customer's satisfaction with how the complaint was handled.",
    )
    escalated = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Escalated to the OEM once overdue, by the scheduled escalation.",
    )
    escalated_at = fields.Datetime(readonly=True, copy=False)
    followup_id = fields.Many2one(
        "autocrm.followup",
        string="Source Follow-up",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The follow-up in which the customer said they were dissatisfied.",
    )
    complaint_followup_id = fields.Many2one(
        "autocrm.followup",
        string="Follow-up after the Complaint",
        compute="_compute_complaint_followup_id",
    )

    def init(self):
        # what the escalation looks for: complaints not escalated yet, still to be
        # acknowledged or resolved, by deadline
        create_index(
            self.env.cr,
            "autocrm_complaint_to_acknowledge_index",
            self._table,
            ["acknowledge_deadline"],
            where="escalated IS NOT TRUE AND acknowledged_at IS NULL",
        )
        create_index(
            self.env.cr,
            "autocrm_complaint_to_resolve_index",
            self._table,
            ["deadline"],
            where="escalated IS NOT TRUE AND resolved_at IS NULL",
        )

    @api.depends("category_id")
    def _compute_priority(self):
        for complaint in self:
            if complaint.category_id:
                complaint.priority = complaint.category_id.priority
            elif not complaint.priority:
                complaint.priority = "1"

    @api.depends("received_at", "priority")
    def _compute_deadlines(self):
        hours = self.env["autocrm.complaint.deadline"]._hours_by_priority()
        for complaint in self:
            if not complaint.received_at or not complaint.priority:
                complaint.acknowledge_deadline = complaint.deadline = False
                continue
            to_acknowledge, to_resolve = hours[complaint.priority]
            complaint.acknowledge_deadline = complaint.received_at + timedelta(
                hours=to_acknowledge
            )
            complaint.deadline = complaint.received_at + timedelta(hours=to_resolve)

    @api.depends("acknowledged_at", "resolved_at", "acknowledge_deadline", "deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_overdue = complaint._overdue_step(now) is not None

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Filter overdue complaints with = or !=."))
        now = fields.Datetime.now()
        overdue = [
            "|",
            "&",
            ("acknowledged_at", "=", False),
            ("acknowledge_deadline", "<", now),
            "&",
            ("resolved_at", "=", False),
            ("deadline", "<", now),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    @api.depends("acknowledged_at", "resolved_at", "acknowledge_deadline", "deadline")
    def _compute_is_late(self):
        for complaint in self:
            complaint.is_late = bool(
                (
                    complaint.acknowledged_at
                    and complaint.acknowledge_deadline
                    and complaint.acknowledged_at > complaint.acknowledge_deadline
                )
                or (
                    complaint.resolved_at
                    and complaint.deadline
                    and complaint.resolved_at > complaint.deadline
                )
            )

    def _compute_time_left(self):
        now = fields.Datetime.now()
        for complaint in self:
            if not complaint.acknowledged_at and complaint.acknowledge_deadline:
                target, step = complaint.acknowledge_deadline, "acknowledge"
            elif not complaint.resolved_at and complaint.deadline:
                target, step = complaint.deadline, "resolve"
            else:
                complaint.time_left = False
                continue
            seconds = (target - now).total_seconds()
            duration = self._format_duration(abs(seconds))
            if seconds >= 0:
                complaint.time_left = (
                    self.env._("%(time)s left to acknowledge", time=duration)
                    if step == "acknowledge"
                    else self.env._("%(time)s left to resolve", time=duration)
                )
            else:
                complaint.time_left = (
                    self.env._("Acknowledgement late by %(time)s", time=duration)
                    if step == "acknowledge"
                    else self.env._("Resolution late by %(time)s", time=duration)
                )

    @api.depends("improvement_plan", "prevention_plan")
    def _compute_has_improvement_plan(self):
        for complaint in self:
            complaint.has_improvement_plan = bool(
                complaint.improvement_plan and complaint.prevention_plan
            )

    def _compute_complaint_followup_id(self):
        followups = self.env["autocrm.followup"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("followup_type", "=", "complaint"),
            ]
        )
        by_complaint = {followup.res_id: followup for followup in followups}
        for complaint in self:
            complaint.complaint_followup_id = by_complaint.get(complaint.id, False)

    @api.depends("name", "partner_id.name")
    def _compute_display_name(self):
        for complaint in self:
            # as superuser: a user who may read the complaint is shown its
            # customer's name, as the web client shows any many2one's name; the
            # OEM sees complaints of dealerships outside its active companies
            customer = complaint.partner_id.sudo().name
            complaint.display_name = (
                f"{complaint.name} · {customer}" if customer else complaint.name
            )

    @api.constrains("partner_id", "company_id")
    def _check_partner_dealer(self):
        """A dealership records complaints of its own customers and of the owners
        of the vehicles shared with it; the OEM's hotline takes any customer's."""
        self._autocrm_check_dealer_partner()

    @api.constrains("vehicle_id", "company_id")
    def _check_vehicle_dealer(self):
        self._autocrm_check_dealer_vehicle()

    @api.constrains("received_at")
    def _check_received_at(self):
        latest = fields.Datetime.now() + timedelta(minutes=5)
        if any(complaint.received_at > latest for complaint in self):
            raise ValidationError(
                self.env._("A complaint cannot be received in the future.")
            )

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.partner_id and not self.partner_id:
            self.partner_id = self.vehicle_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self._is_workflow():
                self._check_workflow_fields(vals)
            self.browse()._check_phase_requirements(vals)
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                company = vals.get("company_id") or self.env.company.id
                vals["name"] = sequence.with_company(company).next_by_code(
                    "autocrm.complaint"
                ) or self.env._("New")
        complaints = super().create(vals_list)
        advanced = complaints.filtered(lambda c: c.phase != "new")
        if advanced:
            advanced._apply_phase(dict.fromkeys(advanced.ids, "new"))
        return complaints

    def write(self, vals):
        if not self._is_workflow():
            self._check_workflow_fields(vals)
            self._check_closed_lock(vals)
            if "received_at" in vals and self.filtered("acknowledged_at"):
                raise UserError(
                    self.env._(
                        "The time a complaint was received cannot change once it is "
                        "acknowledged: its deadlines run from it."
                    )
                )
        if "stage_id" not in vals:
            return super().write(vals)
        self._check_phase_requirements(vals)
        phases_before = {complaint.id: complaint.phase for complaint in self}
        res = super().write(vals)
        self._apply_phase(phases_before)
        return res

    def _track_subtype(self, init_values):
        """A complaint entering its resolved step is its own subtype: the staff
        following it hear of the resolution (as with ``helpdesk``'s stages)."""
        self.ensure_one()
        if "stage_id" in init_values and self.phase == "resolved":
            return self.env.ref(RESOLVED_SUBTYPE_XMLID)
        return super()._track_subtype(init_values)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda c: c.phase == "closed"):
            raise UserError(
                self.env._("A closed complaint is kept: it cannot be deleted.")
            )

    def action_acknowledge(self):
        return self._move_to("acknowledged")

    def action_start(self):
        return self._move_to("in_progress")

    def action_resolve(self):
        return self._move_to("resolved")

    def action_close(self):
        return self._move_to("closed")

    def action_reopen(self):
        """Back to In Progress: a resolved complaint the customer is not done
        with, or (for a dealer manager or the OEM) a closed one."""
        return self._move_to("in_progress", backwards=True)

    def action_open_complaint_followup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "autocrm.followup",
            "res_id": self.complaint_followup_id.id,
            "view_mode": "form",
        }

    def action_open_source_followup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "autocrm.followup",
            "res_id": self.followup_id.id,
            "view_mode": "form",
        }

    def _move_to(self, phase, backwards=False):
        """Move the complaints to the first stage of ``phase``: forward only (the
        buttons never undo a step), or backward only to reopen."""
        rank = PHASE_ORDER[phase]
        complaints = self.filtered(
            lambda c: PHASE_ORDER[c.phase] > rank
            if backwards
            else PHASE_ORDER[c.phase] < rank
        )
        if not complaints:
            return True
        stage = self.env["autocrm.complaint.stage"].search(
            [("phase", "=", phase)], order="sequence, id", limit=1
        )
        if not stage:
            raise UserError(
                self.env._(
                    "No complaint stage stands for %(phase)s: ask the OEM to add one.",
                    phase=selection_label(self, "phase", phase),
                )
            )
        complaints.write({"stage_id": stage.id})
        return True

    def _is_workflow(self):
        return self.env.su or self.env.context.get("autocrm_complaint_workflow") is (
            WORKFLOW
        )

    def _check_workflow_fields(self, vals):
        # stored computed fields: autocrm.dealer.mixin refuses them
        protected = WORKFLOW_FIELDS & vals.keys()
        if protected - {"name"} or (
            "name" in vals and self and vals["name"] not in self.mapped("name")
        ):
            raise UserError(
                self.env._(
                    "%(fields)s are set as the complaint moves through its stages and "
                    "by the escalation; they cannot be written.",
                    fields=", ".join(
                        self._fields[fname]._description_string(self.env)
                        for fname in sorted(protected)
                    ),
                )
            )

    def _check_closed_lock(self, vals):
        """A closed complaint is locked: only its chatter stays open. A dealer or
        OEM manager may reopen it by moving it to an earlier stage."""
        changed = {
            fname
            for fname in vals
            if not fname.startswith(("message_", "activity_"))
            and fname != "website_message_ids"
        }
        closed = self.filtered(lambda c: c.phase == "closed")
        if not changed or not closed:
            return
        if changed == {"stage_id"}:
            stage = self.env["autocrm.complaint.stage"].browse(vals["stage_id"])
            if stage.phase == "closed":
                return
            if self.env.user.has_group(
                "autocrm_customer.group_dealer_manager"
            ) or self.env.user.has_group("autocrm_customer.group_oem_user"):
                return
            raise UserError(
                self.env._(
                    "%(complaint)s is closed: only a dealer manager or the OEM can "
                    "reopen it.",
                    complaint=closed[0].display_name,
                )
            )
        raise UserError(
            self.env._(
                "%(complaint)s is closed and can no longer be changed; write in its "
                "chatter, or ask a manager to reopen it.",
                complaint=closed[0].display_name,
            )
        )

    def _apply_phase(self, phases_before):
        """Stamp the moments a complaint was acknowledged, resolved and closed as it
        enters those steps, and schedule the follow-up after a complaint once it is
        resolved."""
        now = fields.Datetime.now()
        groups = defaultdict(lambda: self.browse())
        for complaint in self:
            rank = PHASE_ORDER[complaint.phase]
            values = {
                "acknowledged_at": complaint.acknowledged_at or (rank >= 1 and now),
                "resolved_at": (complaint.resolved_at or now) if rank >= 3 else False,
                "closed_at": (complaint.closed_at or now) if rank >= 4 else False,
            }
            changes = tuple(
                (fname, value)
                for fname, value in values.items()
                if value != complaint[fname]
            )
            if changes:
                groups[changes] |= complaint
        for changes, complaints in groups.items():
            complaints.with_context(autocrm_complaint_workflow=WORKFLOW).write(
                dict(changes)
            )
        resolving = self.filtered(
            lambda c: PHASE_ORDER[c.phase] >= PHASE_ORDER["resolved"]
            and PHASE_ORDER[phases_before[c.id]] < PHASE_ORDER["resolved"]
        )
        resolving._schedule_complaint_followups()

    def _check_phase_requirements(self, vals):
        """What entering the stage of ``vals`` needs, checked on the values about
        to be written over the record's own (on an empty recordset: a complaint
        being created): a resolution to resolve; a category, a resolution, a root
        cause and the customer's satisfaction to close, plus an improvement plan
        and a prevention plan when the category points to a process failure."""
        if not vals.get("stage_id"):
            return
        new_phase = self.env["autocrm.complaint.stage"].browse(vals["stage_id"]).phase
        resolved = PHASE_ORDER["resolved"]
        for complaint in self or [self]:
            old_phase = complaint.phase or "new"

            def value(fname, complaint=complaint):
                return vals[fname] if fname in vals else complaint[fname]

            label = (
                complaint.display_name
                or value("summary")
                or self.env._("this complaint")
            )
            if (
                PHASE_ORDER[new_phase] >= resolved
                and PHASE_ORDER[old_phase] < resolved
                and not value("resolution")
            ):
                raise ValidationError(
                    self.env._(
                        "Write down what was done for the customer (the resolution) "
                        "before resolving %(complaint)s.",
                        complaint=label,
                    )
                )
            if new_phase != "closed" or old_phase == "closed":
                continue
            category = self.env["autocrm.complaint.category"].browse(
                value("category_id")
                if "category_id" in vals
                else complaint.category_id.id
            )
            required = list(CLOSING_FIELDS)
            if category.is_process_failure:
                required += PROCESS_FAILURE_FIELDS
            missing = [
                fname
                for fname in required
                if not (category if fname == "category_id" else value(fname))
            ]
            if missing:
                message = self.env._(
                    "To close %(complaint)s, fill in: %(fields)s.",
                    complaint=label,
                    fields=", ".join(
                        self._fields[fname]._description_string(self.env)
                        for fname in missing
                    ),
                )
                if set(PROCESS_FAILURE_FIELDS) & set(missing):
                    message += "\n" + self.env._(
                        "Its category points to a failure of the dealership's own "
                        "process: an improvement plan and a prevention plan are "
                        "needed."
                    )
                raise ValidationError(message)

    def _schedule_complaint_followups(self):
        """Plan the follow-up after each resolved complaint, 3 days later: did the
        customer stay satisfied? One per complaint, even if it is resolved again
        after a reopening."""
        if not self:
            return self.env["autocrm.followup"]
        Followup = self.env["autocrm.followup"]
        # as superuser: only to know which complaints already have their follow-up
        planned = set(
            Followup.sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("followup_type", "=", "complaint"),
                ]
            )
            .mapped("res_id")
        )
        vals_list = []
        for complaint in self.filtered(lambda c: c.id not in planned):
            # the dealership's day of the resolution, whoever resolved it: 00:30 in
            # Shanghai is already the next day there though still the last in UTC
            resolved_day = complaint.company_id._autocrm_date_of(complaint.resolved_at)
            user = complaint.user_id or (
                self.env.user
                if complaint.company_id in self.env.user.company_ids
                else self.env["res.users"]
            )
            vals_list.append(
                {
                    "followup_type": "complaint",
                    "partner_id": complaint.partner_id.id,
                    "vehicle_id": complaint.vehicle_id.id,
                    "company_id": complaint.company_id.id,
                    "user_id": user.id,
                    "due_date": resolved_day + timedelta(days=FOLLOWUP_DELAY_DAYS),
                    "res_model": self._name,
                    "res_id": complaint.id,
                }
            )
        return Followup.create(vals_list)

    @api.model
    def _format_duration(self, seconds):
        hours = int(seconds // 3600)
        if hours >= 48:
            return self.env._(
                "%(days)s d %(hours)s h", days=hours // 24, hours=hours % 24
            )
        if hours >= 1:
            return self.env._("%(hours)s h", hours=hours)
        return self.env._("%(minutes)s min", minutes=int(seconds // 60))

    def _overdue_step(self, now):
        """'acknowledge' or 'resolve', the step this complaint is overdue for, or
        None."""
        self.ensure_one()
        if (
            not self.acknowledged_at
            and self.acknowledge_deadline
            and self.acknowledge_deadline < now
        ):
            return "acknowledge"
        if not self.resolved_at and self.deadline and self.deadline < now:
            return "resolve"
        return None

    # ------------------------------------------------------------------
    # Mail gateway
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint e-mailed to a dealership's alias: the customer is found by
        e-mail among that dealership's customers only (created there when
        unknown), the message is the customer's words."""
        values = dict(custom_values or {})
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        partner = self._partner_from_email(msg_dict.get("email_from"), company)
        # the message is posted in the complaint's chatter as from this customer,
        # not from a namesake partner of another dealership
        msg_dict["author_id"] = partner.id
        desk = self.env["autocrm.complaint.desk"].search(
            [("company_id", "=", company.id)], limit=1
        )
        received_at = fields.Datetime.now()
        if msg_dict.get("date"):
            received_at = min(
                fields.Datetime.to_datetime(msg_dict["date"]), received_at
            )
        values.setdefault("user_id", desk.user_id.id or False)
        values.update(
            {
                "name": self.env._("New"),
                "company_id": company.id,
                "partner_id": partner.id,
                "channel": "email",
                "received_at": received_at,
                "summary": msg_dict.get("subject") or False,
                "description": html2plaintext(msg_dict.get("body") or "").strip()
                or msg_dict.get("subject")
                or self.env._("(empty e-mail)"),
            }
        )
        return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _partner_from_email(self, email_from, company):
        """The customer of ``company`` with this e-mail address: one of its own
        customers or an owner of a vehicle shared with it, else a new customer of
        the dealership."""
        Partner = self.env["res.partner"]
        email = email_normalize(email_from or "")
        if email:
            partner = Partner.search(
                [
                    ("email_normalized", "=", email),
                    "|",
                    ("company_id", "=", company.id),
                    ("vehicle_ids.dealer_ids", "in", company.ids),
                ],
                order="id",
                limit=1,
            )
            if partner:
                return partner
        name, parsed_email = parse_contact_from_email(email_from or "")
        return Partner.create(
            {
                "name": name or parsed_email or self.env._("Unknown customer"),
                "email": parsed_email or False,
                "company_id": company.id,
            }
        )

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------

    @api.model
    def _cron_complaint_escalate(self, batch_size=ESCALATE_BATCH_SIZE):
        """Escalate each overdue complaint to the OEM, once.

        A complaint not acknowledged past its deadline to acknowledge, or not
        resolved past its deadline to resolve, and not yet escalated, is marked
        escalated in one UPDATE per batch; its dealership's escalation contacts
        (the dealer managers by default) and the OEM complaint desk (the OEM
        managers by default) each get an activity, and the complaint's chatter a
        note, in batches.

        Safe to run again or at the same time elsewhere: ``WHERE NOT escalated``
        with ``FOR UPDATE SKIP LOCKED`` lets each complaint be taken by one run
        only; a row another run committed after this transaction began raises a
        serialization failure, after which a scheduled run starts a new
        transaction and carries on (``autocrm.cron.mixin``); each batch is
        committed, so a stopped run leaves nothing half escalated.
        """

        def escalate_batch():
            rows = self._escalate_overdue_batch(batch_size)
            complaints = self.browse(row[0] for row in rows)
            complaints._notify_escalation()
            return len(complaints), len(rows) == batch_size

        return self._autocrm_run_batches(escalate_batch)

    @api.model
    def _escalate_overdue_batch(self, limit):
        self.env.flush_all()
        # the clock the complaints' is_overdue and time_left read, so that a
        # complaint shown overdue is the one escalated
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                UPDATE autocrm_complaint complaint
                   SET escalated = TRUE, escalated_at = %(now)s,
                       write_uid = %(uid)s, write_date = %(now)s
                 WHERE complaint.id IN (
                        SELECT id
                          FROM autocrm_complaint
                         WHERE escalated IS NOT TRUE
                           AND (   (acknowledged_at IS NULL
                                    AND acknowledge_deadline < %(now)s)
                                OR (resolved_at IS NULL AND deadline < %(now)s))
                      ORDER BY id
                         LIMIT %(limit)s
                           FOR UPDATE SKIP LOCKED)
             RETURNING complaint.id
                """,
                now=now,
                uid=self.env.uid,
                limit=limit,
            ),
            log_exceptions=False,
        )
        rows = self.env.cr.fetchall()
        self.invalidate_model(["escalated", "escalated_at", "write_uid", "write_date"])
        return rows

    def _notify_escalation(self):
        """Activities for the escalation contacts and a chatter note, in batches.

        As superuser: escalation is the system's act on complaints it selected
        itself; the assignees are the dealership's own managers and the OEM."""
        if not self:
            return
        complaints = self.sudo()
        recipients = complaints._escalation_recipients()
        now = fields.Datetime.now()
        # each activity is due today at the complaint's dealership, in its time
        # zone: the cron runs as OdooBot, whose time zone is UTC
        today = {company: company._autocrm_today() for company in complaints.company_id}
        Activity = self.env["mail.activity"].sudo()
        steps = {
            complaint: complaint._overdue_step(now) or "resolve"
            for complaint in complaints
        }
        # the activity's note in its assignee's language, the chatter's in the
        # database's: the cron's
        envs = {}

        def reason_in(env, step):
            if step == "acknowledge":
                return env._("not acknowledged in time")
            return env._("not resolved in time")

        def values_of(complaint, user):
            if user not in envs:
                envs[user] = Activity._autocrm_assignee_env(user)
            return {
                "note": reason_in(envs[user], steps[complaint]),
                **self._prepare_escalation_activity_values(complaint, user),
            }

        Activity._autocrm_create_batch(
            complaints,
            self.env.ref(ESCALATION_ACTIVITY_XMLID),
            user_of=lambda complaint: recipients[complaint.company_id.id],
            deadline_of=lambda complaint: today[complaint.company_id],
            values_of=values_of,
        )
        bodies = {}
        for complaint in complaints:
            users = recipients[complaint.company_id.id]
            bodies[complaint.id] = Markup("<p>%s</p>") % self.env._(
                "Escalated to the OEM: the complaint was %(reason)s. Asked to act: "
                "%(users)s.",
                reason=reason_in(self.env, steps[complaint]),
                users=", ".join(users.mapped("name"))
                or self.env._("nobody (no manager found)"),
            )
        messages = complaints._message_log_batch(bodies=bodies)
        # the chatter names the escalation as such (its followers' subtype)
        messages.subtype_id = self.env.ref(ESCALATED_SUBTYPE_XMLID)
        complaints._notify_escalation_recipients(recipients)

    def _prepare_escalation_activity_values(self, complaint, user):
        """More values of the escalation activity given to ``user`` on
        ``complaint``, over ``mail.activity._autocrm_prepare_batch_values`` and
        its note: none here, for modules to extend."""
        return {}

    def _notify_escalation_recipients(self, recipients):
        """One message to each person asked to act, listing the complaints
        escalated to them in this run: as many messages as people, not as
        complaints."""
        by_user = defaultdict(lambda: self.browse())
        for complaint in self:
            for user in recipients[complaint.company_id.id]:
                by_user[user] |= complaint
        Activity = self.env["mail.activity"]
        for user, complaints in by_user.items():
            # in the recipient's language, not the cron's
            user_env = Activity._autocrm_assignee_env(user)
            items = Markup("").join(
                Markup('<li><a href="/odoo/autocrm.complaint/%s">%s</a> (%s)</li>')
                % (complaint.id, complaint.name, complaint.company_id.name)
                for complaint in complaints
            )
            self.env["mail.thread"].message_notify(
                partner_ids=user.partner_id.ids,
                subject=user_env._(
                    "%(count)s overdue complaint(s) escalated to the OEM",
                    count=len(complaints),
                ),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    user_env._(
                        "These complaints were not handled in time and are "
                        "escalated to the OEM; an activity asks you to act:"
                    ),
                    items,
                ),
            )

    def _escalation_recipients(self):
        """{company id: users} to ask to act on an escalated complaint: the
        dealership's escalation contacts (its desk's, else its dealer managers) and
        the OEM complaint desk (the OEM desks' contacts, else the OEM managers)."""
        Users = self.env["res.users"]
        companies = self.company_id
        desks = self.env["autocrm.complaint.desk"].search(
            [
                "|",
                ("company_id", "in", companies.ids),
                ("company_id.autocrm_role", "=", "oem"),
            ]
        )
        oem_desk = Users.browse(
            desks.filtered(lambda d: d.company_id.autocrm_role == "oem")
            .escalation_user_ids.filtered("active")
            .ids
        )
        if not oem_desk:
            oem_desk = Users.search(
                [
                    (
                        "groups_id",
                        "in",
                        self.env.ref("autocrm_customer.group_oem_manager").ids,
                    ),
                    ("share", "=", False),
                ]
            )
        managers = Users.search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("autocrm_customer.group_dealer_manager").ids,
                ),
                ("share", "=", False),
                ("company_ids", "in", companies.ids),
            ]
        )
        desk_by_company = {desk.company_id.id: desk for desk in desks}
        recipients = {}
        for company in companies:
            desk = desk_by_company.get(company.id)
            dealer_contacts = (
                desk.escalation_user_ids.filtered("active") if desk else Users
            ) or managers.filtered(lambda u, c=company: c in u.company_ids)
            recipients[company.id] = dealer_contacts | oem_desk
        return recipients

    def _autocrm_action_view(self):
        """The action showing these complaints: the form of one, a list of
        several."""
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Complaints"),
            "res_model": self._name,
        }
        if len(self) == 1:
            return {
                **action,
                "res_id": self.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return {
            **action,
            "view_mode": "list,kanban,form",
            "views": [(False, "list"), (False, "kanban"), (False, "form")],
            "domain": [("id", "in", self.ids)],
        }
