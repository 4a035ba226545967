"""The database ``./bin/autocrm`` makes speaks Chinese as well as English.

``run`` and ``test`` create their database by the same steps (``database_steps`` in
bin/autocrm): the test database is the proof for both. A language loaded only after
the modules are installed translates base's records alone (Odoo loads languages
before the registry holds the other modules' models), so each table below would hold
English names only.
"""

import re
import unittest
from collections import defaultdict

from .common import ROOT, TEST_DB, pg_execute, requires_test_db


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


# Deliberate exceptions to docs/GLOSSARY.md, each with its reason.
ALLOWED_DIFFERENT = {
    # msgid: why two modules translate it differently (two concepts, one English word)
    "<span> days</span>": "the end of three different sentences of the settings",
    "Answer": "a survey's answer sheet (答卷) and an appraisal's answers (答案)",
    "New": "a stage or state (新建) and a new customer of a swing (新增)",
    "Open": "a recall or a period that runs (进行中, 开启), the filter of "
    "complaints not closed (未结) and the button that opens a record (打开)",
    "Overdue": "a complaint handled late is 超时 (REQUIREMENTS: 是否超时处理)",
    "Received": "when a complaint came in (接收时间) and a return's state (已接收)",
    "Results": "a campaign's results (结果) and an appraisal's (业绩, REQUIREMENTS)",
    "Reviewer": "who reviews a claim (审核员) and who rates a colleague (评价人)",
    "Step": "a survey's step (环节) and a complaint's phase (处理步骤)",
}
ALLOWED_WITHOUT_TERM = {
    # (msgid, glossary English): why its msgstr goes without the glossary's term
    ("<span>Claims above </span>", "claim"): "sentence fragment: 金额超过 …",
    ("<span>Create the follow-ups due in the last </span>", "follow-up"): "fragment",
    ("<span>Call the customers lapsed in the last </span>", "customer"): "fragment",
    ("Warranty Expired", "warranty"): "已过保 is the Chinese for it",
    ("Visits per Vehicle (12 months)", "visit"): "REQUIREMENTS: 回店频次",
    ("Visits per Vehicle (12 months)", "vehicle"): "REQUIREMENTS: 回店频次",
    ("C - Satisfactory", "satisfaction"): "a grade: 合格",
    (
        "Thank you for your visit to our workshop. Six short questions about the "
        "service help us serve you better.",
        "visit",
    ): "a courtesy to the customer: 感谢您光临",
    ("81 %: a promise (time, price, call-back) was broken.", "call-back"): (
        "a call the dealer promised (回电), not the OEM's call-back"
    ),
    ("86 %: the customer's words were not heard.", "customer's words"): (
        "the complaint category 未倾听客户, not the field"
    ),
    ("e.g. complaints-bj01", "complaint"): "an example of an e-mail alias",
    (
        "Follow-up plan: follow-ups done. Activity plan: customers reached in care "
        "activities. Service plan: vehicles received (进场台次) and service revenue.",
        "vehicle",
    ): "REQUIREMENTS: 进场台次",
}
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>")


def po_entries(path):
    """[(msgid, msgstr)] of a .po file, without the header, obsolete and fuzzy
    entries (a small reader: the suite's tests do not depend on polib)."""
    entries, msgid, msgstr, fuzzy, current = [], None, None, False, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, current = [line[6:]], "id"
        elif line.startswith("msgstr "):
            msgstr, current = [line[7:]], "str"
        elif line.startswith('"'):
            (msgid if current == "id" else msgstr).append(line)
        elif not line.strip():
            if msgid is not None and msgstr is not None and not fuzzy:
                entries.append((_unquote(msgid), _unquote(msgstr)))
            msgid, msgstr, fuzzy, current = None, None, False, None
    return [(i, s) for i, s in entries if i and s]


def _unquote(parts):
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    text = "".join(part.strip()[1:-1] for part in parts)
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text)


def glossary_checks():
    """[(English form, regex, Chinese term)] of the rows of docs/GLOSSARY.md that
    have a check."""
    text = (ROOT / "docs" / "GLOSSARY.md").read_text(encoding="utf-8")
    checks = []
    for line in text.split("## Terms", 1)[1].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[2] or set(cells[2]) <= set("-: "):
            continue
        if cells[2] == "check":
            continue
        english = re.sub(r"\(.*?\)", "", cells[0])
        for form in filter(None, (f.strip() for f in english.split(","))):
            pattern = r"\s+".join(
                re.escape(word).replace(r"\-", "-?") for word in form.split()
            )
            pattern = re.sub(r"y$", "(?:y|ies)", pattern)
            regex = re.compile(rf"\b{pattern}(?:s|es)?\b", re.IGNORECASE)
            checks.append((form, regex, cells[2]))
    return checks


class TestGlossary(unittest.TestCase):
    """The modules' zh_CN.po files follow docs/GLOSSARY.md (no database needed)."""

    @classmethod
    def setUpClass(cls):
        cls.catalogues = {
            path.parent.parent.name: po_entries(path)
            for path in sorted((ROOT / "addons").glob("*/i18n/zh_CN.po"))
        }

    def test_one_msgid_one_translation(self):
        translations = defaultdict(dict)
        for module, entries in self.catalogues.items():
            for msgid, msgstr in entries:
                translations[msgid][module] = msgstr
        different = {
            msgid: by_module
            for msgid, by_module in translations.items()
            if len(set(by_module.values())) > 1 and msgid not in ALLOWED_DIFFERENT
        }
        self.assertEqual(different, {}, "translate each the same way in every module")

    def test_glossary_terms_are_used(self):
        checks = glossary_checks()
        self.assertGreater(len(checks), 40, "the glossary's table was not read")
        missing = []
        for module, entries in self.catalogues.items():
            for msgid, msgstr in entries:
                english = PLACEHOLDER_RE.sub(" ", msgid)
                for form, regex, chinese in checks:
                    if (
                        regex.search(english)
                        and chinese not in msgstr
                        and (msgid, form) not in ALLOWED_WITHOUT_TERM
                    ):
                        missing.append(f"{module}: {msgid!r} needs {chinese} ({form})")
        self.assertEqual(missing, [], "\n".join(missing))


if __name__ == "__main__":
    unittest.main()
