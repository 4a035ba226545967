from .first_screen import FirstScreenCase


class TestFirstScreens(FirstScreenCase):
    """Dealer staff land on their follow-ups."""

    def test_dealer_advisor(self):
        self.assertFirstScreen("autocrm_first_screen_advisor", "bj01.advisor")

    def test_dealer_manager(self):
        self.assertFirstScreen("autocrm_first_screen_manager", "bj01.manager")
