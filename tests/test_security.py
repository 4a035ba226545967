"""Security at the seams: what a dealer's user can do over JSON-RPC to another dealer.

Each test is an attack of BJ01's demo users (bj01.advisor, bj01.manager) on SH02's
records, sent as the web client sends its calls (``/web/dataset/call_kw``) to a real
Odoo server; each expects a refusal that is an Odoo message (not a database or Python
error text) and checks, as the administrator, that nothing was written.

The attacks write, and looking a car up by its VIN shares it: they run on a copy of
the test database, so the other suite-level tests keep the demo data as installed.
BJ01 looks up one SH02 car (``autocrm_vehicle_sh02_1``) in ``setUpClass``; SH02's
other car and its owner are never shared, so they stay another dealer's records.
"""

import datetime
import os
import re
import unittest
import unittest.mock

from .common import TEST_DB, pg_execute, requires_test_db
from .rpc import Client, RpcError, start_server

# the refusals an Odoo user is shown as a message
REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.UserError",
}
VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def make_vin(serial):
    """A valid VIN (GB 16735 check digit) ending in ``serial``."""
    body = f"LSEC1B2C0SD{serial:06d}"
    check = sum(VIN_VALUES[c] * w for c, w in zip(body, VIN_WEIGHTS, strict=True)) % 11
    return body[:8] + ("X" if check == 10 else str(check)) + body[9:]


def copy_database(source, target):
    pg_execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    pg_execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name):
    pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Seams:
    """The server on the copy of the test database, shared by this module's
    classes (one copy and one server start: each costs seconds)."""

    db = f"{TEST_DB}_seams"
    url = None


def setUpModule():
    if not TEST_DB:
        return
    copy_database(TEST_DB, Seams.db)
    unittest.addModuleCleanup(drop_database, Seams.db)
    Seams.url, stop_server = start_server(Seams.db)
    unittest.addModuleCleanup(stop_server)
    admin = Client(Seams.url, Seams.db, "admin", "admin")
    # the administrator checks what was written in every company at once
    companies = admin.call("res.company", "search", [])
    [admin_id] = admin.call("res.users", "search", [("login", "=", "admin")])
    admin.call("res.users", "write", [admin_id], {"company_ids": [(6, 0, companies)]})
    admin.context = {"allowed_company_ids": companies}
    Seams.admin = admin
    Seams.advisor = Client(Seams.url, Seams.db, "bj01.advisor")
    Seams.manager = Client(Seams.url, Seams.db, "bj01.manager")


@requires_test_db
class SeamsCase(unittest.TestCase):
    """BJ01's users and the admin on the module's server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin, cls.advisor, cls.manager = Seams.admin, Seams.advisor, Seams.manager
        ref = cls.admin.ref
        cls.bj01 = ref("autocrm_customer.res_company_dealer_bj01")
        cls.sh02 = ref("autocrm_customer.res_company_dealer_sh02")
        cls.bj01_car = ref("autocrm_customer.autocrm_vehicle_bj01_1")
        cls.bj01_customer = ref("autocrm_customer.res_partner_customer_bj01_1")
        # looked up by BJ01 below: BJ01 serves it, SH02 sold it
        cls.shared_car = ref("autocrm_customer.autocrm_vehicle_sh02_1")
        cls.shared_owner = ref("autocrm_customer.res_partner_customer_sh02_1")
        # never shared with BJ01
        cls.sh02_car = ref("autocrm_customer.autocrm_vehicle_sh02_2")
        cls.sh02_customer = ref("autocrm_customer.res_partner_customer_sh02_2")
        [car] = cls.admin.call(
            "autocrm.vehicle", "read", [cls.shared_car], ["vin", "model_id"]
        )
        cls.shared_vin = car["vin"]
        cls.model = car["model_id"][0]
        found = cls.lookup(cls.advisor, cls.shared_vin)
        assert found == [cls.shared_car], found

    @staticmethod
    def lookup(client, vin):
        """The ids of the vehicles ``lookup_by_vin(vin)`` returns to ``client``
        (JSON-RPC gives a recordset as its text, e.g. ``autocrm.vehicle(3,)``)."""
        found = client.call("autocrm.vehicle", "lookup_by_vin", vin)
        return [int(i) for i in re.findall(r"\d+", found.partition("(")[2])]

    serial = 0

    @classmethod
    def new_vin(cls):
        SeamsCase.serial += 1
        return make_vin(SeamsCase.serial)

    def assertRefused(self, client, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` by ``client`` is refused with an Odoo
        message; return the error."""
        with self.assertRaises(RpcError, msg=f"{model}.{method}{args} accepted") as c:
            client.call(model, method, *args, **kwargs)
        name = c.exception.error["data"]["name"]
        self.assertIn(name, REFUSALS, f"{model}.{method}: not a message: {c.exception}")
        if os.environ.get("AUTOCRM_VERBOSE"):
            print(f"{model}.{method}{args}: {c.exception}"[:300])
        return c.exception

    def read(self, model, record_id, fields):
        """``fields`` of one record as the admin sees them."""
        [values] = self.admin.call(model, "read", [record_id], fields)
        return values

    def assertUnreadable(self, client, model, record_id):
        with self.assertRaises(RpcError) as caught:
            client.call(model, "read", [record_id], ["display_name"])
        self.assertEqual(
            caught.exception.error["data"]["name"], "odoo.exceptions.AccessError"
        )


