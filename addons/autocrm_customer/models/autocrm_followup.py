from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.fields import NullableFloat
from ..tools.selection import SATISFACTION, selection_label

ACTIVITY_TYPE_XMLID = "autocrm_customer.mail_activity_type_followup"
LOOKBACK_PARAM = "autocrm_customer.followup_lookback_days"
DEFAULT_LOOKBACK_DAYS = 14
GENERATE_BATCH_SIZE = 5000
DISSATISFIED = ("1", "2")
# followup_type: days after the sale (vehicle-based) or after the visit (repair-based)
SALE_FOLLOWUP_DELAYS = {"post_sale": 7, "first_maintenance_reminder": 30}
SERVICE_FOLLOWUP_DELAY = 3
# state: the states a follow-up in that state may move to
STATE_TRANSITIONS = {
    "planned": {"done", "unreachable", "cancelled"},
    "unreachable": {"planned"},
    "cancelled": {"planned"},
    "done": set(),
}
# what a closed follow-up keeps as it was closed: its customer, cause and outcome
LOCKED_WHEN_CLOSED = {
    "partner_id",
    "vehicle_id",
    "company_id",
    "followup_type",
    "due_date",
    "done_date",
    "channel",
    "reached",
    "satisfaction",
    "customer_remarks",
    "res_model",
    "res_id",
}


