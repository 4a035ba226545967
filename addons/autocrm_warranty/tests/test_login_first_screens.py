from odoo.addons.autocrm_customer.tests.first_screen import FirstScreenCase


class TestFirstScreens(FirstScreenCase):
    def test_claims_reviewer(self):
        """The OEM's claims centre lands on the claims waiting for review."""
        self.assertFirstScreen("autocrm_first_screen_reviewer", "oem.claims")

    def test_oem_manager(self):
        """The OEM's after-sales manager lands on the network's claims analysis."""
        self.assertFirstScreen("autocrm_first_screen_oem_manager", "oem.manager")
