from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.autocrm_customer.tests.common import make_vin

from .test_claim_review_rules import ReviewCase


class FaultCodeCase(ReviewCase):
    """The fixture of the claims plus an OEM manager, an SUV model with a vehicle
    of dealer A, and four fault codes (none of the demo's): a misfire DTC of the
    sedan, a high-voltage DTC of the SUV, and a DTC and a symptom code for every
    model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.FaultCode = cls.env["autocrm.fault.code"]
        cls.oem_manager = new_test_user(
            cls.env,
            login="oem_manager",
            groups="autocrm_customer.group_oem_manager",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.suv = cls.env["product.product"].create(
            {"name": "Test SUV", "autocrm_is_vehicle_model": True}
        )
        [vin] = cls._vins(1)
        cls.vehicle_suv = cls.env["autocrm.vehicle"].create(
            {
                "vin": vin,
                "model_id": cls.suv.id,
                "sale_date": cls.today - timedelta(days=100),
                "selling_dealer_id": cls.dealer_a.id,
                "dealer_ids": [Command.set(cls.dealer_a.ids)],
                "partner_id": cls.customer_a.id,
            }
        )
        cls.misfire, cls.isolation, cls.lost_ecm, cls.squeal = cls.FaultCode.create(
            [
                {
                    "code": "P0303",
                    "name": "Cylinder 3 misfire",
                    "code_type": "dtc",
                    "model_ids": [Command.set(cls.sedan.ids)],
                },
                {
                    "code": "P0AA1",
                    "name": "High-voltage contactor stuck",
                    "code_type": "dtc",
                    "model_ids": [Command.set(cls.suv.ids)],
                },
                {
                    "code": "U0121",
                    "name": "Lost communication with ABS module",
                    "code_type": "dtc",
                },
                {
                    "code": "S-NOISE-DOOR",
                    "name": "Door rattle",
                    "code_type": "symptom",
                },
            ]
        )
        cls.codes = cls.misfire | cls.isolation | cls.lost_ecm | cls.squeal

    @classmethod
    def _vins(cls, count):
        """Valid VINs not used elsewhere (serials from 701)."""
        return [
            make_vin(serial, prefix="LTEW5A1B") for serial in range(701, 701 + count)
        ]


@tagged("post_install", "-at_install")
class TestFaultCodeCatalogue(FaultCodeCase):
    """Issue 11: the OEM keeps the catalogue; everyone reads it."""

    def test_dealer_cannot_create_write_or_delete_a_code(self):
        for user in (self.advisor_a, self.manager_a, self.oem_user):
            FaultCode = self.FaultCode.with_user(user)
            with self.subTest(login=user.login):
                count = self.FaultCode.with_context(active_test=False).search_count([])
                with self.assertRaises(AccessError):
                    FaultCode.create({"code": "P0302", "name": "Cylinder 2 misfire"})
                with self.assertRaises(AccessError):
                    self.misfire.with_user(user).write({"name": "Mine now"})
                with self.assertRaises(AccessError):
                    self.misfire.with_user(user).write(
                        {"model_ids": [Command.set(self.suv.ids)]}
                    )
                with self.assertRaises(AccessError):
                    self.squeal.with_user(user).unlink()
                misfire = self._stored(self.misfire)
                self.assertEqual(misfire.name, "Cylinder 3 misfire")
                self.assertEqual(misfire.model_ids, self.sedan)
                self.assertTrue(self.squeal.exists())
                self.assertEqual(
                    self.FaultCode.with_context(active_test=False).search_count([]),
                    count,
                )

    def test_oem_maintains_the_catalogue(self):
        code = self.FaultCode.with_user(self.reviewer).create(
            {"code": " p0302 ", "name": "Cylinder 2 misfire"}
        )
        self.assertEqual(code.code, "P0302", "stored trimmed, in capitals")
        self.assertEqual(code.code_type, "dtc")
        code.with_user(self.reviewer).write(
            {"name": "Cylinder 2 misfire detected", "code": "p0302"}
        )
        self.assertEqual(
            self._stored(code).display_name, "P0302 – Cylinder 2 misfire detected"
        )
        # the reviewer archives a code; only the OEM's manager deletes one
        code.with_user(self.reviewer).active = False
        with self.assertRaises(AccessError):
            code.with_user(self.reviewer).unlink()
        code.with_user(self.oem_manager).unlink()
        self.assertFalse(code.exists())

    def test_one_code_per_type(self):
        for code in ("P0303", "p0303"):
            with (
                self.subTest(code=code),
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.FaultCode.create({"code": code, "name": "Again"})
                self.env.flush_all()
        # the same code may be a symptom code too
        symptom = self.FaultCode.create(
            {"code": "P0303", "name": "Engine shakes", "code_type": "symptom"}
        )
        self.assertEqual(symptom.display_name, "P0303 – Engine shakes")
        message = dict(
            (name, text) for name, _sql, text in self.FaultCode._sql_constraints
        )["code_type_uniq"]
        self.assertIn("in the catalogue already", message)

    def test_everyone_reads_and_finds_codes_by_code(self):
        self.env.flush_all()
        self.env.invalidate_all()
        for user in (self.advisor_a, self.advisor_b, self.oem_user):
            FaultCode = self.FaultCode.with_user(user)
            with self.subTest(login=user.login):
                self.assertEqual(
                    FaultCode.search([("id", "in", self.codes.ids)]), self.codes
                )
                self.assertEqual(
                    self.misfire.with_user(user).display_name,
                    "P0303 – Cylinder 3 misfire",
                )
                for text in ("P0303", "p0303", "misfire"):
                    found = FaultCode.name_search(text)
                    self.assertIn(
                        (self.misfire.id, "P0303 – Cylinder 3 misfire"), found, text
                    )
                    self.assertNotIn(self.squeal.id, [i for i, _name in found])
                found = [i for i, _name in FaultCode.name_search("S-NOISE")]
                self.assertIn(self.squeal.id, found)
                self.assertNotIn(self.misfire.id, found)


@tagged("post_install", "-at_install")
class TestClaimFaultCodes(FaultCodeCase):
    """Issue 11: a claim picks codes of its vehicle's model from the catalogue;
    the free-text notes stay."""

    def test_claim_takes_codes_of_its_model(self):
        claim = self._claim(
            fault_code_ids=[Command.set((self.misfire | self.lost_ecm).ids)],
            fault_codes="P0303, P0300 (read once)",
        )
        claim.with_user(self.advisor_a).fault_code_ids = [Command.link(self.squeal.id)]
        claim = self._stored(claim)
        self.assertEqual(
            claim.fault_code_ids, self.misfire | self.lost_ecm | self.squeal
        )
        self.assertEqual(claim.fault_codes, "P0303, P0300 (read once)")
        suv_claim = self._claim(
            vehicle=self.vehicle_suv,
            fault_code_ids=[Command.set((self.isolation | self.squeal).ids)],
        )
        self.assertEqual(suv_claim.fault_code_ids, self.isolation | self.squeal)

    def test_claim_refuses_a_code_of_another_model(self):
        count = self.Claim.search_count([])
        message = (
            r"fault code P0AA1 – High-voltage contactor stuck is for Test SUV, not "
            r"for the vehicle's Test Sedan"
        )
        with (
            self.assertRaisesRegex(ValidationError, message),
            self.env.cr.savepoint(),
        ):
            self._claim(fault_code_ids=[Command.set(self.isolation.ids)])
        self.assertEqual(self.Claim.search_count([]), count)

        claim = self._claim(fault_code_ids=[Command.set(self.misfire.ids)])
        Claim = claim.with_user(self.advisor_a)
        with (
            self.assertRaisesRegex(ValidationError, message),
            self.env.cr.savepoint(),
        ):
            Claim.write({"fault_code_ids": [Command.link(self.isolation.id)]})
        # nor may the claim move to a vehicle its codes are not for
        with (
            self.assertRaisesRegex(
                ValidationError, "P0303 – Cylinder 3 misfire is for"
            ),
            self.env.cr.savepoint(),
        ):
            Claim.write({"vehicle_id": self.vehicle_suv.id})
        claim = self._stored(claim)
        self.assertEqual(claim.fault_code_ids, self.misfire)
        self.assertEqual(claim.vehicle_id, self.vehicle_a)
        # without the sedan's code, it may
        Claim.write(
            {
                "vehicle_id": self.vehicle_suv.id,
                "fault_code_ids": [Command.set(self.isolation.ids)],
            }
        )
        self.assertEqual(self._stored(claim).model_id, self.suv)

    def test_domain_offers_the_codes_of_the_model(self):
        field = self.Claim._fields["fault_code_ids"]
        for model, expected in (
            (self.sedan, self.misfire | self.lost_ecm | self.squeal),
            (self.suv, self.isolation | self.lost_ecm | self.squeal),
        ):
            with self.subTest(model=model.name):
                domain = safe_eval(field.domain, {"model_id": model.id})
                found = self.FaultCode.with_user(self.advisor_a).search(
                    [*domain, ("id", "in", self.codes.ids)]
                )
                self.assertEqual(found, expected)
        # the form sends the domain with the claim's model
        arch = self.Claim.with_user(self.advisor_a).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn('name="fault_code_ids"', arch)
        self.assertIn('name="model_id"', arch)

    def test_archived_code_is_not_offered(self):
        self.squeal.active = False
        domain = safe_eval(
            self.Claim._fields["fault_code_ids"].domain, {"model_id": self.sedan.id}
        )
        found = self.FaultCode.with_user(self.advisor_a).search(
            [*domain, ("id", "in", self.codes.ids)]
        )
        self.assertEqual(found, self.misfire | self.lost_ecm)

    def test_codes_locked_once_submitted(self):
        claim = self._submitted(fault_code_ids=[Command.set(self.misfire.ids)])
        for user in (self.advisor_a, self.manager_a):
            with (
                self.subTest(login=user.login),
                self.assertRaisesRegex(UserError, "Only draft claims can be changed"),
                self.env.cr.savepoint(),
            ):
                claim.with_user(user).write(
                    {"fault_code_ids": [Command.link(self.lost_ecm.id)]}
                )
        self.assertEqual(self._stored(claim).fault_code_ids, self.misfire)

    def test_dealer_reads_only_its_own_claims_codes(self):
        claim_b = self._claim(
            user=self.advisor_b,
            vehicle=self.vehicle_b,
            fault_code_ids=[Command.set(self.misfire.ids)],
        )
        self.env.flush_all()
        self.env.invalidate_all()
        Claim = self.Claim.with_user(self.advisor_a)
        self.assertFalse(Claim.search([("fault_code_ids", "in", self.misfire.ids)]))
        with self.assertRaises(AccessError):
            claim_b.with_user(self.advisor_a).read(["fault_code_ids"])
        claim_a = self._claim(fault_code_ids=[Command.set(self.misfire.ids)])
        self.assertEqual(
            Claim.search([("fault_code_ids", "in", self.misfire.ids)]), claim_a
        )

    def test_printed_claim_shows_codes_and_notes(self):
        claim = self._submitted(
            fault_code_ids=[Command.set((self.misfire | self.squeal).ids)],
            symptom_code="Shakes at idle",
            fault_codes="P0300",
        )
        html = self._render(
            "autocrm_warranty.report_warranty_claim", claim, self.advisor_a
        )
        for text in (
            "Fault Codes",
            "P0303 – Cylinder 3 misfire",
            "S-NOISE-DOOR – Door rattle",
            "Symptom / DTC Notes",
            "Shakes at idle",
            "P0300",
        ):
            self.assertIn(text, html)


@tagged("post_install", "-at_install")
class TestFaultCodeAnalysis(FaultCodeCase):
    """Issue 11: the failure and early-warning analyses by fault code, figures
    worked out by hand.

    Seven sedans are sold: vehicles A and B (no production date) and five built
    for the test, one in a quiet production month and four six months later. The
    submitted claims name:

    ============  ===========  ===========  ===================
    code          quiet month  busy month   no production date
    ============  ===========  ===========  ===================
    P0303         1            4            1 (vehicle A)
    S-NOISE-DOOR  1                         1 (vehicle B)
    U0121                      1
    ============  ===========  ===========  ===================

    A draft claim (U0121) and a rejected one (S-NOISE-DOOR) do not count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # months counted back from today: the figures are the same on any day
        cls.quiet_month = cls.today.replace(day=1) - relativedelta(months=10)
        cls.busy_month = cls.quiet_month + relativedelta(months=6)
        cls.vehicles = cls.env["autocrm.vehicle"].create(
            [
                {
                    "vin": vin,
                    "model_id": cls.sedan.id,
                    "production_date": production,
                    "sale_date": cls.today - timedelta(days=30),
                    "selling_dealer_id": cls.dealer_a.id,
                    "dealer_ids": [Command.set(cls.dealer_a.ids)],
                    "partner_id": cls.customer_a.id,
                }
                for vin, production in zip(
                    cls._vins(6)[1:],
                    [cls.quiet_month + timedelta(days=4)]
                    + [cls.busy_month + timedelta(days=9)] * 4,
                    strict=True,
                )
            ]
        )
        quiet, busy = cls.vehicles[0], cls.vehicles[1:]

        def codes(records):
            return [Command.set(records.ids)]

        submitted = cls._claim(
            vehicle=quiet, fault_code_ids=codes(cls.misfire | cls.squeal)
        )
        submitted |= cls._claim(
            vehicle=busy[0], fault_code_ids=codes(cls.misfire | cls.lost_ecm)
        )
        for vehicle in busy[1:]:
            submitted |= cls._claim(vehicle=vehicle, fault_code_ids=codes(cls.misfire))
        submitted |= cls._claim(fault_code_ids=codes(cls.misfire))
        submitted |= cls._claim(
            user=cls.advisor_b, vehicle=cls.vehicle_b, fault_code_ids=codes(cls.squeal)
        )
        rejected = cls._claim(
            vehicle=busy[2], days_ago=1, fault_code_ids=codes(cls.squeal)
        )
        (submitted | rejected).action_submit()
        rejected.with_user(cls.reviewer).rejection_reason = "No defect found."
        rejected.with_user(cls.reviewer).action_reject()
        # a draft counts for nothing
        cls._claim(vehicle=busy[3], fault_code_ids=codes(cls.lost_ecm))
        cls.env.flush_all()
        cls.Report = cls.env["autocrm.warranty.report.fault.code"]
        cls.domain = [
            ("model_id", "=", cls.sedan.id),
            ("fault_code_id", "in", cls.codes.ids),
        ]

    def test_claims_and_failure_rate_per_code_and_month(self):
        rows = self.Report.with_user(self.oem_user).search(self.domain)
        figures = {
            (row.fault_code_id.code, row.production_month): (
                row.claim_count,
                row.vehicle_count,
                round(row.failure_rate, 2),
                row.code_type,
            )
            for row in rows
        }
        self.assertEqual(
            figures,
            {
                ("P0303", self.quiet_month): (1, 7, 142.86, "dtc"),
                ("P0303", self.busy_month): (4, 7, 571.43, "dtc"),
                ("P0303", False): (1, 7, 142.86, "dtc"),
                ("S-NOISE-DOOR", self.quiet_month): (1, 7, 142.86, "symptom"),
                ("S-NOISE-DOOR", False): (1, 7, 142.86, "symptom"),
                ("U0121", self.busy_month): (1, 7, 142.86, "dtc"),
            },
        )

    def test_months_of_a_code_add_up_to_its_failure_rate(self):
        groups = self.Report.with_user(self.oem_user).read_group(
            self.domain,
            ["claim_count:sum", "failure_rate:sum", "vehicle_count:max"],
            ["fault_code_id"],
        )
        totals = {
            self.FaultCode.browse(group["fault_code_id"][0]).code: (
                group["claim_count"],
                round(group["failure_rate"], 2),
                group["vehicle_count"],
            )
            for group in groups
        }
        self.assertEqual(
            totals,
            {
                # 6 claims of 7 vehicles: 6,000 / 7
                "P0303": (6, 857.14, 7),
                "S-NOISE-DOOR": (2, 285.71, 7),
                "U0121": (1, 142.86, 7),
            },
        )

    def test_busy_month_raises_an_alert_for_its_code(self):
        rows = self.Report.with_user(self.oem_user).search(
            [*self.domain, ("fault_code_id", "=", self.misfire.id)]
        )
        by_month = {row.production_month: row for row in rows}
        busy = by_month[self.busy_month]
        # 1 claim in the six months before: 1 / 6 a month, 4 claims are 24 times it
        self.assertAlmostEqual(busy.usual_count, 1 / 6, places=3)
        self.assertAlmostEqual(busy.ratio, 24.0, places=3)
        self.assertTrue(busy.is_alert)
        self.assertFalse(by_month[self.quiet_month].is_alert, "one claim is no alert")
        self.assertFalse(by_month[False].is_alert, "no production month, no alert")
        alerts = self.Report.with_user(self.oem_user).search(
            [*self.domain, ("is_alert", "=", True)]
        )
        self.assertEqual(alerts, busy)

    def test_dealer_does_not_see_the_analysis(self):
        """As the failure and early-warning analyses: the OEM's quality desk
        only."""
        self.env.invalidate_all()
        for user in (self.advisor_a, self.manager_a):
            with self.subTest(login=user.login):
                with self.assertRaises(AccessError):
                    self.Report.with_user(user).search(self.domain)
                with self.assertRaises(AccessError):
                    self.Report.with_user(user).read_group(
                        self.domain, ["claim_count:sum"], ["fault_code_id"]
                    )
        menu = self.env.ref("autocrm_warranty.autocrm_warranty_report_fault_code_menu")
        self.assertNotIn(
            menu.id,
            self.env["ir.ui.menu"].with_user(self.advisor_a)._visible_menu_ids(),
        )
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.oem_user)._visible_menu_ids()
        )
