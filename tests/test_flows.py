"""Flows across the modules, over JSON-RPC as the demo users live them.

Each flow writes, so it runs on a copy of the test database (CREATE DATABASE ...
TEMPLATE) with its own HTTP server: dealer staff and OEM staff log in as in the web
client and pass work to each other through the same calls the screens make.
"""

import unittest

from .common import TEST_DB, pg_execute, requires_test_db
from .rpc import Client, RpcError, start_server

FLOW_DB = f"{TEST_DB}_flows"


def drop_flow_db():
    pg_execute(f'DROP DATABASE IF EXISTS "{FLOW_DB}" WITH (FORCE)')


@requires_test_db
class TestFlows(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_flow_db()
        pg_execute(f'CREATE DATABASE "{FLOW_DB}" TEMPLATE "{TEST_DB}"')
        cls.addClassCleanup(drop_flow_db)
        cls.url, stop_server = start_server(FLOW_DB)
        cls.addClassCleanup(stop_server)
        cls.admin = cls.client("admin", "admin")
        cls.bj01 = cls.admin.ref("autocrm_customer.res_company_dealer_bj01")

    @classmethod
    def client(cls, login, *password):
        return Client(cls.url, FLOW_DB, login, *password)

    def assert_hidden_from(self, client, model, record_id):
        """``client``'s user neither finds nor reads the record."""
        self.assertFalse(client.call(model, "search", [("id", "=", record_id)]))
        with self.assertRaises(RpcError) as caught:
            client.call(model, "read", [record_id], ["display_name"])
        self.assertEqual(
            caught.exception.error["data"]["name"], "odoo.exceptions.AccessError"
        )

    def test_dissatisfied_followup_becomes_a_complaint(self):
        """A dealer's follow-up answered 1/5 opens a complaint in one click; the OEM
        complaint desk sees it, another dealership does not."""
        advisor = self.client("bj01.advisor")
        followup_ids = advisor.call(
            "autocrm.followup",
            "search",
            [("state", "=", "planned"), ("company_id", "=", self.bj01)],
            limit=1,
        )
        self.assertTrue(followup_ids, "the demo plans a follow-up for BJ01")
        [followup] = advisor.call(
            "autocrm.followup", "read", followup_ids, ["partner_id"]
        )
        advisor.call(
            "autocrm.followup",
            "write",
            followup_ids,
            {"reached": True, "satisfaction": "1", "customer_remarks": "Still noisy."},
        )
        action = advisor.call("autocrm.followup", "action_done", followup_ids)
        self.assertEqual(action["res_model"], "autocrm.complaint")

        complaint_ids = advisor.call(
            "autocrm.complaint", "search", [("followup_id", "in", followup_ids)]
        )
        self.assertEqual(len(complaint_ids), 1)
        [complaint] = advisor.call(
            "autocrm.complaint",
            "read",
            complaint_ids,
            ["channel", "partner_id", "company_id", "description"],
        )
        self.assertEqual(complaint["channel"], "followup")
        self.assertEqual(complaint["partner_id"], followup["partner_id"])
        self.assertEqual(complaint["company_id"][0], self.bj01)
        self.assertIn("Still noisy.", complaint["description"])

        oem = self.client("oem.crm")
        self.assertEqual(
            oem.call("autocrm.complaint", "search", [("id", "in", complaint_ids)]),
            complaint_ids,
        )
        self.assert_hidden_from(
            self.client("sh02.advisor"), "autocrm.complaint", complaint_ids[0]
        )

    def test_first_maintenance_claim_reviewed_called_back_and_paid(self):
        """BJ01's first-maintenance claim (demo: submitted) goes through the OEM:
        the dealer cannot decide it, the reviewer approves, the OEM calls the
        customer back and hears they paid for the free service, the claim is
        flagged for the reviewer, who pays it."""
        Claim = "autocrm.warranty.claim"
        visit = self.admin.ref("autocrm_warranty.repair_order_first_service_bj01")
        advisor = self.client("bj01.advisor")
        claim_ids = advisor.call(Claim, "search", [("repair_id", "=", visit)])
        self.assertEqual(len(claim_ids), 1)
        [claim] = advisor.call(Claim, "read", claim_ids, ["state", "claim_type"])
        self.assertEqual(
            (claim["state"], claim["claim_type"]), ("submitted", "first_maintenance")
        )
        with self.assertRaises(RpcError) as caught:
            advisor.call(Claim, "action_approve", claim_ids)
        self.assertEqual(
            caught.exception.error["data"]["name"], "odoo.exceptions.AccessError"
        )
        self.assert_hidden_from(self.client("sh02.advisor"), Claim, claim_ids[0])

        reviewer = self.client("oem.claims")
        reviewer.call(Claim, "action_approve", claim_ids)
        oem = self.client("oem.crm")
        callback_ids = oem.call(
            "autocrm.followup",
            "search",
            [
                ("followup_type", "=", "oem_callback"),
                ("res_model", "=", Claim),
                ("res_id", "=", claim_ids[0]),
            ],
        )
        self.assertEqual(len(callback_ids), 1, "approval plans the OEM call-back")
        oem.call(
            "autocrm.followup",
            "write",
            callback_ids,
            {"reached": True, "satisfaction": "4", "customer_paid": True},
        )
        oem.call("autocrm.followup", "action_done", callback_ids)
        [claim] = reviewer.call(Claim, "read", claim_ids, ["fraud_flag_ids"])
        flags = reviewer.call(
            "autocrm.warranty.fraud.flag", "read", claim["fraud_flag_ids"], ["code"]
        )
        self.assertIn("customer_paid", {flag["code"] for flag in flags})

        reviewer.call(Claim, "action_pay", claim_ids)
        [claim] = advisor.call(Claim, "read", claim_ids, ["state"])
        self.assertEqual(claim["state"], "paid")

    def test_recall_done_at_another_dealership(self):
        """A car under the OEM's network recall arrives at a dealership that never
        served it: found by its VIN, the open recall shows on the vehicle and on the
        new visit; closing the recall visit completes the car's recall there."""
        oem = self.client("oem.crm")
        lines = oem.call(
            "autocrm.recall.vehicle",
            "search_read",
            [("state", "=", "open"), ("recall_id.state", "=", "open")],
            ["vehicle_id", "vin", "company_id"],
        )
        sh02 = self.admin.ref("autocrm_customer.res_company_dealer_sh02")
        line = next(
            (ln for ln in lines if ln["company_id"] and ln["company_id"][0] != sh02),
            None,
        )
        self.assertTrue(line, "the demo recall has open cars of other dealerships")
        vehicle_id = line["vehicle_id"][0]

        advisor = self.client("sh02.advisor")
        self.assertFalse(
            advisor.call("autocrm.vehicle", "search", [("id", "=", vehicle_id)])
        )
        [lookup] = advisor.call(
            "autocrm.vehicle.lookup", "create", [{"vin": line["vin"].lower()}]
        )
        action = advisor.call("autocrm.vehicle.lookup", "action_lookup", [lookup])
        self.assertEqual(action["res_id"], vehicle_id)
        [vehicle] = advisor.call(
            "autocrm.vehicle", "read", [vehicle_id], ["open_recall_names", "partner_id"]
        )
        self.assertTrue(vehicle["open_recall_names"])

        [visit] = advisor.call(
            "repair.order",
            "create",
            [
                {
                    "vehicle_id": vehicle_id,
                    "partner_id": vehicle["partner_id"][0],
                    "visit_type": "recall",
                }
            ],
        )
        [read] = advisor.call(
            "repair.order", "read", [visit], ["autocrm_open_recall_names"]
        )
        recalls = vehicle["open_recall_names"]
        self.assertEqual(read["autocrm_open_recall_names"], recalls)
        advisor.call("repair.order", "action_repair_start", [visit])
        advisor.call("repair.order", "action_repair_end", [visit])

        [line] = oem.call(
            "autocrm.recall.vehicle",
            "read",
            [line["id"]],
            ["state", "repair_id", "done_company_id"],
        )
        self.assertEqual(line["state"], "done")
        self.assertEqual(line["repair_id"][0], visit)
        self.assertEqual(line["done_company_id"][0], sh02)


if __name__ == "__main__":
    unittest.main()
