from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from odoo.addons.autocrm_customer.tools.db import analyze
from odoo.addons.autocrm_customer.tools.selection import selection_label

# state: the states a campaign in that state may move to
STATE_TRANSITIONS = {
    "draft": {"running", "cancelled"},
    "running": {"done", "cancelled"},
    "done": set(),
    "cancelled": {"draft"},
}
# what a campaign keeps once it has left the draft state: its audience and period
LOCKED_WHEN_STARTED = {"segment_domain", "company_id", "date_start", "date_end"}
# figures only the target generation and the response refresh write
COMPUTED_FIGURES = {"targeted_count", "responded_count", "revenue"}
MAIL_BATCH_SIZE = 500


class AutocrmCampaign(models.Model):
    _name = "autocrm.campaign"
    _description = "Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "autocrm.dealer.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _autocrm_ranges = {"budget": (0, None), "cost": (0, None)}

    def _default_date_end(self):
        # a month from today at the user's dealership, in its time zone
        return self.env.company._autocrm_today() + relativedelta(months=1)

    name = fields.Char(required=True, tracking=True, translate=False)
    campaign_type = fields.Selection(
        [
            ("promotion", "Service Promotion"),
            ("care", "Care Activity"),
            ("winback", "Win-back"),
            ("recall", "Recall"),
        ],
        string="Type",
        required=True,
        default="promotion",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Organiser",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
        help="A dealership for its own customers, or the OEM for a network-wide "
        "campaign that every dealership sees.",
    )
    is_network = fields.Boolean(
        string="Network-wide",
        compute="_compute_is_network",
        store=True,
        index=True,
        help="Organised by the OEM: targets the customers of every dealership.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=lambda self: self.env.company._autocrm_today(),
        tracking=True,
    )
    date_end = fields.Date(
        string="End Date",
        required=True,
        default=lambda self: self._default_date_end(),
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        index=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    content = fields.Html(help="What the customers are offered or told.")
    purpose = fields.Text(help="What the campaign should achieve.")
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("phone", "Phone List")],
        required=True,
        default="email",
        tracking=True,
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'autocrm.campaign.target')]",
        help="Sent to every target with an e-mail address.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    budget = fields.Monetary(currency_field="currency_id", tracking=True)
    cost = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="What the campaign actually cost: people, gifts, messages, materials.",
    )
    segment_domain = fields.Char(
        string="Target Segment",
        default="[]",
        help="The customers to target, by value tier, vehicle model, vehicle age, "
        "last visit, region…",
    )
    target_ids = fields.One2many(
        "autocrm.campaign.target", "campaign_id", string="Targets"
    )
    targeted_count = fields.Integer(string="Targeted", readonly=True, copy=False)
    responded_count = fields.Integer(
        string="Responded",
        readonly=True,
        copy=False,
        help="Targeted customers with a done visit during the campaign.",
    )
    revenue = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        copy=False,
        help="Revenue of the responders' visits during the campaign.",
    )
    response_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    roi = fields.Float(
        string="ROI",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        help="(Revenue - Cost) / Cost; 0 while the cost is not known.",
    )
    network_read_only = fields.Boolean(
        compute="_compute_network_read_only",
        help="A network campaign of the OEM, which dealers see read-only.",
    )
    recall_id = fields.Many2one(
        "autocrm.recall",
        string="Safety Recall",
        compute="_compute_recall_id",
        help="The safety recall this campaign supports.",
    )

    _sql_constraints = [
        (
            "date_check",
            "CHECK(date_end >= date_start)",
            "A campaign ends on or after the day it starts.",
        ),
    ]

    @api.depends("company_id.autocrm_role")
    def _compute_is_network(self):
        for campaign in self:
            campaign.is_network = campaign.company_id.autocrm_role == "oem"

    @api.depends("targeted_count", "responded_count", "revenue", "cost")
    def _compute_rates(self):
        for campaign in self:
            campaign.response_rate = (
                100.0 * campaign.responded_count / campaign.targeted_count
                if campaign.targeted_count
                else 0.0
            )
            campaign.roi = (
                (campaign.revenue - campaign.cost) / campaign.cost
                if campaign.cost
                else 0.0
            )

    @api.depends("is_network")
    @api.depends_context("uid")
    def _compute_network_read_only(self):
        is_oem = self.env.user.has_group("autocrm_customer.group_oem_user")
        for campaign in self:
            campaign.network_read_only = campaign.is_network and not is_oem

    def _compute_recall_id(self):
        recalls = self.env["autocrm.recall"].search([("campaign_id", "in", self.ids)])
        recall_by_campaign = {recall.campaign_id.id: recall for recall in recalls}
        for campaign in self:
            campaign.recall_id = recall_by_campaign.get(campaign.id, False)

    @api.constrains("budget", "cost")
    def _check_amounts(self):
        if any(c.budget < 0 or c.cost < 0 for c in self):
            raise ValidationError(
                self.env._("A campaign's budget and cost cannot be negative.")
            )

    @api.constrains("segment_domain")
    def _check_segment_domain(self):
        for campaign in self:
            campaign._segment_domain()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_computed_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_computed_vals(vals)
        if "state" in vals:
            for campaign in self:
                if (
                    vals["state"] != campaign.state
                    and vals["state"] not in STATE_TRANSITIONS[campaign.state]
                ):
                    raise UserError(
                        self.env._(
                            "Campaign %(name)s cannot go from %(from)s to %(to)s.",
                            name=campaign.name,
                            **{
                                "from": selection_label(
                                    campaign, "state", campaign.state
                                ),
                                "to": selection_label(campaign, "state", vals["state"]),
                            },
                        )
                    )
        locked = LOCKED_WHEN_STARTED & vals.keys()
        if locked and any(c.state != "draft" for c in self):
            raise UserError(
                self.env._(
                    "A started campaign keeps its organiser, period and target "
                    "segment: set it back to draft (cancel it first) to change them."
                )
            )
        return super().write(vals)

    def _check_computed_vals(self, vals):
        """Refuse a value for a figure the campaign computes (the counts and the
        revenue, which its actions write, and its stored computed read-only
        fields: Network-wide, the rates). The ORM would store a client's value as
        sent, and a dealer's campaign marked network-wide would be shown to, and
        target the customers of, every dealership."""
        if self.env.su:
            return
        if COMPUTED_FIGURES & vals.keys():
            raise UserError(
                self.env._(
                    "The targeted and responded counts and the revenue come from the "
                    "target list and the visits: generate the targets or update the "
                    "responses instead."
                )
            )
        # stored computed fields: autocrm.dealer.mixin refuses them

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(c.state in ("running", "done") for c in self):
            raise UserError(
                self.env._(
                    "A running or done campaign keeps its history: cancel it instead."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_generate_targets(self):
        """(Re)build the target list from the segment, in one INSERT … SELECT."""
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(
                    self.env._(
                        "The target list of %(name)s is fixed once the campaign has "
                        "started.",
                        name=campaign.name,
                    )
                )
        self.check_access("write")
        for campaign in self:
            campaign._generate_targets()
        return True

    def action_start(self):
        for campaign in self:
            if not campaign.targeted_count:
                raise UserError(
                    self.env._(
                        "Campaign %(name)s has no targets: generate the target list "
                        "first.",
                        name=campaign.name,
                    )
                )
        self.write({"state": "running"})
        self._update_responses()
        return True

    def action_done(self):
        self._update_responses()
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    def action_update_responses(self):
        self._update_responses()
        return True

    def action_send_mail(self):
        """E-mail the campaign's template to every target with an address that has
        not been sent it yet, in batches of mail.mail queued for the mail cron."""
        self.ensure_one()
        if self.state != "running":
            raise UserError(self.env._("Start the campaign before sending it."))
        if not self.mail_template_id:
            raise UserError(
                self.env._("Choose the e-mail template of the campaign first.")
            )
        targets = self.target_ids.filtered(
            lambda t: not t.mail_sent and t.partner_id.email
        )
        for start in range(0, len(targets), MAIL_BATCH_SIZE):
            batch = targets[start : start + MAIL_BATCH_SIZE]
            self.mail_template_id.send_mail_batch(batch.ids)
            batch.write({"mail_sent": True})
        self.message_post(
            body=self.env._("E-mail queued for %(count)s targets.", count=len(targets))
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "E-mail queued for %(count)s targets.", count=len(targets)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_targets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_campaign.autocrm_campaign_target_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        # keep the button's filters (e.g. the responders)
        action["context"] = {
            "default_campaign_id": self.id,
            **{
                key: value
                for key, value in self.env.context.items()
                if key.startswith("search_default_")
            },
        }
        return action

    def action_view_phone_list(self):
        action = self.action_view_targets()
        action["name"] = self.env._("Phone List")
        action["views"] = [
            (
                self.env.ref(
                    "autocrm_campaign.autocrm_campaign_target_view_list_phone"
                ).id,
                "list",
            ),
        ]
        action["view_mode"] = "list"
        action["context"] = {"search_default_not_responded": 1}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _segment_domain(self):
        """The segment as a domain on res.partner; the domain editor may write
        relative dates (context_today(), relativedelta): today is the organiser's,
        in its time zone, whoever generates the targets."""
        self.ensure_one()
        today = (self.company_id or self.env.company)._autocrm_today()
        try:
            domain = safe_eval(
                self.segment_domain or "[]",
                {
                    "context_today": lambda: today,
                    "datetime": safe_datetime,
                    "relativedelta": relativedelta,
                    "uid": self.env.uid,
                    "user": self.env.user,
                },
            )
            expression.expression(domain, self.env["res.partner"].sudo())
        except Exception as error:  # noqa: BLE001 - any mistake in the editor's text
            raise ValidationError(
                self.env._(
                    "The target segment of %(name)s is not a valid filter on "
                    "customers: %(error)s",
                    name=self.name,
                    error=error,
                )
            ) from error
        return domain

    def _generate_targets(self):
        """Replace the targets with the customers of the segment: the organiser's
        customers (every dealership's for a network campaign), each with their
        latest vehicle and a snapshot of what the analysis compares.

        One INSERT … SELECT. The rows carry no create_uid/write_uid: their foreign
        key checks took a quarter of the time at 200,000 targets, and the chatter
        says who generated the list."""
        self.ensure_one()
        self.env.flush_all()
        # as superuser: the segment is restricted explicitly to the organiser's
        # customers below, whatever else the user may see
        partners = self.env["res.partner"].sudo().with_context(active_test=True)
        restriction = (
            [("company_id.autocrm_role", "=", "dealer")]
            if self.is_network
            else [("company_id", "=", self.company_id.id)]
        )
        query = partners._search(expression.AND([self._segment_domain(), restriction]))
        self.env.cr.execute(
            SQL("DELETE FROM autocrm_campaign_target WHERE campaign_id = %s", self.id)
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO autocrm_campaign_target
                       (campaign_id, campaign_type, partner_id, vehicle_id,
                        company_id, value_tier, model_id, region, vehicle_age,
                        last_visit_date, responded, responded_count, mail_sent,
                        revenue, create_date, write_date)
                SELECT %(campaign)s, %(campaign_type)s, partner.id, vehicle.id,
                       partner.company_id,
                       partner.autocrm_value_tier, vehicle.model_id,
                       dealer.dealer_region,
                       date_part('year', age(%(date)s,
                           coalesce(vehicle.sale_date, vehicle.production_date))),
                       partner.autocrm_last_visit_date, FALSE, 0, FALSE, 0,
                       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM res_partner partner
                  JOIN res_company dealer ON dealer.id = partner.company_id
                  LEFT JOIN LATERAL (
                        SELECT v.id, v.model_id, v.sale_date, v.production_date
                          FROM autocrm_vehicle v
                         WHERE v.partner_id = partner.id AND v.active
                         ORDER BY v.sale_date DESC NULLS LAST, v.id DESC
                         LIMIT 1
                       ) vehicle ON TRUE
                 WHERE partner.id IN %(segment)s
                   AND %(is_customer)s
                ON CONFLICT (campaign_id, partner_id) DO NOTHING
                """,
                campaign=self.id,
                campaign_type=self.campaign_type,
                date=self.date_start,
                segment=query.subselect(),
                is_customer=self.env["res.partner"]._autocrm_customer_condition(),
            )
        )
        # fresh statistics for the response queries, which join the new rows
        analyze(self.env.cr, self.env["autocrm.campaign.target"]._table)
        self.env["autocrm.campaign.target"].invalidate_model()
        self.invalidate_recordset(["target_ids"])
        self._update_stats()
        self.message_post(
            body=self.env._(
                "Target list generated: %(count)s customers.",
                count=self.targeted_count,
            )
        )

    def _update_responses(self):
        """Mark the targets that responded, i.e. had a done visit during the
        campaign (at the organiser, or at any dealership for a network campaign),
        with the first such visit and the revenue of all of them; unmark those
        whose visits no longer count. Two UPDATEs for all the campaigns, writing
        only the rows that change, each joined on an index whatever the planner's
        estimates."""
        if not self:
            return
        self.env.flush_all()
        counts_as_response = SQL(
            """
                ro.partner_id = target.partner_id
            AND ro.state = 'done'
            AND ro.visit_date BETWEEN campaign.date_start AND campaign.date_end
            AND (campaign.is_network OR ro.company_id = campaign.company_id)
            """
        )
        self.env.cr.execute(
            SQL(
                """
                WITH response AS (
                    SELECT target.id,
                           (array_agg(ro.id ORDER BY ro.visit_date, ro.id))[1]
                               AS repair_id,
                           min(ro.visit_date) AS response_date,
                           coalesce(sum(ro.autocrm_revenue), 0) AS revenue
                      FROM autocrm_campaign_target target
                      JOIN autocrm_campaign campaign
                        ON campaign.id = target.campaign_id
                      JOIN repair_order ro ON %(counts_as_response)s
                     WHERE target.campaign_id IN %(ids)s
                     GROUP BY target.id
                )
                UPDATE autocrm_campaign_target target
                   SET responded = TRUE,
                       responded_count = 1,
                       response_repair_id = response.repair_id,
                       response_date = response.response_date,
                       revenue = response.revenue
                  FROM response
                 WHERE target.id = response.id
                   AND (target.responded, target.response_repair_id,
                        target.response_date, target.revenue)
                       IS DISTINCT FROM
                       (TRUE, response.repair_id, response.response_date,
                        response.revenue)
                """,
                ids=tuple(self.ids),
                counts_as_response=counts_as_response,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE autocrm_campaign_target target
                   SET responded = FALSE,
                       responded_count = 0,
                       response_repair_id = NULL,
                       response_date = NULL,
                       revenue = 0
                  FROM autocrm_campaign campaign
                 WHERE campaign.id = target.campaign_id
                   AND target.campaign_id IN %(ids)s
                   AND target.responded
                   AND NOT EXISTS (
                        SELECT FROM repair_order ro WHERE %(counts_as_response)s
                   )
                """,
                ids=tuple(self.ids),
                counts_as_response=counts_as_response,
            )
        )
        self.env["autocrm.campaign.target"].invalidate_model(
            [
                "responded",
                "responded_count",
                "response_repair_id",
                "response_date",
                "revenue",
            ]
        )
        self._update_stats()

    def _update_stats(self):
        """Store the targeted and responded counts and the revenue."""
        self.env.cr.execute(
            SQL(
                """
                SELECT campaign_id, count(*), count(*) FILTER (WHERE responded),
                       coalesce(sum(revenue), 0)
                  FROM autocrm_campaign_target
                 WHERE campaign_id IN %s
                 GROUP BY campaign_id
                """,
                tuple(self.ids),
            )
        )
        stats = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        # as superuser: the figures cover every target, also those of dealerships
        # the user does not see (a network campaign)
        for campaign in self.sudo():
            targeted, responded, revenue = stats.get(campaign.id, (0, 0, 0))
            if (targeted, responded, revenue) != (
                campaign.targeted_count,
                campaign.responded_count,
                campaign.revenue,
            ):
                campaign.write(
                    {
                        "targeted_count": targeted,
                        "responded_count": responded,
                        "revenue": revenue,
                    }
                )

    @api.model
    def _cron_campaign_response(self):
        """Refresh the responses of the running campaigns (and of those ended in
        the last week, for visits recorded late)."""
        # the earliest of the dealerships' todays: a campaign ended a week ago in
        # any time zone is refreshed once more
        since = self.env["res.company"]._autocrm_day_bounds()[0] - relativedelta(days=7)
        campaigns = self.search(
            [
                "|",
                ("state", "=", "running"),
                "&",
                ("state", "=", "done"),
                ("date_end", ">=", since),
            ]
        )
        campaigns._update_responses()
        self.env["ir.cron"]._notify_progress(done=len(campaigns), remaining=0)
