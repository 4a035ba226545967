from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user
from odoo.tests.common import TransactionCase

# Valid VINs (check digit at position 9; model year R = 2024 and S = 2025 at
# position 10), none of them in the demo data
VIN_A = "LTEA1B2C0RD000123"
VIN_B = "LTEX9K8M1SD765432"


# ISO 3779 / GB 16735 check digit: value of each character, weight of each position
VIN_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def make_vin(serial, prefix="LTES1A2B", plant="D"):
    """A valid VIN: ``prefix`` (8 characters: maker and vehicle), the check digit,
    model year S (2025), ``plant`` and the 6-digit ``serial``. Each test module
    takes its own prefix, so that its VINs are no other module's nor the demo
    data's."""
    vin = f"{prefix}0S{plant}{serial:06d}"
    weighted = zip(vin, VIN_WEIGHTS, strict=True)
    remainder = sum(VIN_VALUES[char] * weight for char, weight in weighted) % 11
    return f"{vin[:8]}{'X' if remainder == 10 else remainder}{vin[9:]}"


class SettingsMixin:
    """The administrator saving *Settings* (``_save``), and the system parameters
    they are stored in (``Params``); before a test case class in the bases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.Settings = cls.env["res.config.settings"].with_user(cls.admin)
        cls.Params = cls.env["ir.config_parameter"].sudo()

    def _save(self, **values):
        return self.Settings.create(values).execute()


class AutocrmCase(TransactionCase):
    """Two dealerships, each with a service advisor and a customer, an OEM user,
    and a vehicle sold by dealer A to its customer.

    ``today`` is dealer A's day (Asia/Shanghai, the default time zone of a
    dealership), the day the code's rules use. The clock stands still at the
    moment the class starts (``./bin/autocrm test --today`` chooses it), so that a
    class running across a midnight, the dealership's or UTC's, sees one day; the
    tours (HttpCase), which need a running clock, are not frozen."""

    @classmethod
    def setUpClass(cls):
        if not issubclass(cls, HttpCase):
            cls.freeze_time = fields.Datetime.now()
        super().setUpClass()
        cls.oem = cls.env.ref("base.main_company")
        cls.dealer_a, cls.dealer_b = cls.env["res.company"].create(
            [
                {
                    "name": "Dealer A",
                    "autocrm_role": "dealer",
                    "dealer_code": "TA01",
                    "dealer_grade": "A",
                },
                {
                    "name": "Dealer B",
                    "autocrm_role": "dealer",
                    "dealer_code": "TB01",
                    "dealer_grade": "C",
                },
            ]
        )
        cls.today = cls.dealer_a._autocrm_today()
        cls.advisor_a = cls._dealer_user("advisor_a", cls.dealer_a)
        cls.advisor_b = cls._dealer_user("advisor_b", cls.dealer_b)
        cls.manager_a = cls._dealer_user(
            "manager_a", cls.dealer_a, "autocrm_customer.group_dealer_manager"
        )
        cls.oem_user = new_test_user(
            cls.env,
            login="oem_user",
            groups="autocrm_customer.group_oem_user",
            company_id=cls.oem.id,
            company_ids=(cls.oem | cls.dealer_a | cls.dealer_b).ids,
        )
        cls.customer_a, cls.customer_b = cls.env["res.partner"].create(
            [
                {
                    "name": "Customer A",
                    "company_id": cls.dealer_a.id,
                    "phone": "13900000001",
                },
                {
                    "name": "Customer B",
                    "company_id": cls.dealer_b.id,
                    "phone": "13900000002",
                },
            ]
        )

        cls.sedan = cls.env["product.product"].create(
            {
                "name": "Test Sedan",
                "autocrm_is_vehicle_model": True,
                "autocrm_service_interval_km": 10000,
                "autocrm_service_interval_months": 12,
            }
        )
        cls.vehicle_a = cls.env["autocrm.vehicle"].create(
            {
                "vin": VIN_A,
                "license_plate": "京A·00001",
                "model_id": cls.sedan.id,
                "sale_date": "2025-01-01",
                "selling_dealer_id": cls.dealer_a.id,
                "dealer_ids": [Command.set(cls.dealer_a.ids)],
                "partner_id": cls.customer_a.id,
            }
        )

    @classmethod
    def _dealer_user(cls, login, dealer, groups="autocrm_customer.group_dealer_user"):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=dealer.id,
            company_ids=dealer.ids,
        )
