"""What a dealer and the OEM see the first time they open each screen.

Every window action of the suite that opens a list, kanban, calendar, pivot or graph
says what the screen is for when it has nothing to show (its ``help``), and the demo
database gives each demo user work in their own follow-ups.
"""

import unittest

from .common import TEST_DB, pg_execute, requires_test_db

# the dealers' staff (the OEM's call-backs go to the OEM's CRM centre, oem.crm)
DEMO_USERS = [
    f"{dealer}.{role}"
    for dealer in ("bj01", "sh02", "gz03", "wh04", "zz05", "cq06")
    for role in ("manager", "advisor")
]


@requires_test_db
class TestFirstScreens(unittest.TestCase):
    def test_every_window_action_says_what_its_screen_is_for(self):
        rows = pg_execute(
            """
            SELECT data.module || '.' || data.name, action.help->>'en_US'
              FROM ir_act_window action
              JOIN ir_model_data data
                ON data.model = 'ir.actions.act_window' AND data.res_id = action.id
             WHERE data.module LIKE 'autocrm%%'
               AND action.view_mode != 'form'
            """,
            dbname=TEST_DB,
        )
        self.assertGreater(len(rows), 40)
        without = {
            xmlid
            for xmlid, text in rows
            if not text or "o_view_nocontent_" not in text or text.count("<p") < 2
        }
        self.assertEqual(without, set())

    def test_every_demo_user_has_follow_ups_planned(self):
        rows = pg_execute(
            """
            SELECT login, count(followup.id)
              FROM res_users users
              LEFT JOIN autocrm_followup followup
                ON followup.user_id = users.id AND followup.state = 'planned'
             WHERE login = ANY(%s)
             GROUP BY login
            """,
            (DEMO_USERS,),
            dbname=TEST_DB,
        )
        self.assertEqual(len(rows), len(DEMO_USERS))
        self.assertEqual({login for login, count in rows if not count}, set())


if __name__ == "__main__":
    unittest.main()
