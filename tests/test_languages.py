"""The database ``./bin/autocrm`` makes speaks Chinese as well as English.

``run`` and ``test`` create their database by the same steps (``database_steps`` in
bin/autocrm): the test database is the proof for both. A language loaded only after
the modules are installed translates base's records alone (Odoo loads languages
before the registry holds the other modules' models), so each table below would hold
English names only.
"""

import unittest

from .common import TEST_DB, pg_execute, requires_test_db


def names(table, where="TRUE"):
    """{English name: Chinese name} of the rows of ``table`` (made by data files)."""
    rows = pg_execute(
        f"SELECT name->>'en_US', name->>'zh_CN' FROM {table} WHERE {where}",
        dbname=TEST_DB,
    )
    return dict(rows)


@requires_test_db
class TestLanguages(unittest.TestCase):
    def test_english_and_chinese_are_active(self):
        rows = pg_execute("SELECT code FROM res_lang WHERE active", dbname=TEST_DB)
        self.assertEqual({code for (code,) in rows}, {"en_US", "zh_CN"})
        [(lang,)] = pg_execute(
            "SELECT p.lang FROM res_users u JOIN res_partner p ON p.id = u.partner_id"
            " WHERE u.login = 'admin'",
            dbname=TEST_DB,
        )
        self.assertEqual(lang, "en_US", "English stays the administrator's language")

    def test_suite_records_have_their_chinese_names(self):
        stages = names("autocrm_complaint_stage")
        self.assertEqual(stages["New"], "新建")
        self.assertEqual(stages["Acknowledged"], "已受理")
        self.assertEqual(stages["Closed"], "已关闭")
        categories = names("autocrm_complaint_category")
        self.assertEqual(len(categories), 9)
        self.assertNotIn(None, categories.values(), categories)
        self.assertEqual(categories["Not listened to"], "未倾听客户")
        activity_types = names(
            "mail_activity_type",
            "id IN (SELECT res_id FROM ir_model_data WHERE model = 'mail.activity.type'"
            " AND module LIKE 'autocrm%%')",
        )
        self.assertEqual(len(activity_types), 4, activity_types)
        self.assertNotIn(None, activity_types.values(), activity_types)
        self.assertEqual(activity_types["Follow-up"], "回访")

    def test_first_maintenance_checkboxes_say_different_things(self):
        """The vehicle form shows both: a first-maintenance visit is done
        (autocrm_customer), the free first maintenance is registered for its claim
        (autocrm_warranty)."""
        rows = pg_execute(
            "SELECT name, field_description->>'en_US', field_description->>'zh_CN'"
            " FROM ir_model_fields WHERE model = 'autocrm.vehicle'"
            " AND name IN ('first_maintenance_used', 'first_service_done')",
            dbname=TEST_DB,
        )
        labels = {name: (en, zh) for name, en, zh in rows}
        self.assertEqual(
            labels["first_maintenance_used"],
            ("First Maintenance Visit Done", "首保进厂已完成"),
        )
        self.assertEqual(
            labels["first_service_done"], ("First Maintenance Done", "已登记免费首保")
        )

    def test_no_two_fields_of_a_first_screen_share_a_chinese_label(self):
        """Among the fields the suite adds to the vehicle and the visit."""
        rows = pg_execute(
            "SELECT f.model, f.field_description->>'zh_CN', array_agg(f.name)"
            " FROM ir_model_fields f JOIN ir_model_data d"
            " ON d.model = 'ir.model.fields' AND d.res_id = f.id"
            " AND d.module LIKE 'autocrm%%'"
            " WHERE f.model IN ('autocrm.vehicle', 'repair.order')"
            " GROUP BY 1, 2 HAVING count(DISTINCT f.name) > 1",
            dbname=TEST_DB,
        )
        self.assertEqual(rows, [])

    def test_stock_apps_records_have_their_chinese_names(self):
        """The stock apps the suite runs on (their data is no part of base) too."""
        self.assertEqual(names("crm_stage")["New"], "新建")


if __name__ == "__main__":
    unittest.main()
