from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class FirstScreenCase(HttpCase):
    """A demo user logs in through the login page, in Chinese, and lands on their
    own work (``static/tests/tours/autocrm_first_screen_tour.js``)."""

    def assertFirstScreen(self, tour, login):
        self.assertTrue(
            self.env["res.lang"]._lang_get("zh_CN"),
            "The suite's databases load Chinese before the modules: "
            "./bin/autocrm test does.",
        )
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"the demo user {login} is missing")
        user.lang = "zh_CN"
        self.start_tour("/web/login", tour)
