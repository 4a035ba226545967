from odoo.addons.autocrm_customer.tests.first_screen import FirstScreenCase


class TestFirstScreens(FirstScreenCase):
    def test_dealer_hr(self):
        """A dealership's HR officer lands on the appraisals they run."""
        self.assertFirstScreen("autocrm_first_screen_hr", "bj01.hr")
