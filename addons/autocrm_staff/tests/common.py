from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.autocrm_customer.tests.common import AutocrmCase, make_vin


class StaffCase(AutocrmCase):
    """AutocrmCase with a team at dealer A, as employees linked to users:

    - manager_a leads the after-sales team (emp_manager);
    - advisor_a, sub_2, sub_3 and sub_4 report to the manager;
    - hr_a is the dealership's HR officer (Employees: Officer);
    - dealer B has advisor_b's employee only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # cls.today is AutocrmCase's: dealer A's day (Asia/Shanghai) with the clock
        # frozen for the class, the day the plans' rules use whoever runs them
        cls.serial = 0
        cls.hr_a = new_test_user(
            cls.env,
            login="hr_a",
            groups="autocrm_customer.group_dealer_user,hr.group_hr_user",
            company_id=cls.dealer_a.id,
            company_ids=cls.dealer_a.ids,
        )
        cls.sub_2, cls.sub_3, cls.sub_4 = (
            cls._dealer_user(login, cls.dealer_a)
            for login in ("sub_2", "sub_3", "sub_4")
        )
        Employee = cls.env["hr.employee"]
        cls.emp_manager = Employee.create(
            {
                "name": "Manager A",
                "user_id": cls.manager_a.id,
                "company_id": cls.dealer_a.id,
            }
        )
        cls.emp_hr = Employee.create(
            {"name": "HR A", "user_id": cls.hr_a.id, "company_id": cls.dealer_a.id}
        )
        cls.emp_advisor, cls.emp_2, cls.emp_3, cls.emp_4 = Employee.create(
            [
                {
                    "name": name,
                    "user_id": user.id,
                    "company_id": cls.dealer_a.id,
                    "parent_id": cls.emp_manager.id,
                }
                for name, user in (
                    ("Advisor A", cls.advisor_a),
                    ("Sub 2", cls.sub_2),
                    ("Sub 3", cls.sub_3),
                    ("Sub 4", cls.sub_4),
                )
            ]
        )
        cls.emp_b = Employee.create(
            {
                "name": "Advisor B",
                "user_id": cls.advisor_b.id,
                "company_id": cls.dealer_b.id,
            }
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Service Part", "type": "consu", "list_price": 1.0, "taxes_id": []}
        )

    @classmethod
    def _day(cls, offset):
        return cls.today + timedelta(days=offset)

    @classmethod
    def _vehicle(cls, dealer=None, partner=None):
        dealer = dealer or cls.dealer_a
        cls.serial += 1
        return cls.env["autocrm.vehicle"].create(
            {
                "vin": make_vin(cls.serial, prefix="LSTF1A2B", plant="F"),
                "model_id": cls.sedan.id,
                "sale_date": "2025-01-01",
                "selling_dealer_id": dealer.id,
                "dealer_ids": [Command.set(dealer.ids)],
                "partner_id": (partner or cls.customer_a).id,
            }
        )

    @classmethod
    def _done_visit(
        cls,
        vehicle,
        offset,
        user,
        revenue=0,
        visit_type="maintenance",
        dealer=None,
        partner=None,
    ):
        """A done repair order of ``vehicle`` ``offset`` days from today, whose
        confirmed quotation is worth ``revenue`` (parts at 1.0 each)."""
        dealer = dealer or cls.dealer_a
        repair = (
            cls.env["repair.order"]
            .with_company(dealer)
            .create(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": (partner or vehicle.partner_id).id,
                    "visit_date": cls._day(offset),
                    "visit_type": visit_type,
                    "user_id": user.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": cls.part.id,
                                "product_uom_qty": revenue,
                                "repair_line_type": "add",
                            }
                        )
                    ]
                    if revenue
                    else [],
                }
            )
        )
        if revenue:
            repair.action_create_sale_order()
            repair.sale_order_id.action_confirm()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    @classmethod
    def _followup(cls, user, due, done=None, satisfaction=False, partner=None, **kw):
        """A follow-up of ``user`` due ``due`` days from today, done ``done`` days
        from today (planned when None)."""
        vals = {
            "partner_id": (partner or cls.customer_a).id,
            "company_id": kw.pop("company", cls.dealer_a).id,
            "user_id": user.id,
            "followup_type": "post_service",
            "due_date": cls._day(due),
        }
        if done is not None:
            vals.update(
                {
                    "state": "done",
                    "done_date": cls._day(done),
                    "reached": True,
                    "satisfaction": satisfaction,
                }
            )
        vals.update(kw)
        return cls.env["autocrm.followup"].create(vals)

    def _as(self, user, model):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env[model].with_user(user)
