"""The plan of the history, drawn before it happens: the owners of each
dealership, their vehicles and the visits their habits bring, the campaigns and
who answers them. Pure Python, from one seeded random generator."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from . import catalogue as cat

HISTORY_MONTHS = 24  # how far back the history goes
# the OEM's default warranty, which the planned warranty repairs stay inside
WARRANTY_MONTHS = 36
WARRANTY_KM = 100_000
# ISO 3779 check digit: the weight of each position, the value of each letter
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_VALUES = dict(
    zip(
        "ABCDEFGHJKLMNPRSTUVWXYZ",
        (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9),
        strict=True,
    )
)
MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # from 1980, every 30 years


def vin_for(model_code, model_year, serial):
    """A valid VIN of the OEM (WMI LAU): model, year code, plant B, serial, with
    its ISO 3779 check digit."""
    year_code = MODEL_YEAR_CODES[(model_year - 1980) % 30]
    body = f"LAU{model_code}A1C0{year_code}B{serial:06d}"
    total = sum(
        (int(char) if char.isdigit() else VIN_VALUES[char]) * weight
        for char, weight in zip(body, VIN_WEIGHTS, strict=True)
    )
    check = "X" if total % 11 == 10 else str(total % 11)
    return body[:8] + check + body[9:]


@dataclass
class Owner:
    key: str
    dealer: "Dealer"
    name: str = ""
    phone: str = ""
    email: str = ""
    profile: str = "regular"  # loyal, regular, lapsing, new, newcomer, demo
    active_until: date = None  # last day the owner still comes
    first_visit: date = None  # a newcomer's first visit at the dealership
    winback: bool = False
    reason: tuple = None
    cars: list = field(default_factory=list)
    record: object = None


@dataclass
class Car:
    key: str
    owner: Owner
    model: object
    vin: str = ""
    plate: str = ""
    production_date: date = None
    sale_date: date = None
    km_per_day: float = 40.0
    points: list = field(default_factory=list)  # (date, km) of the demo's readings
    visits: list = field(default_factory=list)
    record: object = None

    @property
    def electric(self):
        return self.model.default_code in cat.ELECTRIC_MODELS

    def km_at(self, day):
        """The odometer on ``day``: along the demo's readings for a demo vehicle,
        at the owner's pace for a generated one."""
        if not self.points:
            return max(int((day - self.sale_date).days * self.km_per_day), 1)
        points = [(self.sale_date, 0), *self.points]
        before = [p for p in points if p[0] <= day]
        after = [p for p in points if p[0] > day]
        (d0, k0) = before[-1] if before else points[0]
        if after:
            d1, k1 = after[0]
            span = max((d1 - d0).days, 1)
            return int(k0 + (k1 - k0) * (day - d0).days / span)
        return int(k0 + self.km_per_day * (day - d0).days)

    def in_warranty(self, day):
        return (
            day <= self.sale_date + relativedelta(months=WARRANTY_MONTHS)
            and self.km_at(day) < WARRANTY_KM
        )


@dataclass
class Visit:
    key: str
    car: Car
    day: date
    visit_type: str
    job: dict
    hour: int = 10
    user: str = "advisor"  # the dealership's advisor or manager
    paint_hours: float = 0.0
    fault: dict = None
    # of its claim: approve, lower (more hours than the flat rate), reject:<category>,
    # inspect:no_defect (the returned part works)
    outcome: str = "approve"
    form_number: str = ""
    record: object = None

    @property
    def paid(self):
        return self.visit_type not in ("warranty", "first_maintenance")


@dataclass
class Dealer:
    code: str
    company: object
    advisor: object
    manager: object
    tz: object
    today: date
    spec: dict
    owners: list = field(default_factory=list)
    campaigns: list = field(default_factory=list)


