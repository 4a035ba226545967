"""The suite over JSON-RPC, as the web client and outside tools reach it.

One real Odoo HTTP server runs on the test database; demo users log in through
/web/session/authenticate and see what their role and dealership allow, no more.
"""

import ast
import http.cookiejar
import json
import re
import socket
import subprocess
import time
import unittest
import urllib.request
from collections import defaultdict

from .common import TEST_DB, log_file, odoo_command, requires_test_db

PASSWORD = "autocrm"  # every demo user's
APP_MENU = "autocrm_customer.menu_root"
DEALER_MENU = "autocrm_customer.res_company_menu_dealer"
PARTS_WAREHOUSES = {"PBJ", "PSH", "PGZ", "PWH", "PZZ", "PCQ"}
CUSTOMER_XMLID_RE = re.compile(r"res_partner_customer_([a-z]+\d+)_\d+")


class RpcError(Exception):
    """A JSON-RPC answer with an error; ``error`` is its payload."""

    def __init__(self, error):
        super().__init__(f"{error['data']['name']}: {error['data']['message']}")
        self.error = error


class Client:
    """A browser session logged in as ``login``: a cookie jar, JSON-RPC over urllib."""

    def __init__(self, url, login, password=PASSWORD):
        self.url = url
        self.login = login
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)
        self.rpc(
            "/web/session/authenticate", db=TEST_DB, login=login, password=password
        )

    def rpc(self, path, **params):
        """POST a JSON-RPC call to ``path``: its result, or RpcError."""
        body = {"jsonrpc": "2.0", "method": "call", "params": params}
        request = urllib.request.Request(
            self.url + path,
            json.dumps(body).encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            raise RpcError(answer["error"])
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)``, called as the web client does."""
        return self.rpc(
            "/web/dataset/call_kw", model=model, method=method, args=args, kwargs=kwargs
        )

    def load_menus(self):
        """The menus the user sees, as the web client loads them."""
        url = f"{self.url}/web/webclient/load_menus/0"
        with self.opener.open(url, timeout=120) as response:
            return json.load(response)

    def app_menus(self):
        """The xml ids of the user's root menus (his apps)."""
        menus = self.load_menus()
        return {menus[str(menu_id)]["xmlid"] for menu_id in menus["root"]["children"]}

    def all_menus(self):
        """The xml ids of every menu the user sees."""
        return {menu["xmlid"] for menu in self.load_menus().values()}

    def ref(self, xmlid):
        """The database id of the record ``xmlid``."""
        module, name = xmlid.split(".")
        [data] = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        return data["res_id"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(server, url, logfile, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"Odoo exited with code {server.returncode}: see {logfile}"
            )
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5) as response:
                if json.load(response)["status"] == "pass":
                    return
        except OSError:  # not listening yet
            time.sleep(0.5)
    raise RuntimeError(f"/web/health did not answer in {timeout} s: see {logfile}")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@requires_test_db
class TestJsonRpc(unittest.TestCase):
    """Dealer users see their own dealership only; OEM users see the whole network."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        port = free_port()
        logfile = log_file(f"rpc-server-{TEST_DB}.log")
        args = ["--http-interface", "127.0.0.1", "--http-port", str(port)]
        args += ["--db-filter", f"^{TEST_DB}$", "--max-cron-threads", "0"]
        with open(logfile, "w") as log:
            server = subprocess.Popen(
                odoo_command(TEST_DB, *args), stdout=log, stderr=subprocess.STDOUT
            )
        cls.addClassCleanup(stop, server)
        cls.url = f"http://127.0.0.1:{port}"
        wait_until_healthy(server, cls.url, logfile)

        admin = Client(cls.url, "admin", "admin")
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

        cls.advisor = Client(cls.url, "bj01.advisor")
        cls.manager = Client(cls.url, "bj01.manager")
        cls.oem_crm = Client(cls.url, "oem.crm")
        cls.oem_manager = Client(cls.url, "oem.manager")

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
            Client(self.url, "bj01.advisor", "not-the-password")
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