class TestAttacks(SeamsCase):
    """The fifteen attacks of the issue, each refused, nothing written."""

    # 1 and 8: links to another dealer's customer

    def test_01_vehicle_owner_must_be_a_customer_the_dealer_sees(self):
        vin = self.new_vin()
        error = self.assertRefused(
            self.advisor,
            "autocrm.vehicle",
            "create",
            {"vin": vin, "model_id": self.model, "partner_id": self.sh02_customer},
        )
        self.assertIn("not a customer of", str(error))
        self.assertFalse(
            self.admin.call("autocrm.vehicle", "search", [("vin", "=", vin)])
        )
        self.assertUnreadable(self.advisor, "res.partner", self.sh02_customer)
        # a customer of its own is accepted
        created = self.advisor.call(
            "autocrm.vehicle",
            "create",
            {"vin": vin, "model_id": self.model, "partner_id": self.bj01_customer},
        )
        self.assertTrue(created)

    def test_08_records_are_not_moved_or_linked_across_dealers(self):
        self.assertRefused(
            self.advisor,
            "res.partner",
            "write",
            [self.bj01_customer],
            {"company_id": self.sh02},
        )
        self.assertEqual(
            self.read("res.partner", self.bj01_customer, ["company_id"])["company_id"][
                0
            ],
            self.bj01,
        )
        self.assertRefused(
            self.advisor,
            "res.partner",
            "create",
            {"name": "Spy", "parent_id": self.sh02_customer},
        )
        self.assertFalse(
            self.admin.call("res.partner", "search", [("name", "=", "Spy")])
        )
        self.assertRefused(
            self.advisor,
            "autocrm.vehicle",
            "write",
            [self.bj01_car],
            {"partner_id": self.sh02_customer},
        )
        self.assertEqual(
            self.read("autocrm.vehicle", self.bj01_car, ["partner_id"])["partner_id"][
                0
            ],
            self.bj01_customer,
        )
        self.assertUnreadable(self.advisor, "res.partner", self.sh02_customer)

    # 2 and 7: the looked-up car stays the selling dealer's

    def test_02_07_dealer_cannot_cut_the_selling_dealer_off_its_car(self):
        before = self.read(
            "autocrm.vehicle",
            self.shared_car,
            ["dealer_ids", "sale_date", "selling_dealer_id", "active", "vin"],
        )
        self.assertEqual(set(before["dealer_ids"]), {self.sh02, self.bj01})
        for vals in (
            {"dealer_ids": [(3, self.sh02)]},
            {"dealer_ids": [(6, 0, [self.bj01])]},
            {"dealer_ids": [(5, 0, 0)]},
            {"sale_date": "2020-01-01"},
            {"selling_dealer_id": self.bj01},
            {"active": False},
            {"vin": self.new_vin()},
            {"partner_id": self.bj01_customer},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.advisor, "autocrm.vehicle", "write", [self.shared_car], vals
                )
        self.assertRefused(self.manager, "autocrm.vehicle", "unlink", [self.shared_car])
        after = self.read(
            "autocrm.vehicle",
            self.shared_car,
            ["dealer_ids", "sale_date", "selling_dealer_id", "active", "vin"],
        )
        self.assertEqual(after, before)
        # its own car's data BJ01 does change
        self.advisor.call(
            "autocrm.vehicle", "write", [self.bj01_car], {"license_plate": "京A·12345"}
        )
        self.assertRefused(
            self.advisor,
            "autocrm.vehicle",
            "write",
            [self.bj01_car],
            {"dealer_ids": [(4, self.sh02)]},
        )

    def test_07_15_other_dealers_readings_stay_theirs(self):
        reading = self.admin.call(
            "autocrm.odometer.reading",
            "create",
            {
                "vehicle_id": self.shared_car,
                "value": 1,
                "date": "2024-04-11",
                "company_id": self.sh02,
                "note": "SH02's own",
            },
        )
        repair = self.admin.call(
            "repair.order",
            "search",
            [("company_id", "=", self.sh02)],
            limit=1,
        )
        self.admin.call(
            "autocrm.odometer.reading",
            "write",
            [reading],
            {"repair_id": repair[0]},
        )
        before = self.read(
            "autocrm.odometer.reading",
            reading,
            ["value", "date", "note", "company_id", "repair_id"],
        )
        for vals in (
            {"value": 2},
            {"date": "2024-04-12"},
            {"note": "BJ01 was here"},
            {"company_id": self.bj01},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.advisor, "autocrm.odometer.reading", "write", [reading], vals
                )
        self.assertRefused(
            self.manager, "autocrm.odometer.reading", "unlink", [reading]
        )
        self.assertEqual(
            self.read(
                "autocrm.odometer.reading",
                reading,
                ["value", "date", "note", "company_id", "repair_id"],
            ),
            before,
        )
        # 15: BJ01 sees SH02's reading, not SH02's repair order
        [seen] = self.advisor.call(
            "autocrm.odometer.reading", "read", [reading], ["value", "repair_id"]
        )
        self.assertEqual((seen["value"], seen["repair_id"]), (1, False))
        [seen] = self.advisor.call(
            "autocrm.odometer.reading",
            "web_read",
            [reading],
            specification={"repair_id": {"fields": {"display_name": {}}}},
        )
        self.assertFalse(seen["repair_id"])

    # 3 and 4: the OEM's prices, no negative money

    def _draft_claim(self):
        ref = self.admin.ref
        return self.advisor.call(
            "autocrm.warranty.claim",
            "create",
            {
                "vehicle_id": self.bj01_car,
                "repair_date": datetime.date.today().isoformat(),
                "odometer": 30000,
                "claim_type": "warranty",
                "causal_part_id": ref("autocrm_warranty.product_part_water_pump"),
                "customer_words": "Coolant on the garage floor.",
                "labour_line_ids": [
                    (
                        0,
                        0,
                        {
                            "operation_id": ref(
                                "autocrm_warranty.labour_operation_eng210"
                            ),
                            "hours": 2.0,
                        },
                    )
                ],
                "part_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": ref(
                                "autocrm_warranty.product_part_water_pump"
                            ),
                            "quantity": 1,
                        },
                    )
                ],
            },
        )

    def test_03_04_claims_carry_the_oems_prices(self):
        claim = self._draft_claim()
        lines = self.read(
            "autocrm.warranty.claim",
            claim,
            ["part_line_ids", "labour_line_ids", "amount_claimed"],
        )
        [part] = lines["part_line_ids"]
        [labour] = lines["labour_line_ids"]
        price = self.read("autocrm.warranty.claim.part", part, ["unit_price"])
        rate = self.read("autocrm.warranty.claim.labour", labour, ["rate", "hours"])
        for model, line, vals in (
            ("autocrm.warranty.claim.part", part, {"unit_price": 1780}),
            ("autocrm.warranty.claim.labour", labour, {"rate": 410}),
            ("autocrm.warranty.claim.labour", labour, {"hours": -5}),
            ("autocrm.warranty.claim.labour", labour, {"rate": -100}),
            ("autocrm.warranty.claim.part", part, {"unit_price": -500}),
        ):
            with self.subTest(model=model, vals=vals):
                self.assertRefused(self.advisor, model, "write", [line], vals)
        self.assertEqual(
            self.read("autocrm.warranty.claim.part", part, ["unit_price"]), price
        )
        self.assertEqual(
            self.read("autocrm.warranty.claim.labour", labour, ["rate", "hours"]),
            rate,
        )
        self.assertRefused(
            self.advisor,
            "autocrm.warranty.claim",
            "write",
            [claim],
            {
                "part_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.admin.ref(
                                "autocrm_warranty.product_part_water_pump"
                            ),
                            "quantity": 1,
                            "unit_price": 1780,
                        },
                    )
                ]
            },
        )
        self.assertEqual(
            self.read("autocrm.warranty.claim", claim, ["amount_claimed"])[
                "amount_claimed"
            ],
            lines["amount_claimed"],
        )
        # 8: nor does the claim take another dealer's customer
        self.assertRefused(
            self.advisor,
            "autocrm.warranty.claim",
            "write",
            [claim],
            {"partner_id": self.sh02_customer},
        )
        # 13: nor a negative odometer
        self.assertRefused(
            self.advisor,
            "autocrm.warranty.claim",
            "write",
            [claim],
            {"odometer": -5},
        )

    # 5: no context key opens the used-part workflow

    def test_05_client_context_does_not_move_a_part_return(self):
        part_return = self.advisor.call("autocrm.part.return", "create", {})
        for state in ("shipped", "received", "inspected"):
            with self.subTest(state=state):
                self.assertRefused(
                    self.advisor,
                    "autocrm.part.return",
                    "write",
                    [part_return],
                    {"state": state},
                    context={"autocrm_part_return_action": True},
                )
        self.assertEqual(
            self.read("autocrm.part.return", part_return, ["state"])["state"], "draft"
        )

    # 6: an answer's feedback is fixed

    def test_06_appraisal_answer_stays_on_its_feedback(self):
        [own] = self.admin.call(
            "autocrm.appraisal.feedback",
            "search_read",
            [("reviewer_user_id.login", "=", "bj01.advisor"), ("state", "=", "draft")],
            ["direction"],
            limit=1,
        )
        [other] = self.admin.call(
            "autocrm.appraisal.feedback",
            "search",
            [
                ("company_id", "=", self.bj01),
                ("reviewer_user_id.login", "!=", "bj01.advisor"),
            ],
            limit=1,
        )
        questions = self.admin.call(
            "autocrm.appraisal.question",
            "search",
            [("direction", "=", own["direction"])],
        )
        on_other = self.admin.call(
            "autocrm.appraisal.answer", "search", [("feedback_id", "=", other)]
        )
        # the reviewer's answer to a question HR put to him
        answers = self.admin.call(
            "autocrm.appraisal.answer",
            "search_read",
            [("feedback_id", "=", own["id"])],
            ["question_id"],
        )
        if answers:
            answer = answers[0]["id"]
        else:
            answer = self.admin.call(
                "autocrm.appraisal.answer",
                "create",
                {"feedback_id": own["id"], "question_id": questions[0], "score": 60},
            )
        question = questions[0]
        self.advisor.call("autocrm.appraisal.answer", "write", [answer], {"score": 70})
        self.assertRefused(
            self.advisor,
            "autocrm.appraisal.answer",
            "write",
            [answer],
            {"feedback_id": other, "score": 100},
        )
        self.assertRefused(
            self.advisor,
            "autocrm.appraisal.answer",
            "create",
            {"feedback_id": other, "question_id": question, "score": 100},
        )
        self.assertEqual(
            self.read("autocrm.appraisal.answer", answer, ["feedback_id", "score"]),
            {"id": answer, "feedback_id": [own["id"], unittest.mock.ANY], "score": 70},
        )
        self.assertEqual(
            self.admin.call(
                "autocrm.appraisal.answer", "search", [("feedback_id", "=", other)]
            ),
            on_other,
        )

    # 9, 10: the look-up finds one whole VIN and shows only readable cars

    def test_09_lookup_finds_exactly_one_whole_vin(self):
        vin = self.shared_vin
        for wrong in (f"{vin}%", f"{vin}X", vin[:16], f"%{vin[1:]}", 12345, None):
            with self.subTest(vin=wrong):
                self.assertEqual(self.lookup(self.advisor, wrong), [])
        self.assertEqual(
            self.lookup(self.advisor, f" {vin.lower()} "), [self.shared_car]
        )

    def test_10_owner_shows_only_the_cars_the_dealer_sees(self):
        other_car = self.admin.call(
            "autocrm.vehicle",
            "create",
            {
                "vin": self.new_vin(),
                "model_id": self.model,
                "partner_id": self.shared_owner,
                "selling_dealer_id": self.sh02,
                "dealer_ids": [(6, 0, [self.sh02])],
            },
        )
        [owner] = self.advisor.call(
            "res.partner", "read", [self.shared_owner], ["vehicle_ids"]
        )
        self.assertEqual(owner["vehicle_ids"], [self.shared_car])
        [owner] = self.advisor.call(
            "res.partner",
            "web_read",
            [self.shared_owner],
            specification={"vehicle_ids": {"fields": {"display_name": {}}}},
        )
        self.assertEqual([v["id"] for v in owner["vehicle_ids"]], [self.shared_car])
        self.assertUnreadable(self.advisor, "autocrm.vehicle", other_car)

    # 11: another dealership's staff

    def test_11_other_dealers_staff_contacts_are_not_shown(self):
        fields = ["name", "login", "email", "phone", "mobile"]
        sh02_staff = self.admin.call(
            "res.users", "search", [("login", "in", ["sh02.advisor", "sh02.manager"])]
        )
        for user in self.advisor.call("res.users", "read", sh02_staff, fields):
            self.assertTrue(user["name"])
            self.assertEqual([user[f] for f in fields[1:]], [False] * 4, user["name"])
        partners = self.admin.call("res.users", "read", sh02_staff, ["partner_id"])
        for partner in self.advisor.call(
            "res.partner",
            "read",
            [p["partner_id"][0] for p in partners],
            ["name", "email", "phone"],
        ):
            self.assertEqual((partner["email"], partner["phone"]), (False, False))
        # a colleague's stay visible
        [colleague] = self.advisor.call(
            "res.users",
            "search_read",
            [("login", "=", "bj01.manager")],
            ["login", "email"],
        )
        self.assertEqual(colleague["login"], "bj01.manager")
        self.assertTrue(colleague["email"])

    # 12, 13, 14: dates in order, numbers in range, clear messages

    def test_12_dates_in_order(self):
        next_year = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
        tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
        vehicle = "autocrm.vehicle"
        for vals in (
            {"sale_date": next_year},
            {"sale_date": "2024-01-01", "production_date": "2024-06-01"},
        ):
            with self.subTest(vals=vals):
                vin = self.new_vin()
                self.assertRefused(
                    self.advisor,
                    vehicle,
                    "create",
                    {"vin": vin, "model_id": self.model, **vals},
                )
                self.assertFalse(
                    self.admin.call(vehicle, "search", [("vin", "=", vin)])
                )
        sale_date = self.read(vehicle, self.bj01_car, ["sale_date"])["sale_date"]
        before_sale = (
            datetime.date.fromisoformat(sale_date) - datetime.timedelta(days=30)
        ).isoformat()
        self.assertRefused(
            self.advisor,
            "repair.order",
            "create",
            {
                "vehicle_id": self.bj01_car,
                "partner_id": self.bj01_customer,
                "visit_date": before_sale,
            },
        )
        self.assertRefused(
            self.advisor,
            "autocrm.odometer.reading",
            "create",
            {"vehicle_id": self.bj01_car, "value": 999_999, "date": tomorrow},
        )

    def test_13_14_bad_values_get_a_message(self):
        reading = "autocrm.odometer.reading"
        for vals in (
            {"value": 10**12},
            {"value": "abc"},
            {"value": 500_000, "date": "9999-12-31"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.advisor,
                    reading,
                    "create",
                    {"vehicle_id": self.bj01_car, **vals},
                )
        self.assertRefused(
            self.advisor,
            "repair.order",
            "create",
            {
                "vehicle_id": self.bj01_car,
                "partner_id": self.bj01_customer,
                "visit_date": "9999-12-31",
            },
        )
        self.assertRefused(
            self.advisor,
            "autocrm.followup",
            "create",
            {
                "partner_id": self.bj01_customer,
                "followup_type": "complaint",
                "due_date": "9999-12-31",
            },
        )
        self.assertRefused(
            self.advisor,
            "autocrm.vehicle",
            "create",
            {"vin": self.new_vin(), "model_id": self.model, "sale_date": "9999-12-31"},
        )
        complaint = self.advisor.call(
            "autocrm.complaint",
            "create",
            {
                "partner_id": self.bj01_customer,
                "description": "Waited two hours past the promised time.",
            },
        )
        self.advisor.call(
            "autocrm.complaint", "write", [complaint], {"satisfaction": "4"}
        )
        for satisfaction in (6, "6", "abc", 0, ""):
            with self.subTest(satisfaction=satisfaction):
                self.assertRefused(
                    self.advisor,
                    "autocrm.complaint",
                    "write",
                    [complaint],
                    {"satisfaction": satisfaction},
                )
        self.assertEqual(
            self.read("autocrm.complaint", complaint, ["satisfaction"])["satisfaction"],
            "4",
        )


class TestWarrantyAnswers(SeamsCase):
    """The OEM's fault-code catalogue, the fault codes of a claim and the OEM's
    call-back scores, attacked by BJ01's manager: the OEM's data stays the OEM's, a
    claim's codes stay its dealer's, a call-back's scores are the OEM's to record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.admin.ref
        cls.code = ref("autocrm_warranty.fault_code_p0301")
        cls.sh02_claim = ref("autocrm_warranty.claim_sh02_1")
        cls.wh04 = ref("autocrm_customer.res_company_dealer_wh04")
        cls.wh04_claim = ref("autocrm_warranty.claim_wh04_1")

    def count(self, model, domain=()):
        return self.admin.call(
            model, "search_count", list(domain), context={"active_test": False}
        )

    def test_fault_code_catalogue_is_the_oems(self):
        fields = ["code", "name", "active", "model_ids"]
        before, count = (
            self.read("autocrm.fault.code", self.code, fields),
            self.count("autocrm.fault.code"),
        )
        self.assertRefused(
            self.manager,
            "autocrm.fault.code",
            "create",
            {"code": "P9999", "name": "Dealer's own code"},
        )
        self.assertRefused(
            self.manager,
            "autocrm.fault.code",
            "write",
            [self.code],
            {"name": "Renamed by a dealer", "active": False},
        )
        self.assertRefused(self.manager, "autocrm.fault.code", "unlink", [self.code])
        self.assertEqual(self.read("autocrm.fault.code", self.code, fields), before)
        self.assertEqual(self.count("autocrm.fault.code"), count)

    def test_another_dealers_claim_keeps_its_fault_codes(self):
        before = self.read(
            "autocrm.warranty.claim", self.sh02_claim, ["fault_code_ids"]
        )
        self.assertUnreadable(self.manager, "autocrm.warranty.claim", self.sh02_claim)
        for command in ([(4, self.code)], [(5, 0, 0)], [(6, 0, [self.code])]):
            with self.subTest(command=command):
                self.assertRefused(
                    self.manager,
                    "autocrm.warranty.claim",
                    "write",
                    [self.sh02_claim],
                    {"fault_code_ids": command},
                )
        self.assertEqual(
            self.read("autocrm.warranty.claim", self.sh02_claim, ["fault_code_ids"]),
            before,
        )

    def test_a_claim_cannot_add_a_code_to_the_catalogue(self):
        [own_claim] = self.admin.call(
            "autocrm.warranty.claim",
            "search",
            [("company_id", "=", self.bj01)],
            limit=1,
        )
        count = self.count("autocrm.fault.code")
        self.assertRefused(
            self.manager,
            "autocrm.warranty.claim",
            "write",
            [own_claim],
            {"fault_code_ids": [(0, 0, {"code": "P9998", "name": "Made up"})]},
        )
        self.assertEqual(self.count("autocrm.fault.code"), count)
        self.assertFalse(
            self.admin.call("autocrm.fault.code", "search", [("code", "=", "P9998")])
        )

    def test_call_back_scores_are_the_oems(self):
        # a dealer's own follow-up is not an OEM call-back: no convenience, courtesy
        # or "customer paid" answers on it
        [own] = self.admin.call(
            "autocrm.followup",
            "search",
            [("company_id", "=", self.bj01), ("followup_type", "=", "post_service")],
            limit=1,
        )
        fields = ["convenience", "courtesy", "customer_paid"]
        before = self.read("autocrm.followup", own, fields)
        for values in (
            {"convenience": "1"},
            {"courtesy": "5"},
            {"customer_paid": True},
        ):
            with self.subTest(values=values):
                self.assertRefused(
                    self.manager, "autocrm.followup", "write", [own], values
                )
        self.assertEqual(self.read("autocrm.followup", own, fields), before)
        # the OEM's call-back about WH04's repair: neither readable nor writable
        [callback] = self.admin.call(
            "autocrm.followup",
            "search",
            [
                ("followup_type", "=", "oem_callback"),
                ("res_model", "=", "autocrm.warranty.claim"),
                ("res_id", "=", self.wh04_claim),
            ],
        )
        before = self.read("autocrm.followup", callback, [*fields, "satisfaction"])
        self.assertUnreadable(self.manager, "autocrm.followup", callback)
        self.assertRefused(
            self.manager,
            "autocrm.followup",
            "write",
            [callback],
            {"convenience": "5", "courtesy": "5", "satisfaction": "5"},
        )
        self.assertEqual(
            self.read("autocrm.followup", callback, [*fields, "satisfaction"]), before
        )
        # and the call-back analysis shows BJ01 the call-backs of its own repairs only
        rows = self.manager.call(
            "autocrm.warranty.report.callback",
            "search_read",
            [],
            ["company_id", "followup_id"],
        )
        self.assertNotIn(callback, [row["followup_id"][0] for row in rows])
        self.assertEqual({row["company_id"][0] for row in rows} - {self.bj01}, set())
        self.assertIn(
            callback,
            [
                row["followup_id"][0]
                for row in self.admin.call(
                    "autocrm.warranty.report.callback",
                    "search_read",
                    [("company_id", "=", self.wh04)],
                    ["followup_id"],
                )
            ],
        )


# Stock models the suite extends with dealer data; the suite's own are found by name.
EXTENDED_MODELS = ["res.partner", "repair.order", "hr.employee"]
# Links that are not to a dealer's business records: who did it, and when.
SKIPPED_FIELDS = {"create_uid", "write_uid"}


class TestEveryLink(SeamsCase):
    """For every model of the suite, every relational field that points to a
    dealer-owned record (a company, customer, vehicle, visit, claim, complaint,
    follow-up, campaign, employee, ...) is tried, as bj01.manager, with SH02's id on
    write (an own record) and on create (a copy of an own record's values): each
    is refused and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.admin
        suite = [
            m["model"]
            for m in admin.call(
                "ir.model",
                "search_read",
                [("model", "=like", "autocrm.%"), ("transient", "=", False)],
                ["model"],
            )
        ]
        cls.models = {}
        for model in [*suite, *EXTENDED_MODELS]:
            fields = admin.call(
                model, "fields_get", attributes=["type", "relation", "store"]
            )
            if "company_id" in fields or model in EXTENDED_MODELS:
                cls.models[model] = fields
        # dealer-owned: a company, or a record that belongs to one
        cls.owned = {"res.company", "autocrm.vehicle", *cls.models}
        cls.foreign = {
            "res.company": cls.sh02,
            "res.partner": cls.sh02_customer,
            "autocrm.vehicle": cls.sh02_car,
        }
        cls.own = {"res.partner": cls.bj01_customer, "autocrm.vehicle": cls.bj01_car}
        for model in cls.models:
            for company, ids in ((cls.sh02, cls.foreign), (cls.bj01, cls.own)):
                if model in ids:
                    continue
                found = admin.call(
                    model,
                    "search",
                    [("company_id", "=", company)],
                    limit=50,
                    context={"active_test": False},
                )
                if company == cls.sh02:
                    # SH02's records that BJ01 does not see (not on a shared car)
                    seen = cls.manager.call(
                        model,
                        "search",
                        [("id", "in", found)],
                        context={"active_test": False},
                    )
                    found = [i for i in found if i not in seen]
                if found:
                    ids[model] = found[0]

    def rows(self, operation):
        """(model, field, comodel) of every link to a dealer-owned record, on the
        models BJ01's manager may ``operation`` (write, create) at all."""
        for model, fields in sorted(self.models.items()):
            if not self.manager.call(
                model, "check_access_rights", operation, raise_exception=False
            ):
                continue
            for name, field in sorted(fields.items()):
                if (
                    field["type"] in ("many2one", "many2many")
                    and field.get("store")
                    and field["relation"] in self.owned
                    and name not in SKIPPED_FIELDS
                ):
                    yield model, name, field

    def value(self, field, record_id):
        if field["type"] == "many2one":
            return record_id
        return [(4, record_id)]

    def test_foreign_records_are_unreadable(self):
        """The SH02 records tried below are SH02's: BJ01 cannot read them."""
        for comodel, record_id in self.foreign.items():
            with self.subTest(comodel=comodel):
                self.assertUnreadable(self.manager, comodel, record_id)

    def test_write_refuses_another_dealers_record(self):
        tried = set()
        for model, name, field in self.rows("write"):
            own, foreign = self.own.get(model), self.foreign.get(field["relation"])
            if not own or not foreign:
                continue
            with self.subTest(model=model, field=name):
                before = self.read(model, own, [name])
                self.assertRefused(
                    self.manager,
                    model,
                    "write",
                    [own],
                    {name: self.value(field, foreign)},
                )
                self.assertEqual(self.read(model, own, [name]), before)
                tried.add(model)
        # every model with an own record and a link to one is tried
        expected = {
            model
            for model, _name, field in self.rows("write")
            if model in self.own and field["relation"] in self.foreign
        }
        self.assertEqual(tried, expected)
        self.assertGreaterEqual(len(tried), 15, sorted(tried))

    def test_create_refuses_another_dealers_record(self):
        tried = set()
        for model, name, field in self.rows("create"):
            own, foreign = self.own.get(model), self.foreign.get(field["relation"])
            if not own or not foreign:
                continue
            [vals] = self.admin.call(model, "copy_data", [own])
            vals = {
                key: value
                for key, value in vals.items()
                if key in self.models[model] and not isinstance(value, list)
            }
            vals[name] = self.value(field, foreign)
            with self.subTest(model=model, field=name):
                count = self.admin.call(
                    model, "search_count", [], context={"active_test": False}
                )
                self.assertRefused(self.manager, model, "create", vals)
                self.assertEqual(
                    self.admin.call(
                        model, "search_count", [], context={"active_test": False}
                    ),
                    count,
                )
                tried.add(model)
        self.assertGreaterEqual(len(tried), 15, sorted(tried))
