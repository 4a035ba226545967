"""The suite over JSON-RPC, as the web client and outside tools reach it.

One real Odoo HTTP server runs on the test database; demo users log in through
/web/session/authenticate and see what their role and dealership allow, no more.
"""

import ast
import re
import unittest
from collections import defaultdict

from .common import TEST_DB, requires_test_db
from .rpc import Client, RpcError, start_server

APP_MENU = "autocrm_customer.menu_root"
DEALER_MENU = "autocrm_customer.res_company_menu_dealer"
PARTS_WAREHOUSES = {"PBJ", "PSH", "PGZ", "PWH", "PZZ", "PCQ"}
CUSTOMER_XMLID_RE = re.compile(r"res_partner_customer_([a-z]+\d+)_\d+")


@requires_test_db
class TestJsonRpc(unittest.TestCase):
    """Dealer users see their own dealership only; OEM users see the whole network."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.url, stop_server = start_server(TEST_DB)
        cls.addClassCleanup(stop_server)

        admin = Client(cls.url, TEST_DB, "admin", "admin")
        cls.oem_id = admin.ref("base.main_company")
        cls.bj01_id = admin.ref("autocrm_customer.res_company_dealer_bj01")
        cls.customers = defaultdict(set)  # dealer code: ids of its demo customers
        for data in admin.call(
            "ir.model.data",
            "search_read",
            [("module", "=", "autocrm_customer"), ("model", "=", "res.partner")],
            ["name", "res_id"],
        ):
            if match := CUSTOMER_XMLID_RE.fullmatch(data["name"]):
                cls.customers[match[1]].add(data["res_id"])
        cls.all_customers = set().union(*cls.customers.values())

        cls.advisor = Client(cls.url, TEST_DB, "bj01.advisor")
        cls.manager = Client(cls.url, TEST_DB, "bj01.manager")
        cls.oem_crm = Client(cls.url, TEST_DB, "oem.crm")
        cls.oem_manager = Client(cls.url, TEST_DB, "oem.manager")

    def search_customers(self, client):
        """The ids of the demo customers that ``client``'s user finds."""
        return set(
            client.call("res.partner", "search", [("id", "in", [*self.all_customers])])
        )

    def test_app_menu(self):
        """Dealer and OEM users both have the After-Sales CRM app among their apps."""
        for client in (self.advisor, self.oem_crm):
            with self.subTest(login=client.login):
                self.assertIn(APP_MENU, client.app_menus())

    def test_users_land_in_the_app(self):
        """Dealer and OEM staff land in After-Sales CRM: it is their first app (the
        web client opens the first one), before Discuss."""
        for client in (self.advisor, self.manager, self.oem_crm, self.oem_manager):
            with self.subTest(login=client.login):
                menus = client.load_menus()
                first = menus[str(menus["root"]["children"][0])]
                self.assertEqual(first["xmlid"], APP_MENU)

    def test_customers_menu_shows_the_dealerships_customers(self):
        """The Customers menu of a dealer shows his dealership's customers, not
        Odoo's company-less contacts nor staff."""
        action = self.advisor.rpc(
            "/web/action/load", action_id="autocrm_customer.res_partner_action_customer"
        )
        domain = ast.literal_eval(action["domain"])
        found = self.advisor.call("res.partner", "search_read", domain, ["company_id"])
        self.assertTrue(found)
        self.assertEqual(
            {p["company_id"] and p["company_id"][0] for p in found}, {self.bj01_id}
        )
        self.assertLessEqual(self.customers["bj01"], {p["id"] for p in found})

    def test_oem_sees_every_dealership_with_one_company_active(self):
        """OEM staff see the whole dealer network (Dealer Network, a dealer's
        company on a printed statement) with only the OEM company active."""
        companies = self.oem_manager.call(
            "res.company",
            "search_read",
            [("autocrm_role", "=", "dealer")],
            ["name"],
            context={"allowed_company_ids": [self.oem_id]},
        )
        self.assertGreaterEqual(len(companies), 6)
        self.assertIn(self.bj01_id, {c["id"] for c in companies})

    def test_dealer_menu_for_oem_managers_only(self):
        """The dealerships' configuration menu shows to OEM managers, not to dealers."""
        self.assertNotIn(DEALER_MENU, self.advisor.all_menus())
        self.assertIn(DEALER_MENU, self.oem_manager.all_menus())

    def test_dealer_searches_own_customers_only(self):
        """A search by a dealer user finds his dealership's customers and no others'."""
        self.assertTrue(self.customers["bj01"] and self.customers["sh02"])
        found = self.search_customers(self.advisor)
        self.assertEqual(found, self.customers["bj01"])
        self.assertFalse(found & self.customers["sh02"])

    def test_dealer_cannot_read_other_dealers_customer(self):
        """Reading another dealership's customer by id is refused with AccessError."""
        other = min(self.customers["sh02"])
        with self.assertRaises(RpcError) as caught:
            self.advisor.call("res.partner", "read", [other], ["name", "phone"])
        self.assertEqual(
            caught.exception.error["data"]["name"], "odoo.exceptions.AccessError"
        )

    def test_dealer_sees_own_warehouse_and_company_only(self):
        """A dealer user's searches find his dealership's warehouse and company only."""
        warehouses = self.advisor.call(
            "stock.warehouse", "search_read", [], ["company_id"]
        )
        self.assertTrue(warehouses)
        self.assertEqual({wh["company_id"][0] for wh in warehouses}, {self.bj01_id})
        self.assertEqual(self.advisor.call("res.company", "search", []), [self.bj01_id])

    def test_oem_company_has_parts_warehouses(self):
        """In the OEM company an OEM user sees its six parts warehouses, no dealer's."""
        warehouses = self.oem_crm.call(
            "stock.warehouse",
            "search_read",
            [],
            ["code", "company_id"],
            context={"allowed_company_ids": [self.oem_id]},
        )
        self.assertLessEqual(PARTS_WAREHOUSES, {wh["code"] for wh in warehouses})
        self.assertEqual({wh["company_id"][0] for wh in warehouses}, {self.oem_id})

    def test_oem_sees_whole_network(self):
        """With all his companies active an OEM user finds every dealer's customers."""
        self.assertEqual(self.search_customers(self.oem_crm), self.all_customers)

    def test_wrong_password_refused(self):
        """A login with a wrong password is refused with AccessDenied."""
        with self.assertRaises(RpcError) as caught:
            Client(self.url, TEST_DB, "bj01.advisor", "not-the-password")
        self.assertEqual(
            caught.exception.error["data"]["name"], "odoo.exceptions.AccessDenied"
        )

    def app_actions(self, client):
        """The window actions of the After-Sales CRM menus ``client`` sees."""
        menus = client.load_menus()
        app = next(m for m in menus.values() if m.get("xmlid") == APP_MENU)
        todo, actions = [app["id"]], {}
        while todo:
            menu = menus[str(todo.pop())]
            todo += menu["children"]
            if menu.get("actionModel") == "ir.actions.act_window":
                actions[menu["xmlid"]] = menu["actionID"]
        return actions

    def test_app_screens_open(self):
        """Every screen of the app opens for a dealer's staff and manager and for the
        OEM: each view of each menu's action loads and lists its records."""
        for client in (self.advisor, self.manager, self.oem_crm):
            actions = self.app_actions(client)
            self.assertGreaterEqual(len(actions), 5, client.login)
            for xmlid, action_id in actions.items():
                with self.subTest(login=client.login, menu=xmlid):
                    action = client.rpc("/web/action/load", action_id=action_id)
                    model = action["res_model"]
                    views = [
                        [view_id or False, kind] for view_id, kind in action["views"]
                    ]
                    client.call(
                        model,
                        "get_views",
                        views=views,
                        options={"toolbar": True, "load_filters": True},
                    )
                    domain = action.get("domain") or []
                    if isinstance(domain, str):
                        domain = ast.literal_eval(domain)
                    client.call(
                        model,
                        "web_search_read",
                        domain=domain,
                        specification={"display_name": {}},
                        limit=80,
                    )
