"""The workshop: the catalogue, the dealerships' archives of owners and
vehicles, the visits with their quotations."""

from datetime import timedelta

from . import catalogue as cat


class WorkshopMixin:
    """The catalogue, the owners and vehicles, the visits and their quotations."""

    def setup_catalogue(self):
        """The parts and labour the workshop sells and the OEM's extra flat-rate
        operations: the administrator's set-up (as superuser)."""
        env = self.env
        demo_parts = {
            p.default_code: p
            for p in env["product.product"].search(
                [("default_code", "in", list(cat.DEMO_PARTS.values()))]
            )
        }
        for key, code in cat.DEMO_PARTS.items():
            self.products[key] = demo_parts[code]
        self.operations = {
            op.code: op for op in env["autocrm.labour.operation"].search([])
        }
        vals_list = []
        for name, code, price, kind in cat.PRODUCTS.values():
            vals = {
                "name": name,
                "default_code": code,
                "list_price": price,
                "standard_price": round(price * 0.65, 2),
                "type": "service" if kind == "service" else "consu",
                "taxes_id": [],
            }
            if kind == "part":
                vals["autocrm_return_policy"] = "none"
            if kind == "warranty":
                vals["is_storable"] = True
            vals_list.append(vals)
        products = env["product.product"].create(vals_list)
        for key, product in zip(cat.PRODUCTS, products, strict=True):
            self.products[key] = product
            self.name_xmlid(product, f"product_{key}")
        operations = env["autocrm.labour.operation"].create(
            [
                {"code": code, "name": name, "flat_rate_hours": hours}
                for code, (name, hours) in cat.LABOUR_OPERATIONS.items()
            ]
        )
        for code, operation in zip(cat.LABOUR_OPERATIONS, operations, strict=True):
            self.operations[code] = operation
            self.name_xmlid(operation, f"labour_operation_{code.lower()}")
        self.counts["products"] = len(products)

    def operation(self, code):
        return self.operations[code]

    def open_dealership(self, dealer):
        """The day the dealership starts its archive: the owners it already
        serves, their vehicles; its staff as employees; the warranty parts on
        its shelves."""
        env = self.as_user(dealer.advisor, dealer.company)
        owners = [o for o in dealer.owners if o.profile not in ("demo", "newcomer")]
        old = [
            o
            for o in owners
            if any(c.sale_date <= self.start - timedelta(days=2) for c in o.cars)
        ]
        self.create_owners(env, dealer, old)
        cars = [
            c
            for o in old
            for c in o.cars
            if c.sale_date <= self.start - timedelta(days=2)
        ]
        self.create_cars(env, dealer, cars)
        self.hire_staff(dealer)
        self.stock_warranty_parts(dealer)

    def create_owners(self, env, dealer, owners):
        owners = [o for o in owners if not o.record]
        if not owners:
            return
        partners = env["res.partner"].create(
            [
                {
                    "name": owner.name,
                    "phone": owner.phone,
                    "email": owner.email,
                    "city": dealer.company.dealer_city,
                    "country_id": dealer.company.country_id.id,
                    "customer_rank": 1,
                }
                for owner in owners
            ]
        )
        for owner, partner in zip(owners, partners, strict=True):
            owner.record = partner
            self.name_xmlid(partner, f"res_partner_{owner.key}")
        self.counts["customers"] += len(partners)

    def create_cars(self, env, dealer, cars):
        if not cars:
            return
        vehicles = env["autocrm.vehicle"].create(
            [
                {
                    "vin": car.vin,
                    "license_plate": car.plate,
                    "model_id": car.model.id,
                    "production_date": car.production_date,
                    "sale_date": car.sale_date,
                    "partner_id": car.owner.record.id,
                }
                for car in cars
            ]
        )
        for car, vehicle in zip(cars, vehicles, strict=True):
            car.record = vehicle
            self.name_xmlid(vehicle, f"autocrm_vehicle_{car.key}")
        self.counts["vehicles"] += len(vehicles)

    def register_car(self, car):
        """The advisor enters the owner and the vehicle: on the day of the sale,
        or at a newcomer's first visit."""
        dealer = car.owner.dealer
        env = self.as_user(dealer.advisor, dealer.company)
        self.create_owners(env, dealer, [car.owner])
        self.create_cars(env, dealer, [car])

    def stock_warranty_parts(self, dealer):
        """The parts the OEM wants back are tracked in stock: 40 of each on the
        dealership's shelves (an inventory count, as superuser)."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", dealer.company.id)], order="id", limit=1
        )
        Quant = self.env["stock.quant"].with_company(dealer.company)
        quants = Quant.create(
            [
                {
                    "product_id": product.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "inventory_quantity": 40,
                }
                for product in self.products.values()
                if product.is_storable
            ]
        )
        quants.action_apply_inventory()

    def workshop_visit(self, visit):
        """The advisor opens the repair order, quotes it, the customer accepts,
        the workshop does the job and closes it."""
        car = visit.car
        dealer = car.owner.dealer
        if not car.record or not car.owner.record:
            return
        user = dealer.manager if visit.user == "manager" else dealer.advisor
        # the workshop's mass records: no "created" note, no follower per order
        base = self.as_user(user, dealer.company)
        env = base(
            context=dict(
                base.context, mail_create_nolog=True, mail_create_nosubscribe=True
            )
        )
        job = visit.job
        vals = {
            "vehicle_id": car.record.id,
            "partner_id": car.owner.record.id,
            "visit_date": visit.day,
            "visit_type": visit.visit_type,
            "odometer": car.km_at(visit.day),
            "user_id": user.id,
            "customer_words": job["words"],
            "technician_findings": job["findings"],
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": self.product(key).id,
                        "product_uom_qty": qty,
                        "repair_line_type": "add",
                    },
                )
                for key, qty in job["parts"]
            ],
        }
        if visit.visit_type == "warranty":
            vals["internal_notes"] = visit.fault["report"]
        if visit.form_number:
            vals["first_service_form_number"] = visit.form_number
        repair = env["repair.order"].create(vals)
        visit.record = repair
        self.name_xmlid(repair, f"repair_order_{visit.key}")
        if visit.paid:
            self.quote(env, repair, dealer, job, visit.paint_hours)
        repair.action_repair_start()
        repair.action_repair_end()
        self.counts["visits"] += 1
        if visit.visit_type == "warranty":
            self.later(dealer, visit.day, (0, 2), (14, 17), self.draft_claim, visit)
        elif visit.visit_type == "first_maintenance" and repair.warranty_claim_ids:
            claim = repair.warranty_claim_ids[:1]
            self.later(dealer, visit.day, (0, 3), (10, 17), self.submit_claim, claim)

    def quote(self, env, repair, dealer, job, paint_hours=0.0):
        repair.action_create_sale_order()
        order = repair.sale_order_id
        lines = [
            {
                "product_id": self.product("service_labour").id,
                "name": "Workshop labour",
                "product_uom_qty": job["hours"],
                "price_unit": dealer.spec["labour_rate"],
            }
        ]
        for key, qty in job.get("services", []):
            lines.append({"product_id": self.product(key).id, "product_uom_qty": qty})
        if paint_hours:
            lines.append(
                {
                    "product_id": self.product("service_body_paint").id,
                    "product_uom_qty": paint_hours,
                }
            )
        order.write({"order_line": [(0, 0, line) for line in lines]})
        order.action_confirm()

    def schedule_demo_quotations(self, dealer):
        """The demo's own done visits had no quotation: their customers are
        billed on the day of the visit (the free ones, claimed from the OEM,
        aside)."""
        repairs = self.env["repair.order"].search(
            [
                ("company_id", "=", dealer.company.id),
                ("state", "=", "done"),
                ("sale_order_id", "=", False),
                ("visit_type", "in", ["maintenance", "repair"]),
                ("warranty_claim_ids", "=", False),
                ("partner_id", "!=", False),
            ]
        )
        for repair in repairs:
            if repair.visit_date:
                self.timeline.at(
                    self.moment(dealer, repair.visit_date, 17, 30),
                    self.quote_demo_visit,
                    dealer,
                    repair,
                )

    def quote_demo_visit(self, dealer, repair):
        user = repair.user_id or dealer.advisor
        env = self.as_user(user, dealer.company)
        repair = repair.with_env(env)
        job = {
            "hours": 1.5 if repair.visit_type == "repair" else 1.0,
            "services": [("service_package", 1)],
        }
        if repair.visit_type == "repair":
            job["services"] = [("service_alignment", 1)]
        self.quote(env, repair, dealer, job)
        self.counts["demo visits quoted"] += 1
