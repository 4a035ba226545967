"""The generator of the demo network's history: the plan, then the timeline of
its events run on a moving clock, then tonight's scheduled actions."""

import heapq
import itertools
import json
import random
from collections import defaultdict
from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from . import catalogue as cat
from .care import CareMixin
from .plan import HISTORY_MONTHS, Dealer, PlanMixin
from .staff import StaffMixin
from .warranty import WarrantyMixin
from .workshop import WorkshopMixin

MARKER_PARAM = "autocrm_demo_network.generated"
XMLID_MODULE = "autocrm_demo_network"
# The history's messages are not sent now: no SMS through Odoo's IAP, no "you have
# been assigned" e-mail, e-mails queued rather than sent at once (then cancelled)
QUIET = {
    "skip_sms": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_notify_force_send": False,
}


class Timeline:
    """The events of the history in time order, on a clock that moves to each."""

    def __init__(self, end):
        self.end = end
        self.queue = []
        self.counter = itertools.count()
        self.now = None
        self.done = 0

    def at(self, when, action, *args):
        if self.now and when < self.now:
            when = self.now
        heapq.heappush(self.queue, (when, next(self.counter), action, args))

    def run(self, frozen):
        while self.queue:
            when, _seq, action, args = heapq.heappop(self.queue)
            if when > self.end:
                continue  # after today: not happened yet
            self.now = when
            frozen.move_to(when)
            action(*args)
            self.done += 1


