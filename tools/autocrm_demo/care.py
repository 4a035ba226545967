"""Customer care: follow-up calls, complaints through their stages, retention
cases of the customers who stopped coming, campaigns."""

from datetime import timedelta

from . import catalogue as cat

ESCALATION_ACTIVITY = "autocrm_complaint.mail_activity_type_complaint_escalated"


class CareMixin:
    """Follow-ups, complaints, retention cases and campaigns."""

    def nightly_followups(self):
        """The nightly follow-up generation, as the scheduler runs it."""
        self.env["autocrm.followup"]._cron_followup_generate()
        self.watch_followups()

    def watch_followups(self):
        """Plan the call of every follow-up created since the last look: the
        nightly ones, a complaint's, the OEM's call-backs."""
        followups = self.env["autocrm.followup"].search(
            [("id", ">", self.followup_seen), ("state", "=", "planned")], order="id"
        )
        if not followups:
            return
        self.followup_seen = followups[-1].id
        for followup in followups:
            if not followup.user_id:
                continue
            dealer = self.dealer_of(followup.company_id)
            delay = self.luck.choices((0, 1, 2, 4), weights=(72, 15, 8, 5))[0]
            day = max(followup.due_date + timedelta(days=delay), self.day_of(dealer))
            self.timeline.at(
                self.moment(dealer, day, self.luck.randrange(9, 18), 20),
                self.call,
                followup,
            )

    def call(self, followup):
        """The follow-up's call: the customer is reached and rates the service,
        or cannot be reached and is tried again the next day."""
        env = self.as_user(followup.user_id, followup.company_id)
        followup = followup.with_env(env)
        if followup.state != "planned":
            return
        dealer = self.dealer_of(followup.company_id)
        if self.luck.random() < 0.08:
            followup.action_unreachable()
            if self.luck.random() < 0.7:
                self.later(
                    dealer, self.day_of(dealer), (1, 1), (9, 17), self.retry, followup
                )
            return
        callback = followup.followup_type == "oem_callback"
        weights = dealer.spec["satisfaction"]
        if callback or followup.followup_type == "complaint":
            weights = (0, 0, 2, 5, 4)
        score = str(self.luck.choices(range(1, 6), weights=weights)[0])
        vals = {
            "reached": True,
            "channel": self.luck.choices(
                ("phone", "wechat", "lounge"), weights=(65, 28, 7)
            )[0],
            "satisfaction": score,
            "customer_remarks": self.luck.choice(cat.FOLLOWUP_REMARKS[score]),
        }
        if callback:
            vals.update(
                {
                    "convenience": str(self.luck.randint(3, 5)),
                    "courtesy": str(self.luck.randint(3, 5)),
                    "customer_paid": self.luck.random() < 0.04,
                }
            )
        followup.write(vals)
        followup.action_done()
        self.counts["follow-ups done"] += 1
        for complaint in followup.complaint_ids:
            self.handle_complaint(complaint)

    def retry(self, followup):
        env = self.as_user(followup.user_id, followup.company_id)
        followup = followup.with_env(env)
        if followup.state == "unreachable":
            followup.action_plan_again()
            self.call(followup)

    def schedule_complaints(self, dealer):
        """Complaints the customers bring themselves: by phone, at the desk, on
        WeChat, by e-mail, days after a visit."""
        owners = [o for o in dealer.owners if o.profile != "demo" and o.cars]
        count = max(2, len(owners) // 4)
        for _index in range(count):
            owner = self.rng.choice(owners)
            visits = [v for c in owner.cars for v in c.visits if v.paid]
            if not visits:
                continue
            visit = self.rng.choice(visits)
            category = self.rng.choice(list(cat.COMPLAINTS))
            when = self.moment(
                dealer,
                visit.day + timedelta(days=self.rng.randrange(0, 6)),
                self.rng.randrange(9, 19),
                self.rng.randrange(60),
            )
            channel = self.rng.choice(("phone", "walk_in", "wechat", "email"))
            self.timeline.at(when, self.receive_complaint, visit, category, channel)

    def receive_complaint(self, visit, category_xmlid, channel):
        car = visit.car
        dealer = car.owner.dealer
        if not visit.record:
            return
        env = self.as_user(dealer.advisor, dealer.company)
        words = cat.COMPLAINTS[category_xmlid][0]
        complaint = env["autocrm.complaint"].create(
            {
                "partner_id": car.owner.record.id,
                "vehicle_id": car.record.id,
                "channel": channel,
                "category_id": self.env.ref(f"autocrm_complaint.{category_xmlid}").id,
                "summary": words.split(";")[0].split(".")[0][:60],
                "description": words,
                "user_id": self.luck.choice((dealer.advisor, dealer.manager)).id,
            }
        )
        self.name_xmlid(complaint, f"autocrm_complaint_{visit.key}")
        self.handle_complaint(complaint)

    def handle_complaint(self, complaint):
        """Plan the complaint's handling: acknowledged, worked on, resolved (some
        late, then escalated by the scheduled check), closed after its
        follow-up."""
        self.counts["complaints"] += 1
        dealer = self.dealer_of(complaint.company_id)
        received = complaint.received_at
        ack_hours = (complaint.acknowledge_deadline - received).total_seconds() / 3600
        fix_hours = (complaint.deadline - received).total_seconds() / 3600
        late = self.luck.random() < dealer.spec["late"]
        ack = received + timedelta(
            hours=ack_hours * (self.luck.uniform(1.2, 2.5) if late else 0.4)
        )
        fix = received + timedelta(
            hours=fix_hours * (self.luck.uniform(1.1, 1.6) if late else 0.6)
        )
        at = self.timeline.at
        at(ack, self.complaint_step, complaint, "action_acknowledge")
        at(ack + timedelta(hours=2), self.complaint_step, complaint, "action_start")
        at(fix, self.resolve_complaint, complaint)
        for deadline in (complaint.acknowledge_deadline, complaint.deadline):
            at(deadline + timedelta(minutes=5), self.escalate)

    def complaint_env(self, complaint):
        user = complaint.user_id or self.dealer_of(complaint.company_id).advisor
        return self.as_user(user, complaint.company_id)

    def complaint_step(self, complaint, method):
        complaint = complaint.with_env(self.complaint_env(complaint))
        getattr(complaint, method)()

    def resolve_complaint(self, complaint):
        complaint = complaint.with_env(self.complaint_env(complaint))
        category = complaint.category_id
        if not category:
            category = self.env.ref(
                "autocrm_complaint.autocrm_complaint_category_"
                + self.luck.choice(
                    ("waiting", "not_fixed_first_time", "price", "unprofessional")
                )
            )
        _words, cause, resolution = cat.COMPLAINTS[
            category.get_external_id()[category.id].split(".")[1]
        ]
        complaint.write(
            {"category_id": category.id, "root_cause": cause, "resolution": resolution}
        )
        complaint.action_resolve()
        self.watch_followups()
        dealer = self.dealer_of(complaint.company_id)
        self.later(
            dealer,
            self.day_of(dealer),
            (5, 8),
            (9, 17),
            self.close_complaint,
            complaint,
        )

    def close_complaint(self, complaint):
        complaint = complaint.with_env(self.complaint_env(complaint))
        vals = {"satisfaction": str(self.luck.choices((3, 4, 5), (3, 5, 3))[0])}
        if complaint.category_id.is_process_failure:
            vals.update(
                {
                    "improvement_plan": cat.IMPROVEMENT_PLAN,
                    "prevention_plan": cat.PREVENTION_PLAN,
                }
            )
        complaint.write(vals)
        # the managers asked to act on an escalation mark it done with the case
        complaint.sudo().activity_feedback(
            [ESCALATION_ACTIVITY], feedback="Handled with the complaint."
        )
        complaint.action_close()

    def escalate(self):
        self.env["autocrm.complaint"]._cron_complaint_escalate()

    def nightly_churn(self):
        """The nightly churn detection (monthly here); each new case's
        responsible calls the customer within the week."""
        Case = self.env["autocrm.retention.case"]
        before = Case.search([], order="id desc", limit=1).id or 0
        Case._cron_churn_detect()
        for case in Case.search([("id", ">", before)], order="id"):
            dealer = self.dealer_of(case.company_id)
            self.later(
                dealer, self.day_of(dealer), (1, 7), (9, 17), self.retention_call, case
            )

    def retention_call(self, case):
        user = case.user_id or self.dealer_of(case.company_id).advisor
        env = self.as_user(user, case.company_id)
        case = case.with_env(env)
        if case.result != "pending":
            return
        owner = self.owner_of(case.partner_id)
        reason, action, cost = (
            owner.reason
            if owner and owner.reason
            else self.luck.choice(cat.RETENTION_REASONS)
        )
        case.write(
            {
                "reason": reason,
                "action": f"{action} {cat.RETENTION_ACTIONS}",
                "cost": cost,
                "action_date": self.day_of(self.dealer_of(case.company_id)),
            }
        )
        self.counts["retention calls"] += 1
        dealer = self.dealer_of(case.company_id)
        if owner and owner.winback and owner.cars and owner.cars[0].record:
            owner.winback = False
            day = self.day_of(dealer) + timedelta(days=self.luck.randrange(6, 30))
            visit = self.add_visit(
                owner.cars[0], day, "maintenance", self.maintenance(owner.cars[0])
            )
            self.timeline.at(self.moment(dealer, day, 10), self.workshop_visit, visit)
            self.timeline.at(
                self.moment(dealer, day + timedelta(days=3), 1, 30),
                self.nightly_followups,
            )
        elif self.luck.random() < 0.5:
            self.later(
                dealer, self.day_of(dealer), (20, 45), (9, 17), self.give_up, case
            )

    def give_up(self, case):
        user = case.user_id or self.dealer_of(case.company_id).advisor
        case = case.with_env(self.as_user(user, case.company_id))
        if case.result == "pending":
            case.action_lost()

    def schedule_campaign(self, dealer, key, start, end):
        anchor = dealer or self.oem_desk
        at = self.timeline.at
        at(
            self.moment(anchor, start - timedelta(days=10), 10),
            self.create_campaign,
            dealer,
            key,
            start,
            end,
        )

    def create_campaign(self, dealer, key, start, end):
        name, kind, _months, _days, channel, budget, cost, segment, purpose = (
            cat.CAMPAIGNS[key]
        )
        if dealer:
            env = self.as_user(dealer.manager, dealer.company)
            company, user = dealer.company, dealer.manager
        else:
            env = self.as_user(self.oem_crm, self.oem)
            company, user = self.oem, self.oem_crm
        campaign = env["autocrm.campaign"].create(
            {
                "name": name,
                "campaign_type": kind,
                "company_id": company.id,
                "user_id": user.id,
                "date_start": start,
                "date_end": end,
                "channel": channel,
                "budget": budget,
                "segment_domain": segment,
                "content": cat.CAMPAIGN_CONTENT,
                "purpose": purpose,
            }
        )
        suffix = dealer.code.lower() if dealer else "oem"
        self.name_xmlid(campaign, f"autocrm_campaign_{suffix}_{key}")
        self.counts["campaigns"] += 1
        anchor = dealer or self.oem_desk
        at = self.timeline.at
        at(
            self.moment(anchor, start - timedelta(days=2), 16),
            self.campaign_step,
            campaign,
            "action_generate_targets",
            {},
        )
        at(
            self.moment(anchor, start, 8, 30),
            self.campaign_step,
            campaign,
            "action_start",
            {},
        )
        spent = round(cost * self.luck.uniform(0.85, 1.1), -1)
        at(
            self.moment(anchor, end + timedelta(days=1), 9),
            self.campaign_step,
            campaign,
            "action_done",
            {"cost": spent},
        )

    def campaign_step(self, campaign, method, vals):
        campaign = campaign.with_env(
            self.as_user(campaign.user_id, campaign.company_id)
        )
        if vals:
            campaign.write(vals)
        getattr(campaign, method)()