class PlanMixin:
    """The plan: owners, vehicles, visits, campaign windows and responders."""

    def new_name(self):
        while True:
            name = f"{self.rng.choice(cat.SURNAMES)} {self.rng.choice(cat.GIVEN_NAMES)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def new_vin(self, model, year):
        while True:
            vin = vin_for(model.default_code[4:], year, next(self.serial))
            if vin not in self.vins:
                self.vins.add(vin)
                return vin

    def new_plate(self, dealer, electric):
        prefix = self.rng.choice(dealer.spec["plates"])
        if electric:
            tail = self.rng.choice("DF") + f"{self.rng.randrange(10000, 99999)}"
        elif self.rng.random() < 0.3:
            tail = self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + (
                f"{self.rng.randrange(1000, 9999)}"
            )
        else:
            tail = f"{self.rng.randrange(10000, 99999)}"
        return f"{prefix}·{tail}"

    def plan_dealer(self, dealer):
        """The dealership's owners, their vehicles and visits: the demo's own
        customers (visits before the demo's, which keeps its stories) and
        generated ones."""
        self.plan_demo_owners(dealer)
        profiles = {
            "loyal": 36,
            "regular": 24,
            "lapsing": 15,
            "new": 13,
            "newcomer": 12,
        }
        for index in range(max(4, round(dealer.spec["owners"] * self.scale))):
            owner = Owner(key=f"{dealer.code.lower()}_{index + 1:03d}", dealer=dealer)
            owner.name = self.new_name()
            owner.phone = f"1{self.rng.choice(cat.MOBILE_PREFIXES)}" + (
                f"{self.rng.randrange(10**7, 10**8)}"
            )
            owner.email = (
                owner.name.lower().replace(" ", ".")
                + f"{self.rng.randrange(10, 99)}@customers.example.com"
            )
            owner.profile = self.pick(profiles)
            owner.active_until = dealer.today
            if owner.profile == "newcomer":
                # an older car, serviced elsewhere until it comes here
                owner.first_visit = dealer.today - timedelta(
                    days=self.rng.randrange(20, 450)
                )
            if owner.profile == "lapsing":
                owner.active_until = dealer.today - timedelta(
                    days=self.rng.randrange(290, 640)
                )
                owner.winback = self.rng.random() < 0.35
                owner.reason = self.rng.choice(cat.RETENTION_REASONS)
            cars = 2 if self.rng.random() < 0.12 else 1
            for car_index in range(cars):
                car = self.plan_car(owner, car_index, new=owner.profile == "new")
                owner.cars.append(car)
                self.plan_visits(car)
            dealer.owners.append(owner)

    def plan_car(self, owner, index, new):
        dealer = owner.dealer
        model = self.models[self.pick(cat.MODEL_WEIGHTS)]
        if new:
            sale = dealer.today - timedelta(days=self.rng.randrange(12, 420))
        else:
            sale = dealer.today - timedelta(days=self.rng.randrange(14 * 30, 62 * 30))
        production = sale - timedelta(days=self.rng.randrange(20, 75))
        car = Car(
            key=f"{owner.key}_{index + 1}",
            owner=owner,
            model=model,
            production_date=production,
            sale_date=sale,
            km_per_day=self.rng.uniform(22, 70),
        )
        car.vin = self.new_vin(model, production.year + (production.month > 8))
        car.plate = self.new_plate(dealer, car.electric)
        return car

    def plan_demo_owners(self, dealer):
        """The demo's customers of the dealership with their vehicles: maintenance
        and repairs before their first demo visit (a month's margin), none for a
        vehicle the demo never serviced."""
        env = self.env
        Repair = env["repair.order"]
        vehicles = env["autocrm.vehicle"].search(
            [
                ("selling_dealer_id", "=", dealer.company.id),
                ("partner_id", "!=", False),
            ],
            order="id",
        )
        by_partner = defaultdict(list)
        for vehicle in vehicles:
            by_partner[vehicle.partner_id].append(vehicle)
        for partner, partner_vehicles in by_partner.items():
            visits = Repair.search(
                [("partner_id", "=", partner.id), ("state", "=", "done")]
            )
            if not visits:
                continue
            owner = Owner(
                key=f"demo_{partner.id}",
                dealer=dealer,
                name=partner.name,
                profile="demo",
                active_until=min(visits.mapped("visit_date")) - timedelta(days=30),
                record=partner,
            )
            for vehicle in partner_vehicles:
                if not vehicle.repair_ids.filtered(lambda r: r.state == "done"):
                    continue
                readings = vehicle.odometer_reading_ids.sorted(lambda r: (r.date, r.id))
                car = Car(
                    key=f"demo_{vehicle.id}",
                    owner=owner,
                    model=vehicle.model_id,
                    sale_date=vehicle.sale_date,
                    points=[(r.date, r.value) for r in readings],
                    record=vehicle,
                )
                if car.points:
                    last_day, last_km = car.points[-1]
                    days = max((last_day - car.sale_date).days, 1)
                    car.km_per_day = max(last_km / days, 10)
                owner.cars.append(car)
                self.plan_visits(car)
            dealer.owners.append(owner)

    def plan_visits(self, car):
        """Two years of the vehicle's workshop visits, by its owner's habits."""
        owner = car.owner
        rng = self.rng
        first = max(
            self.start,
            car.sale_date + timedelta(days=20),
            owner.first_visit or self.start,
        )
        last = owner.active_until
        if first > last:
            return
        day = first
        if owner.profile == "new" and car.sale_date >= self.start:
            # the free first maintenance, 2 to 5 months after the sale, 3,000 to
            # 4,900 km: the owner's pace follows
            fm_day = car.sale_date + timedelta(days=rng.randrange(60, 150))
            car.km_per_day = rng.uniform(3000, 4900) / (fm_day - car.sale_date).days
            if fm_day <= last:
                self.add_visit(car, fm_day, "first_maintenance", self.maintenance(car))
            day = fm_day
        gap = {"loyal": (150, 200), "regular": (230, 330), "demo": (170, 260)}.get(
            owner.profile, (170, 250)
        )
        if car.model.autocrm_service_interval_months == 6:
            gap = (140, 185)
        if day == first:
            day = first + timedelta(days=rng.randrange(0, gap[0]))
        else:
            day += timedelta(days=rng.randrange(*gap))
        major = rng.random() < 0.5
        while day <= last:
            job = self.maintenance(car, major=major)
            self.add_visit(car, day, "maintenance", job)
            major = not major
            day += timedelta(days=rng.randrange(*gap))
        span_years = max((last - first).days / 365.0, 0)
        repair_chance = {"loyal": 0.55, "demo": 0.5}.get(owner.profile, 0.35)
        for _year in range(int(span_years + 0.999)):
            if rng.random() < repair_chance:
                self.add_visit(
                    car,
                    self.day_between(first, last),
                    "repair",
                    rng.choice(cat.REPAIRS),
                )
        if owner.profile != "demo" and rng.random() < 0.05:
            self.add_visit(car, self.day_between(first, last), "accident", cat.ACCIDENT)
        if owner.profile != "demo" and rng.random() < 0.4:
            self.plan_warranty_visit(car, first, last)
        car.visits.sort(key=lambda v: v.day)

    def day_between(self, first, last):
        return first + timedelta(
            days=self.rng.randrange(0, max((last - first).days, 1))
        )

    def maintenance(self, car, major=False):
        if car.electric:
            job = dict(cat.MAINTENANCE["electric"])
        else:
            job = dict(cat.MAINTENANCE["major" if major else "minor"])
        if self.rng.random() < 0.3:
            parts, services, words = self.rng.choice(cat.EXTRAS)
            job["parts"] = job["parts"] + parts
            job["services"] = job.get("services", []) + services
            job["words"] = f"{job['words']} {words}"
        return job

    def plan_warranty_visit(self, car, first, last):
        engine = "electric" if car.electric else "combustion"
        faults = [f for f in cat.WARRANTY_FAULTS if f["engines"] in (None, engine)]
        for _attempt in range(5):
            day = self.day_between(first, last)
            if car.in_warranty(day) and day > car.sale_date + timedelta(days=45):
                break
        else:
            return
        roll = self.rng.random()
        fault = self.rng.choice(faults)
        outcome = "approve"
        if roll < 0.08:
            fault, outcome = cat.WEAR_PART_CLAIM, "reject:not_covered"
        elif roll < 0.14:
            outcome = "reject:evidence"
        elif roll < 0.24:
            outcome = "inspect:no_defect"
        elif roll < 0.36:
            outcome = "lower"
        job = {
            "parts": [(fault["part"], 1)],
            "hours": self.operation(fault["operation"]).flat_rate_hours,
            "words": fault["words"],
            "findings": fault["diagnosis"],
        }
        visit = self.add_visit(car, day, "warranty", job)
        visit.fault = fault
        visit.outcome = outcome

    def add_visit(self, car, day, visit_type, job):
        if any(v.day == day for v in car.visits):
            day += timedelta(days=1)
        visit = Visit(
            key=f"{car.key}_{len(car.visits) + 1:02d}",
            car=car,
            day=day,
            visit_type=visit_type,
            job=job,
            hour=self.rng.randrange(9, 17),
            user="manager" if self.rng.random() < 0.25 else "advisor",
        )
        if visit_type == "accident":
            visit.paint_hours = self.rng.randrange(*job["paint_hours"])
        if visit_type == "first_maintenance":
            visit.form_number = (
                f"FM-{car.owner.dealer.code}-{next(self.form_serial):06d}"
            )
        car.visits.append(visit)
        return visit

    def visit_revenue(self, visit):
        """What the visit's quotation will be worth, for the plans' targets."""
        if not visit.paid:
            return 0.0
        dealer = visit.car.owner.dealer
        parts = sum(
            self.product(key).list_price * qty for key, qty in visit.job["parts"]
        )
        services = sum(
            self.product(key).list_price * qty
            for key, qty in visit.job.get("services", [])
        )
        labour = visit.job["hours"] * dealer.spec["labour_rate"]
        paint = visit.paint_hours * self.product("service_body_paint").list_price
        return parts + services + labour + paint

    def campaign_window(self, dealer, key):
        _name, _type, months, days, *_rest = cat.CAMPAIGNS[key]
        start = (dealer.today - relativedelta(months=months)).replace(day=1) + (
            timedelta(days=self.rng.randrange(0, 10))
        )
        return start, start + timedelta(days=days - 1)

    def plan_network_campaign(self):
        self.network_window = self.campaign_window(self.oem_desk, "network")

    def plan_campaign_responses(self, dealer):
        """The dealership's campaigns and who answers them: a share of the
        customers still coming bring their next maintenance forward into the
        campaign, or come for its free check."""
        keys = ["summer"] + (["autumn"] if dealer.spec["owners"] >= 16 else [])
        for key in keys:
            dealer.campaigns.append((key, *self.campaign_window(dealer, key)))
        windows = [(key, start, end) for key, start, end in dealer.campaigns]
        windows.append(("network", *self.network_window))
        for key, start, end in windows:
            candidates = [
                car
                for owner in dealer.owners
                if owner.profile != "demo" and owner.active_until >= end
                for car in owner.cars
                if car.sale_date <= start - timedelta(days=10)
                # a customer already when the targets are drawn
                and (
                    owner.profile != "newcomer"
                    or (car.visits and car.visits[0].day <= start - timedelta(10))
                )
                and (key != "autumn" or car.sale_date <= start - relativedelta(years=3))
            ]
            share = 0.22 if key == "network" else 0.4
            count = min(len(candidates), max(2, round(share * len(candidates))))
            for car in self.rng.sample(candidates, count):
                self.respond(car, start, end)
            for owner in dealer.owners:
                for car in owner.cars:
                    car.visits.sort(key=lambda v: v.day)

    def respond(self, car, start, end):
        day = start + timedelta(days=self.rng.randrange(0, (end - start).days + 1))
        near = [
            v
            for v in car.visits
            if v.visit_type == "maintenance" and abs((v.day - day).days) < 60
        ]
        if near and not any(start <= v.day <= end for v in car.visits):
            near[0].day = day
        elif not any(v.day == day for v in car.visits):
            self.add_visit(car, day, "maintenance", dict(cat.CAMPAIGN_CHECK))