class DemoNetwork(PlanMixin, WorkshopMixin, WarrantyMixin, CareMixin, StaffMixin):
    """Two years of the demo network's after-sales life, generated through the
    ORM as the users who do the work, on a clock that walks through them."""

    def __init__(self, env, seed, scale=1.0):
        self.env = env
        self.seed = seed
        self.scale = scale
        self.rng = random.Random(seed)  # the plan
        self.luck = random.Random(seed * 7919 + 1)  # the outcomes, in event order
        self.now = datetime.now(pytz.utc).replace(tzinfo=None, microsecond=0)
        self.first_mail = env["mail.mail"].search([], order="id desc", limit=1).id
        self.timeline = Timeline(self.now)
        self.xmlids = []
        self.xmlid_names = set()
        self.counts = defaultdict(int)
        self.products = {}
        self.operations = {}
        self.envs = {}
        # the demo's own planned follow-ups stay the users' to-do list
        self.followup_seen = (
            env["autocrm.followup"].search([], order="id desc", limit=1).id
        )
        self.claim_outcome = {}
        self.names = set(env["res.partner"].search([]).mapped("name"))
        self.vins = set(
            env["autocrm.vehicle"]
            .with_context(active_test=False)
            .search([])
            .mapped("vin")
        )
        self.serial = itertools.count(310001, 7)
        self.form_serial = itertools.count(100)
        # the demo's people and dealerships by their logins and dealer codes (the
        # README's), not by the demo data's xml ids
        self.reviewer = self.user("oem.claims")
        self.oem_crm = self.user("oem.crm")
        self.oem = env["res.company"]._autocrm_oem_company()
        self.models = {
            p.default_code: p
            for p in env["product.product"].search(
                [("autocrm_is_vehicle_model", "=", True)]
            )
            if p.default_code in cat.MODEL_WEIGHTS
        }
        self.dealers = []
        for code, spec in cat.DEALERS.items():
            slug = code.lower()
            company = env["res.company"].search([("dealer_code", "=", code)])
            self.dealers.append(
                Dealer(
                    code=code,
                    company=company,
                    advisor=self.user(f"{slug}.advisor"),
                    manager=self.user(f"{slug}.manager"),
                    tz=pytz.timezone(company._autocrm_tz_name()),
                    today=company._autocrm_today(),
                    spec=spec,
                )
            )
        # the OEM's desks (claims centre, call-backs) keep their own day
        self.oem_desk = Dealer(
            code="OEM",
            company=self.oem,
            advisor=self.oem_crm,
            manager=self.user("oem.manager"),
            tz=pytz.timezone(self.oem._autocrm_tz_name()),
            today=self.oem._autocrm_today(),
            spec={"satisfaction": (0, 0, 2, 5, 4), "late": 0.1},
        )
        self.today = max(d.today for d in self.dealers)
        self.start = self.today - relativedelta(months=HISTORY_MONTHS)

    def user(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        if not user:
            raise LookupError(f"the demo user {login} is missing")
        return user

    def moment(self, dealer, day, hour, minute=0):
        """``day`` at ``hour`` at the dealership, as Odoo's UTC datetime."""
        local = dealer.tz.localize(datetime(day.year, day.month, day.day, hour, minute))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def as_user(self, user, company=None):
        """An environment of ``user`` working in ``company`` (his own by default),
        his other companies allowed as in the web client."""
        company = company or user.company_id
        key = (user.id, company.id)
        if key not in self.envs:
            others = [c for c in user.company_ids.ids if c != company.id]
            self.envs[key] = self.env(
                user=user.id,
                context={
                    "allowed_company_ids": [company.id, *others],
                    "tz": user.tz or "Asia/Shanghai",
                    "lang": "en_US",
                    **QUIET,
                },
            )
        return self.envs[key]

    def name_xmlid(self, record, name):
        """Mark ``record`` as generated: the xml id ``autocrm_demo_network.name``
        (``name_2``... when taken), written at the end."""
        taken = self.xmlid_names
        unique = next(
            n for n in (name, *(f"{name}_{i}" for i in range(2, 99))) if n not in taken
        )
        taken.add(unique)
        name = unique
        self.xmlids.append(
            {
                "module": XMLID_MODULE,
                "name": name,
                "model": record._name,
                "res_id": record.id,
                "noupdate": True,
            }
        )

    def product(self, key):
        return self.products[key]

    def pick(self, weights):
        """A key of ``weights`` ({key: weight}), drawn for the plan."""
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def generate(self, frozen):
        """Plan the history, schedule its events, and live through them on the
        clock ``frozen`` (freezegun's)."""
        self.setup_catalogue()
        for dealer in self.dealers:
            self.plan_dealer(dealer)
        self.plan_network_campaign()
        for dealer in self.dealers:
            self.plan_campaign_responses(dealer)
            self.schedule_dealer(dealer)
        self.schedule_network()
        frozen.move_to(self.moment(self.oem_desk, self.start - timedelta(days=3), 8))
        self.timeline.run(frozen)

    def schedule_dealer(self, dealer):
        at = self.timeline.at
        opening = self.start - timedelta(days=2)
        at(self.moment(dealer, opening, 9), self.open_dealership, dealer)
        for owner in dealer.owners:
            for car in owner.cars:
                if owner.profile == "newcomer" and car.visits:
                    # entered at the desk on the first visit
                    first = car.visits[0].day
                    at(self.moment(dealer, first, 8, 30), self.register_car, car)
                elif owner.profile != "demo" and car.sale_date > opening:
                    at(self.moment(dealer, car.sale_date, 11), self.register_car, car)
                for visit in car.visits:
                    at(
                        self.moment(dealer, visit.day, visit.hour, 10),
                        self.workshop_visit,
                        visit,
                    )
        self.schedule_demo_quotations(dealer)
        for key, start, end in dealer.campaigns:
            self.schedule_campaign(dealer, key, start, end)
        self.schedule_complaints(dealer)
        self.schedule_staff(dealer)
        # the used-part returns: every other week, each dealership on its day
        day = self.start + timedelta(days=self.dealers.index(dealer) % 5)
        while day <= dealer.today:
            at(self.moment(dealer, day, 15), self.ship_returns, dealer)
            day += timedelta(days=14)
        month = self.start.replace(day=1) + relativedelta(months=1)
        while month <= dealer.today:
            at(self.moment(dealer, month, 10), self.settle, dealer, month)
            at(self.moment(dealer, month + timedelta(days=1), 9), self.costs, dealer)
            month += relativedelta(months=1)

    def schedule_network(self):
        at = self.timeline.at
        first = self.oem_desk  # the server's scheduled actions
        day = self.start
        due = self.followup_days()
        while day <= self.today:
            if day in due:
                at(self.moment(first, day, 1, 30), self.nightly_followups)
            if day.day == 1:
                at(self.moment(first, day, 2), self.nightly_value)
                at(self.moment(first, day, 3), self.nightly_churn)
            if day.day in (10, 25):
                at(self.moment(first, day, 11), self.pay_claims)
            day += timedelta(days=1)
        self.schedule_campaign(None, "network", *self.network_window)

    def followup_days(self):
        """The nights the follow-up generation finds something due: after each
        sale (7 and 30 days) and visit (3 days), the demo's included. On the
        other nights it would find nothing."""
        days = set()
        for dealer in self.dealers:
            for owner in dealer.owners:
                for car in owner.cars:
                    days.update(car.sale_date + timedelta(d) for d in (7, 30))
                    days.update(v.day + timedelta(3) for v in car.visits)
        visits = self.env["repair.order"].search([("visit_date", "!=", False)])
        days.update(d + timedelta(3) for d in visits.mapped("visit_date"))
        vehicles = self.env["autocrm.vehicle"].search([("sale_date", "!=", False)])
        for sale in vehicles.mapped("sale_date"):
            days.update(sale + timedelta(d) for d in (7, 30))
        return days

    def later(self, dealer, day, days, hours, action, *args):
        """Schedule ``action`` some days after ``day``, in working hours."""
        when = day + timedelta(days=self.luck.randint(*days))
        moment = self.moment(dealer, when, self.luck.randrange(*hours))
        self.timeline.at(
            moment + timedelta(minutes=self.luck.randrange(60)), action, *args
        )

    def day_of(self, dealer):
        return dealer.company._autocrm_today()

    def dealer_of(self, company):
        """The dealership ``company`` is, or the OEM's desk."""
        for dealer in self.dealers:
            if dealer.company == company:
                return dealer
        return self.oem_desk

    def nightly_value(self):
        self.env["res.partner"]._cron_customer_value()

    def owner_of(self, partner):
        for dealer in self.dealers:
            for owner in dealer.owners:
                if owner.record == partner:
                    return owner
        return None

    def nightly_jobs(self):
        """Tonight's scheduled actions, at once, so the analyses are filled."""
        env = self.env
        env["autocrm.followup"]._cron_followup_generate()
        env["autocrm.complaint"]._cron_complaint_escalate()
        env["autocrm.campaign"]._cron_campaign_response()
        env["res.partner"]._cron_customer_value()
        env["autocrm.retention.case"]._cron_churn_detect()
        env["autocrm.work.plan"]._cron_work_plan_check()

    def finish(self):
        # what the history notified by e-mail was sent at the time, not today
        self.env["mail.mail"].search(
            [("id", ">", self.first_mail), ("state", "=", "outgoing")]
        ).cancel()
        self.env["ir.model.data"].create(self.xmlids)
        self.env["ir.config_parameter"].set_param(
            MARKER_PARAM,
            json.dumps(
                {
                    "date": str(self.today),
                    "seed": self.seed,
                    "scale": self.scale,
                    "counts": self.counts,
                }
            ),
        )
