"""The staff: employees, quarterly work plans, appraisals scored by managers
and HR and published, the monthly service costs."""

from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from . import catalogue as cat


class StaffMixin:
    """Employees, work plans, appraisals and service costs."""

    def hire_staff(self, dealer):
        """The dealership's manager and advisor as employees, the advisor
        reporting to the manager (HR's set-up, as superuser), where the demo has
        none."""
        Employee = self.env["hr.employee"]
        manager = Employee.search([("user_id", "=", dealer.manager.id)], limit=1)
        if not manager:
            manager = Employee.create(
                {
                    "name": dealer.manager.name.split(" (")[0],
                    "job_title": "After-Sales Manager",
                    "company_id": dealer.company.id,
                    "user_id": dealer.manager.id,
                }
            )
            self.name_xmlid(manager, f"hr_employee_{dealer.code.lower()}_manager")
        advisor = Employee.search([("user_id", "=", dealer.advisor.id)], limit=1)
        if not advisor:
            advisor = Employee.create(
                {
                    "name": dealer.advisor.name.split(" (")[0],
                    "job_title": "Service Advisor",
                    "company_id": dealer.company.id,
                    "user_id": dealer.advisor.id,
                    "parent_id": manager.id,
                }
            )
            self.name_xmlid(advisor, f"hr_employee_{dealer.code.lower()}_advisor")

    def schedule_staff(self, dealer):
        """Quarterly work plans and appraisals: the last three quarters before
        the current one appraised and published; the current one planned (and
        opened, where the demo opened none)."""
        month = dealer.today.replace(day=1)
        current = month - relativedelta(months=2)
        blocks = [
            (
                current - relativedelta(months=3 * k),
                current - relativedelta(months=3 * (k - 1)) - timedelta(days=1),
            )
            for k in (3, 2, 1)
        ]
        blocks.append((current, month + relativedelta(months=1) - timedelta(days=1)))
        at = self.timeline.at
        for index, (start, end) in enumerate(blocks):
            forms = self.staff_forms(dealer)
            at(
                self.moment(dealer, start, 9, 30),
                self.plan_quarter,
                dealer,
                start,
                end,
                forms,
            )
            if index < 3:
                open_day = end - timedelta(days=6)
                at(
                    self.moment(dealer, open_day, 10),
                    self.open_appraisal,
                    dealer,
                    start,
                    end,
                    forms,
                )
                continue
            if dealer.code != "BJ01":  # the demo opened BJ01's
                open_day = dealer.today - timedelta(days=6)
                at(
                    self.moment(dealer, open_day, 10),
                    self.open_appraisal,
                    dealer,
                    start,
                    end,
                    forms,
                    False,
                )
            yesterday = dealer.today - timedelta(days=1)
            at(
                self.moment(dealer, yesterday, 17),
                self.review_open_appraisals,
                dealer,
                forms,
            )

    def review_open_appraisals(self, dealer, forms):
        """The quarter in progress: the managers have scored the work, HR
        computes the results so far (the period stays open for the feedback)."""
        periods = (
            self.hr_env(dealer)["autocrm.appraisal.period"]
            .with_company(dealer.company)
            .search([("company_id", "=", dealer.company.id), ("state", "=", "open")])
        )
        for period in periods:
            self.score_work(dealer, period, forms)
            period.action_compute_results()

    def staff_forms(self, dealer):
        """How each of the staff does this quarter: A, B, C or D."""
        return {
            "advisor": self.pick({"A": 30, "B": 35, "C": 25, "D": 10}),
            "manager": self.pick({"A": 30, "B": 40, "C": 20, "D": 10}),
            "hr": self.pick({"A": 40, "B": 40, "C": 20}),
        }

    FORM_WORK = {"A": (92, 99), "B": (80, 89), "C": (66, 77), "D": (45, 58)}

    FORM_REVENUE = {
        "A": (0.8, 0.9),
        "B": (0.95, 1.05),
        "C": (1.2, 1.4),
        "D": (1.7, 2.2),
    }

    def plan_quarter(self, dealer, start, end, forms):
        """The manager sets the quarter's plans: each one's service revenue
        target (what the workshop expects, stretched by how the quarter goes)
        and the advisor's follow-up calls."""
        env = self.as_user(dealer.manager, dealer.company)
        expected = defaultdict(float)
        for owner in dealer.owners:
            for car in owner.cars:
                for visit in car.visits:
                    if start <= visit.day <= end:
                        expected[visit.user] += self.visit_revenue(visit)
        vals_list = []
        for role, user in (("advisor", dealer.advisor), ("manager", dealer.manager)):
            stretch = self.luck.uniform(*self.FORM_REVENUE[forms[role]])
            target = round(max(expected[role], 2000) * stretch, -2)
            vals_list.append(
                {
                    "name": f"Workshop revenue {start:%b %Y}–{end:%b %Y}",
                    "plan_type": "service",
                    "company_id": dealer.company.id,
                    "user_id": user.id,
                    "date_start": start,
                    "date_end": end,
                    "target_count": 30 if role == "advisor" else 8,
                    "minimum_count": 20 if role == "advisor" else 5,
                    "revenue_target": target,
                }
            )
        vals_list.append(
            {
                "name": f"Follow-up calls {start:%b %Y}–{end:%b %Y}",
                "plan_type": "followup",
                "company_id": dealer.company.id,
                "user_id": dealer.manager.id,
                "method": "phone",
                "date_start": start,
                "date_end": end,
                "target_count": 40,
                "minimum_count": 25,
                "purpose": "Every customer served is called within three days.",
            }
        )
        plans = env["autocrm.work.plan"].create(vals_list)
        for plan in plans:
            self.name_xmlid(plan, f"autocrm_work_plan_{plan.id}")
        self.counts["work plans"] += len(plans)

    def hr_env(self, dealer):
        hr = self.env["res.users"].search(
            [
                ("company_id", "=", dealer.company.id),
                ("groups_id", "in", self.env.ref("hr.group_hr_user").ids),
            ],
            limit=1,
        )
        if hr:
            return self.as_user(hr, dealer.company)
        return self.env  # no HR officer at the dealership: the administrator

    def open_appraisal(self, dealer, start, end, forms, finish=True):
        env = self.hr_env(dealer)
        period = (
            env["autocrm.appraisal.period"]
            .with_company(dealer.company)
            .create(
                {
                    "name": f"{start:%b}–{end:%b %Y}",
                    "company_id": dealer.company.id,
                    "frequency": "quarter",
                    "date_start": start,
                    "date_end": end,
                    "new_customer_target": 1,
                }
            )
        )
        period.action_open()
        self.name_xmlid(period, f"autocrm_appraisal_period_{period.id}")
        self.counts["appraisal periods"] += 1
        today = self.day_of(dealer)
        self.later(
            dealer, today, (1, 3), (9, 17), self.score_work, dealer, period, forms
        )
        if finish:
            self.later(
                dealer, today, (1, 4), (9, 17), self.answer_feedback, period, forms
            )
            close = end + timedelta(days=8)
            self.timeline.at(
                self.moment(dealer, close, 10),
                self.period_step,
                dealer,
                period,
                "action_close",
            )
            self.timeline.at(
                self.moment(dealer, close + timedelta(days=4), 10),
                self.period_step,
                dealer,
                period,
                "action_publish",
            )

    def role_of(self, dealer, employee):
        if employee.user_id == dealer.advisor:
            return "advisor"
        if employee.user_id == dealer.manager:
            return "manager"
        return "hr"

    def score_work(self, dealer, period, forms):
        """The manager scores his advisors' work; HR scores the others'."""
        for appraisal in period.appraisal_ids.filtered(lambda a: not a.work_score):
            form = forms[self.role_of(dealer, appraisal.employee_id)]
            manager = appraisal.manager_user_id
            env = (
                self.as_user(manager, dealer.company)
                if manager
                else self.hr_env(dealer)
            )
            appraisal.with_env(env).write(
                {
                    "work_score": self.luck.randint(*self.FORM_WORK[form]),
                    "work_note": "Plans kept, customers well handled."
                    if form in "AB"
                    else "Behind on the follow-up plan; needs to keep promises.",
                }
            )

    def answer_feedback(self, period, forms):
        feedbacks = self.env["autocrm.appraisal.feedback"].search(
            [("period_id", "=", period.id)]
        )
        for feedback in feedbacks:
            user = feedback.reviewer_user_id
            if not user:
                continue
            env = self.as_user(user, period.company_id)
            feedback = feedback.with_env(env)
            for answer in feedback.answer_ids:
                answer.score = self.luck.randrange(60, 100, 5)
            feedback.action_submit()

    def period_step(self, dealer, period, method):
        getattr(period.with_env(self.hr_env(dealer)), method)()

    def costs(self, dealer):
        """Last month's service costs, budget and actual, by the manager."""
        env = self.as_user(dealer.manager, dealer.company)
        month = (self.day_of(dealer) - relativedelta(months=1)).replace(day=1)
        scale = dealer.spec["owners"] / 22
        env["autocrm.service.cost"].create(
            [
                {
                    "name": name,
                    "company_id": dealer.company.id,
                    "category": category,
                    "date": month,
                    "budget": round(budget * scale, -2),
                    "amount": round(budget * scale * self.luck.uniform(0.8, 1.2), -1),
                }
                for category, name, budget in cat.SERVICE_COSTS
            ]
        )
        self.counts["service costs"] += len(cat.SERVICE_COSTS)