class AutocrmFollowup(models.Model):
    _name = "autocrm.followup"
    _description = "Customer Follow-up"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "autocrm.dealer.mixin",
        "autocrm.cron.mixin",
        "autocrm.closed.lock.mixin",
    ]
    _order = "due_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["partner_id", "vehicle_id"]

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
    company_id = fields.Many2one(
        "res.company",
        string="Dealership",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The dealership that makes the follow-up (the OEM for its call-backs).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
        tracking=True,
    )
    # the follow-ups of this module's causes (a sale, a visit); a module adding a
    # cause adds its type with selection_add (after a complaint, the OEM's call-back)
    followup_type = fields.Selection(
        [
            ("post_sale", "After Sale"),
            ("first_maintenance_reminder", "First Maintenance Reminder"),
            ("post_service", "After Service"),
        ],
        string="Type",
        required=True,
        index=True,
        tracking=True,
    )
    due_date = fields.Date(required=True, index=True, tracking=True)
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("sms", "SMS"),
            ("email", "E-mail"),
            ("letter", "Letter"),
            ("wechat", "WeChat"),
            ("lounge", "In the Lounge"),
        ],
        default="phone",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("done", "Done"),
            ("unreachable", "Unreachable"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        index=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    done_date = fields.Date(
        readonly=True,
        copy=False,
        help="Day the outcome (done or unreachable) was recorded.",
    )
    reached = fields.Boolean(
        string="Customer Reached",
        copy=False,
        tracking=True,
        help="The customer was spoken to (not only sent a message).",
    )
    satisfaction = fields.Selection(
        SATISFACTION,
        copy=False,
        tracking=True,
        help="The customer's answer, from 1 (very dissatisfied) to 5 (very satisfied). "
        "1 or 2 calls for a complaint.",
    )
    customer_remarks = fields.Text(
        string="Customer's Remarks", copy=False, help="What the customer said."
    )
    notes = fields.Text(help="Key points of the call and how it was handled.")
    res_model = fields.Char(
        string="Source Model",
        readonly=True,
        help="The kind of record that caused the follow-up: a vehicle (its sale), a "
        "repair order (a visit), a complaint…",
    )
    res_id = fields.Many2oneReference(
        string="Source ID", model_field="res_model", readonly=True
    )
    is_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_rates",
        store=True,
        help="Done on or before the due date.",
    )
    completion_rate = fields.Float(
        string="Completion Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        help="100 for a done follow-up, 0 otherwise: its average is the share done.",
    )
    on_time_rate = fields.Float(
        string="On-Time Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        help="100 for a follow-up done on time, 0 otherwise: its average is the share "
        "done on time.",
    )
    satisfaction_score = NullableFloat(
        compute="_compute_satisfaction_score",
        store=True,
        aggregator="avg",
        help="The satisfaction as a number, for averages over rated follow-ups.",
    )

    # One follow-up of each type per cause: what makes generation idempotent, also
    # across workers. res_id leads so that looking a cause up uses the index.
    _sql_constraints = [
        (
            "source_uniq",
            "unique(res_id, res_model, followup_type)",
            "This record already has a follow-up of this type: plan that one again "
            "instead.",
        ),
    ]

    @api.depends("state", "done_date", "due_date")
    def _compute_rates(self):
        for followup in self:
            followup.is_on_time = bool(
                followup.state == "done"
                and followup.done_date
                and followup.due_date
                and followup.done_date <= followup.due_date
            )
            followup.completion_rate = 100.0 if followup.state == "done" else 0.0
            followup.on_time_rate = 100.0 if followup.is_on_time else 0.0

    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for followup in self:
            # unrated: empty (NULL), not 0, so that averages leave it out
            followup.satisfaction_score = (
                float(followup.satisfaction) if followup.satisfaction else False
            )

    @api.depends("followup_type", "partner_id.name")
    def _compute_display_name(self):
        type_labels = dict(
            self._fields["followup_type"]._description_selection(self.env)
        )
        for followup in self:
            label = type_labels.get(followup.followup_type, "")
            customer = followup.partner_id.name
            followup.display_name = f"{label} · {customer}" if customer else label

    @api.constrains("satisfaction", "reached")
    def _check_satisfaction(self):
        if any(followup.satisfaction and not followup.reached for followup in self):
            raise ValidationError(
                self.env._(
                    "Only a customer who was reached can give a satisfaction score."
                )
            )

    @api.constrains("partner_id", "company_id")
    def _check_partner_dealer(self):
        """A dealership follows up its own customers and the owners of the vehicles
        shared with it; the OEM calls any customer of the network back."""
        self._autocrm_check_dealer_partner()

    @api.constrains("vehicle_id", "company_id")
    def _check_vehicle_dealer(self):
        self._autocrm_check_dealer_vehicle()

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.partner_id and not self.partner_id:
            self.partner_id = self.vehicle_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        followups._schedule_followup_activities()
        return followups

    def write(self, vals):
        self._check_state_transition(vals)
        res = super().write(vals)
        if {"user_id", "due_date"} & vals.keys():
            planned = self.filtered(lambda f: f.state == "planned")
            planned.activity_unlink([ACTIVITY_TYPE_XMLID])
            planned._schedule_followup_activities()
        return res

    def action_done(self):
        """Record the outcome. A dissatisfied customer (1 or 2) gets a note in the
        chatter and the user is offered a complaint: the complaint form when a
        module provides one (_autocrm_action_open_complaint), a warning otherwise.
        """
        self._check_planned()
        # the day of the dealership that made the call, in its time zone
        for company, followups in self.grouped("company_id").items():
            followups.write({"state": "done", "done_date": company._autocrm_today()})
        self.activity_feedback([ACTIVITY_TYPE_XMLID])
        dissatisfied = self.filtered(lambda f: f.satisfaction in DISSATISFIED)
        if not dissatisfied:
            return True
        for followup in dissatisfied:
            followup.message_post(
                body=self.env._(
                    "The customer is dissatisfied (%(score)s/5): a complaint found in "
                    "a follow-up must be handled fast.",
                    score=followup.satisfaction,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return dissatisfied._autocrm_action_open_complaint() or {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._("Dissatisfied customer"),
                "message": self.env._(
                    "%(customers)s answered 1 or 2 out of 5. Open a complaint for "
                    "them and handle it fast.",
                    customers=", ".join(dissatisfied.partner_id.mapped("name")),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_unreachable(self):
        self._check_planned()
        for company, followups in self.grouped("company_id").items():
            followups.write(
                {
                    "state": "unreachable",
                    "reached": False,
                    "satisfaction": False,
                    "done_date": company._autocrm_today(),
                }
            )
        self.activity_feedback(
            [ACTIVITY_TYPE_XMLID],
            feedback=self.env._("The customer could not be reached."),
        )
        return True

    def action_cancel(self):
        self._check_planned()
        self.write({"state": "cancelled"})
        self.activity_unlink([ACTIVITY_TYPE_XMLID])
        return True

    def action_plan_again(self):
        """Try an unreachable customer again, or revive a cancelled follow-up; the
        due date stays, so a late retry counts as late."""
        if self.filtered(lambda f: f.state not in ("unreachable", "cancelled")):
            raise UserError(
                self.env._(
                    "Only unreachable or cancelled follow-ups can be planned again."
                )
            )
        self.write({"state": "planned", "done_date": False})
        self._schedule_followup_activities()
        return True

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    def _check_state_transition(self, vals):
        """States move only along STATE_TRANSITIONS."""
        new_state = vals.get("state")
        if not new_state:
            return
        for followup in self:
            if new_state != followup.state and (
                new_state not in STATE_TRANSITIONS[followup.state]
            ):
                raise UserError(
                    self.env._(
                        "%(followup)s is %(state)s: it cannot become %(new_state)s.",
                        followup=followup.display_name,
                        state=selection_label(followup, "state", followup.state),
                        new_state=selection_label(followup, "state", new_state),
                    )
                )

    # A closed follow-up keeps its customer, cause and outcome (satisfaction
    # figures feed the dealers' appraisal; autocrm.closed.lock.mixin), unless the
    # same write moves its state (an unreachable or cancelled one planned again).

    def _locked_when_closed_fields(self):
        """The fields a closed follow-up keeps as it was closed; modules adding
        an outcome (the OEM call-back's scores) extend the set."""
        return super()._locked_when_closed_fields() | LOCKED_WHEN_CLOSED

    def _autocrm_is_closed(self):
        self.ensure_one()
        return self.state != "planned"

    def _autocrm_lock_lifted(self, vals):
        self.ensure_one()
        return bool(vals.get("state")) and vals["state"] != self.state

    def _autocrm_closed_message(self):
        self.ensure_one()
        return self.env._(
            "%(followup)s is closed: its customer, cause and outcome can no longer "
            "change.",
            followup=self.display_name,
        )

    def _check_planned(self):
        closed = self.filtered(lambda f: f.state != "planned")
        if closed:
            raise UserError(
                self.env._(
                    "Only planned follow-ups can be closed; already closed: "
                    "%(followups)s.",
                    followups=", ".join(closed.mapped("display_name")),
                )
            )

    def _autocrm_action_open_complaint(self):
        """Return the action that opens a complaint for these dissatisfied
        follow-ups, or False. The complaint module overrides this hook."""
        return False

    def _schedule_followup_activities(self):
        """Give each planned follow-up's assignee a follow-up activity due on its
        due date, in one batch (``mail.activity._autocrm_create_batch``: no
        notification per activity)."""
        planned = self.filtered(lambda f: f.state == "planned" and f.user_id)
        if not planned:
            return self.env["mail.activity"]
        return self.env["mail.activity"]._autocrm_create_batch(
            planned,
            self.env.ref(ACTIVITY_TYPE_XMLID),
            user_of=lambda followup: followup.user_id,
            deadline_of=lambda followup: followup.due_date,
            values_of=self._prepare_activity_values,
        )

    def _prepare_activity_values(self, followup, user):
        """More values of the follow-up activity given to ``user`` on
        ``followup``, over ``mail.activity._autocrm_prepare_batch_values``: none
        here, for modules to extend."""
        return {}

    @api.model
    def _cron_followup_generate(self, batch_size=GENERATE_BATCH_SIZE):
        """Create the follow-ups due in the look-back window, with their activities.

        - post_sale and first_maintenance_reminder: 7 and 30 days after the vehicle's
          sale date, by its selling dealer (which must be among the dealerships that
          see the vehicle); no reminder once the first maintenance is done;
        - post_service: 3 days after the visit date of a done visit (a repair order
          of a vehicle), by the repair's dealership. Odoo 18 does not record when a
          repair order became done: the visit date is the stable reference, so a
          visit still open after the look-back window gets no follow-up.

        Only due dates in [today - look-back, today] are created (look-back: the
        system parameter ``autocrm_customer.followup_lookback_days``, 14 by
        default): after days without a run, what is due is created, what is stale
        is not.

        Each follow-up is assigned to the dealership's follow-up staff, else its
        first dealer manager, else no one.

        Idempotent: the unique constraint on (res_id, res_model, followup_type) and
        ``ON CONFLICT DO NOTHING`` make a second run, or a concurrent one, create
        nothing twice. Work goes in batches of ``batch_size`` rows; when run by the
        scheduler, each batch is committed with its progress, and a batch that
        meets another worker's rows is run again (``autocrm.cron.mixin``).
        """
        # each dealership's today, in its time zone: the cron's user may be in UTC
        first_today, last_today = self.env["res.company"]._autocrm_day_bounds()
        first_due = first_today - timedelta(days=self._followup_lookback_days())
        sources = self._followup_due_sources(first_due, last_today)
        self.env.flush_all()
        total = self._count_due(sources.values())
        # the follow-up types still to insert, each until a batch comes short
        pending = list(sources.items())

        def insert_batch():
            if not pending:
                return 0, False
            followup_type, due_source = pending[0]
            followups = self._insert_due_followups(
                followup_type, due_source, batch_size
            )
            followups._schedule_followup_activities()
            if len(followups) < batch_size:
                pending.pop(0)
            return len(followups), bool(pending)

        return self._autocrm_run_batches(insert_batch, total=total)

    @api.model
    def _followup_lookback_days(self):
        # a system parameter, readable by the scheduler's user only as superuser
        param = self.env["ir.config_parameter"].sudo().get_param(LOOKBACK_PARAM)
        return int(param) if param else DEFAULT_LOOKBACK_DAYS

    @api.model
    def _followup_due_sources(self, first_due, last_due):
        """Per follow-up type, the SQL query of the follow-ups due between
        ``first_due`` and ``last_due`` that do not exist yet, and due at their
        dealership: from the look-back before its today to its today, in its time
        zone (``_followup_due_window``). Columns partner_id, vehicle_id,
        company_id, due_date, res_model, res_id."""
        first_maintenance_not_done = SQL(
            """
            AND NOT EXISTS (
                SELECT 1
                  FROM repair_order visit
                 WHERE visit.vehicle_id = vehicle.id
                   AND visit.visit_type = 'first_maintenance'
                   AND visit.state = 'done')
            """
        )
        company_days = self.env["res.company"]._autocrm_company_days()
        sources = {}
        for followup_type, delay in SALE_FOLLOWUP_DELAYS.items():
            sources[followup_type] = SQL(
                """
                SELECT vehicle.partner_id,
                       vehicle.id AS vehicle_id,
                       vehicle.selling_dealer_id AS company_id,
                       vehicle.sale_date + %(delay)s AS due_date,
                       'autocrm.vehicle' AS res_model,
                       vehicle.id AS res_id
                  FROM autocrm_vehicle vehicle
                  JOIN autocrm_vehicle_dealer_rel shared
                    ON shared.vehicle_id = vehicle.id
                   AND shared.company_id = vehicle.selling_dealer_id
                  JOIN %(company_days)s
                    ON company_day.company_id = vehicle.selling_dealer_id
                 WHERE vehicle.active
                   AND vehicle.partner_id IS NOT NULL
                   AND vehicle.sale_date BETWEEN %(first_sale)s AND %(last_sale)s
                   AND %(due_window)s
                   %(first_maintenance_not_done)s
                   AND NOT EXISTS (
                       SELECT 1
                         FROM autocrm_followup followup
                        WHERE followup.res_model = 'autocrm.vehicle'
                          AND followup.res_id = vehicle.id
                          AND followup.followup_type = %(followup_type)s)
                """,
                delay=delay,
                company_days=company_days,
                due_window=self._followup_due_window(
                    SQL("vehicle.sale_date + %s", delay)
                ),
                first_sale=first_due - timedelta(days=delay),
                last_sale=last_due - timedelta(days=delay),
                first_maintenance_not_done=(
                    first_maintenance_not_done
                    if followup_type == "first_maintenance_reminder"
                    else SQL()
                ),
                followup_type=followup_type,
            )
        sources["post_service"] = SQL(
            """
            SELECT COALESCE(visit.partner_id, vehicle.partner_id) AS partner_id,
                   vehicle.id AS vehicle_id,
                   visit.company_id,
                   visit.visit_date + %(delay)s AS due_date,
                   'repair.order' AS res_model,
                   visit.id AS res_id
              FROM repair_order visit
              JOIN autocrm_vehicle vehicle ON vehicle.id = visit.vehicle_id
              JOIN %(company_days)s ON company_day.company_id = visit.company_id
             WHERE visit.state = 'done'
               AND vehicle.active
               AND COALESCE(visit.partner_id, vehicle.partner_id) IS NOT NULL
               AND visit.visit_date BETWEEN %(first_visit)s AND %(last_visit)s
               AND %(due_window)s
               AND NOT EXISTS (
                   SELECT 1
                     FROM autocrm_followup followup
                    WHERE followup.res_model = 'repair.order'
                      AND followup.res_id = visit.id
                      AND followup.followup_type = 'post_service')
            """,
            delay=SERVICE_FOLLOWUP_DELAY,
            company_days=company_days,
            due_window=self._followup_due_window(
                SQL("visit.visit_date + %s", SERVICE_FOLLOWUP_DELAY)
            ),
            first_visit=first_due - timedelta(days=SERVICE_FOLLOWUP_DELAY),
            last_visit=last_due - timedelta(days=SERVICE_FOLLOWUP_DELAY),
        )
        return sources

    @api.model
    def _followup_due_window(self, due_date):
        """SQL condition: ``due_date`` falls in the look-back window ending on the
        dealership's today (``company_day.today``, joined by the source)."""
        return SQL(
            "%s BETWEEN company_day.today - %s AND company_day.today",
            due_date,
            self._followup_lookback_days(),
        )

    @api.model
    def _prepare_due_followup_values(self, followup_type):
        """{column: SQL expression} of the follow-ups of ``followup_type`` that
        ``_insert_due_followups`` inserts, over the row ``due`` of a due source
        (``_followup_due_sources``), its ``company``, the dealership's follow-up
        staff ``staff`` and its first manager ``dealer_manager``: a module adding
        a column to the generated follow-ups extends this dict."""
        uid, now = self.env.uid, self.env.cr.now()
        return {
            "followup_type": SQL("%s", followup_type),
            "partner_id": SQL("due.partner_id"),
            "vehicle_id": SQL("due.vehicle_id"),
            "company_id": SQL("due.company_id"),
            "user_id": SQL("COALESCE(staff.id, dealer_manager.user_id)"),
            "due_date": SQL("due.due_date"),
            "res_model": SQL("due.res_model"),
            "res_id": SQL("due.res_id"),
            "state": SQL("'planned'"),
            "channel": SQL("'phone'"),
            "create_uid": SQL("%s", uid),
            "create_date": SQL("%s", now),
            "write_uid": SQL("%s", uid),
            "write_date": SQL("%s", now),
        }

    @api.model
    def _count_due(self, due_sources):
        counts = SQL(" + ").join(
            SQL("(SELECT count(*) FROM (%s) due)", source) for source in due_sources
        )
        self.env.cr.execute(SQL("SELECT %s", counts))
        return self.env.cr.fetchone()[0]

    @api.model
    def _insert_due_followups(self, followup_type, due_source, limit):
        """Insert up to ``limit`` follow-ups of ``due_source`` in one statement and
        return them; rows another run already inserted are skipped.

        The follow-ups are assigned to the dealership's follow-up staff when set
        and active, else to its first active dealer manager. Rows are inserted in
        the order of their source, so concurrent runs wait for one another instead
        of deadlocking. The columns inserted are ``_prepare_due_followup_values``'.
        """
        values = self._prepare_due_followup_values(followup_type)
        query = SQL(
            """
            INSERT INTO autocrm_followup (%(columns)s)
            SELECT %(values)s
              FROM (%(due_source)s ORDER BY res_id LIMIT %(limit)s) due
              JOIN res_company company ON company.id = due.company_id
         LEFT JOIN res_users staff
                ON staff.id = company.autocrm_followup_user_id AND staff.active
         LEFT JOIN %(dealer_manager)s
                ON dealer_manager.company_id = due.company_id
          ORDER BY due.res_id
                ON CONFLICT (res_id, res_model, followup_type) DO NOTHING
         RETURNING id
            """,
            columns=SQL(", ").join(map(SQL.identifier, values)),
            values=SQL(", ").join(values.values()),
            dealer_manager=self.env["res.company"]._autocrm_dealer_manager_sql(),
            due_source=due_source,
            limit=limit,
        )
        # a serialization failure is expected and handled by the caller: no "bad
        # query" error in the log for it
        self.env.cr.execute(query, log_exceptions=False)
        followups = self.browse(row[0] for row in self.env.cr.fetchall())
        # compute the new rows' stored computed fields (the rates), as create() does
        for field in self._fields.values():
            if field.store and field.compute:
                self.env.add_to_compute(field, followups)
        return followups
