"""A database of an older AutoCRM keeps its data through an upgrade (#12).

The add-ons of BEFORE_OWNERSHIP (the commit of ``main`` before each module came to
own its concepts: the follow-up types "After Complaint" and "OEM Call-back", the
follow-up's "customer paid", the customer log's kinds complaint, warranty claim and
campaign response) are taken from this clone's own history (``git archive``). The
modules that own those concepts are installed from them with demo data; one OEM
call-back gets a customer who paid through the ORM, so that the field also has a
tracking value. Then the database is upgraded with this tree's add-ons (``-u
autocrm_customer``, see UPGRADE), and the follow-ups per type, the claims per
state, the follow-ups whose customer paid, the customer log's rows per kind and the
tracking of "customer paid" must be what they were; each moved selection value and
field must belong to its new module alone (so that uninstalling that module removes
them), and the upgrade must log no warning or error.

Only the modules concerned are installed (not autocrm_staff, no generated demo
network, no languages) to keep it short. It needs the clone's history: a shallow
clone fails this test (``git fetch --unshallow``).
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import unittest
import uuid
from io import BytesIO
from pathlib import Path

from .common import (
    ROOT,
    log_file,
    odoo_command,
    pg_execute,
    problem_lines,
    requires_test_db,
)

BEFORE_OWNERSHIP = "1cbc68563de276ec8025f2d75622959ef673a688"
MODULES = ("autocrm_complaint", "autocrm_warranty", "autocrm_campaign")
# the customer log's kinds that moved, and the module each belongs to now
KINDS = {
    "complaint": "autocrm_complaint",
    "claim": "autocrm_warranty",
    "campaign": "autocrm_campaign",
}
# What ``-u`` is given. Odoo upgrades the modules depending on the ones named too:
# autocrm_customer upgrades every AutoCRM module, which is what ``-u all`` does to
# them (the stock modules are the same in both trees) in a third of the time.
# AUTOCRM_UPGRADE=all runs ``-u all`` itself.
UPGRADE = os.environ.get("AUTOCRM_UPGRADE", "autocrm_customer")
DB = f"autocrm_upgrade_{uuid.uuid4().hex[:8]}"

# Run in ``odoo shell`` on the old tree and on the new one: only what both have.
SNAPSHOT = """
import json
Followup = env["autocrm.followup"]
Log = env["autocrm.customer.log"]
paid_field = env["ir.model.fields"]._get("autocrm.followup", "customer_paid")
snapshot = {
    "followups": dict(Followup._read_group([], ["followup_type"], ["__count"])),
    "claims": dict(
        env["autocrm.warranty.claim"]._read_group([], ["state"], ["__count"])
    ),
    "customer_paid": Followup.search([("customer_paid", "=", True)]).ids,
    "log": dict(Log._read_group([], ["kind"], ["__count"])),
    "log_rows": sorted(
        [row.kind, row.res_model, row.res_id, str(row.date)]
        for row in Log.search([])
    ),
    "paid_tracking": env["mail.tracking.value"].search_count(
        [("field_id", "=", paid_field.id)]
    ),
}
print("SNAPSHOT " + json.dumps(snapshot, sort_keys=True))
"""

# An OEM call-back whose customer says they paid, entered as a user would: the
# demo's call-backs are closed (locked) or not yet reached.
CUSTOMER_PAID = """
Followup = env["autocrm.followup"]
demo_callback = Followup.search([("followup_type", "=", "oem_callback")], limit=1)
assert demo_callback, "the demo data has no OEM call-back"
callback = Followup.create(
    {
        "followup_type": "oem_callback",
        "partner_id": demo_callback.partner_id.id,
        "vehicle_id": demo_callback.vehicle_id.id,
        "company_id": demo_callback.company_id.id,
        "user_id": demo_callback.user_id.id,
        "due_date": demo_callback.due_date,
    }
)
env.cr.commit()  # written after its creation, the answer is tracked
callback.write({"reached": True, "satisfaction": "3", "customer_paid": True})
env.cr.commit()
"""

# What the moved concepts' rows in ir_model_data belong to after the upgrade.
OWNERS = """
SELECT 'selection ' || f.model || '.' || f.name || ' ' || s.value,
       array_agg(DISTINCT d.module ORDER BY d.module)
  FROM ir_model_fields_selection s
  JOIN ir_model_fields f ON f.id = s.field_id
  JOIN ir_model_data d ON d.model = 'ir.model.fields.selection' AND d.res_id = s.id
 WHERE (f.model, f.name) IN (('autocrm.followup', 'followup_type'),
                             ('autocrm.customer.log', 'kind'))
 GROUP BY 1
 UNION ALL
SELECT 'field ' || f.model || '.' || f.name,
       array_agg(DISTINCT d.module ORDER BY d.module)
  FROM ir_model_fields f
  JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
 WHERE f.model = 'autocrm.followup' AND f.name = 'customer_paid'
 GROUP BY 1
"""


def run(cmd, logname, stdin=None):
    """Run ``cmd`` with its output in the log ``logname``; return the output."""
    proc = subprocess.run(
        cmd, input=stdin, capture_output=True, text=True, check=False, cwd=ROOT
    )
    output = proc.stdout + proc.stderr
    logfile = log_file(logname)
    logfile.write_text(output)
    if proc.returncode:
        raise AssertionError(f"Odoo exited {proc.returncode}, see {logfile}")
    return output


def odoo(addons, *args):
    """The Odoo command on the test database with the suite's add-ons in
    ``addons`` instead of this tree's."""
    cmd = odoo_command(DB, *args)
    index = cmd.index("--addons-path") + 1
    cmd[index] = cmd[index].replace(str(ROOT / "addons"), str(addons))
    return cmd


def shell(addons, code, logname):
    """Run ``code`` in ``odoo shell`` on the test database with ``addons``."""
    cmd = odoo(addons, "--no-http")
    cmd.insert(cmd.index("odoo") + 1, "shell")
    return run(cmd, logname, stdin=code)


def snapshot(addons, logname):
    output = shell(addons, SNAPSHOT, logname)
    line = next(ln for ln in output.splitlines() if ln.startswith("SNAPSHOT "))
    return json.loads(line.removeprefix("SNAPSHOT "))


@requires_test_db
class TestUpgrade(unittest.TestCase):
    """An older database upgraded with these add-ons keeps its data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tmp = Path(tempfile.mkdtemp(prefix="autocrm_upgrade_"))
        cls.addClassCleanup(shutil.rmtree, tmp, ignore_errors=True)
        archive = subprocess.run(
            ["git", "archive", BEFORE_OWNERSHIP, "addons"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if archive.returncode:
            raise AssertionError(
                f"commit {BEFORE_OWNERSHIP} not in this clone's history (a shallow "
                f"clone?): {archive.stderr.decode().strip()}"
            )
        with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        old_addons = tmp / "addons"

        cls.addClassCleanup(pg_execute, f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        run(
            odoo(old_addons, "-i", ",".join(MODULES), "--stop-after-init"),
            f"{DB}-install.log",
        )
        shell(old_addons, CUSTOMER_PAID, f"{DB}-customer-paid.log")
        cls.before = snapshot(old_addons, f"{DB}-before.log")
        cls.upgrade_log = run(
            odoo(ROOT / "addons", "-u", UPGRADE, "--stop-after-init"),
            f"{DB}-upgrade.log",
        )
        cls.after = snapshot(ROOT / "addons", f"{DB}-after.log")
        cls.owners = dict(pg_execute(OWNERS, dbname=DB))

    def test_upgrade_logs_no_warning(self):
        """The upgrade logs no warning or error."""
        self.assertEqual(problem_lines(self.upgrade_log), [])

    def test_followups_keep_their_types(self):
        """The follow-ups per type are the same, each moved type among them."""
        self.assertEqual(self.after["followups"], self.before["followups"])
        self.assertGreater(self.before["followups"].get("complaint", 0), 0)
        self.assertGreater(self.before["followups"].get("oem_callback", 0), 0)

    def test_claims_are_kept(self):
        self.assertEqual(self.after["claims"], self.before["claims"])
        self.assertTrue(self.before["claims"])

    def test_customer_paid_is_kept(self):
        """Who paid, and the tracking of the answer, are the same."""
        self.assertEqual(self.after["customer_paid"], self.before["customer_paid"])
        self.assertEqual(len(self.before["customer_paid"]), 1)
        self.assertEqual(self.after["paid_tracking"], self.before["paid_tracking"])
        self.assertGreater(self.before["paid_tracking"], 0)

    def test_customer_log_keeps_its_rows(self):
        """The customer log's rows per kind and each row's source are the same."""
        self.assertEqual(self.after["log"], self.before["log"])
        self.assertEqual(set(self.before["log"]), {"visit", "followup", *KINDS})
        self.assertEqual(self.after["log_rows"], self.before["log_rows"])

    def test_moved_concepts_belong_to_their_modules(self):
        """Each moved selection value and field is its module's alone, so that
        uninstalling that module removes it, and the base module keeps its own."""
        expected = {
            "selection autocrm.followup.followup_type complaint": ["autocrm_complaint"],
            "selection autocrm.followup.followup_type oem_callback": [
                "autocrm_warranty"
            ],
            "selection autocrm.followup.followup_type post_service": [
                "autocrm_customer"
            ],
            "field autocrm.followup.customer_paid": ["autocrm_warranty"],
            **{
                f"selection autocrm.customer.log.kind {kind}": [module]
                for kind, module in KINDS.items()
            },
            "selection autocrm.customer.log.kind visit": ["autocrm_customer"],
        }
        self.assertEqual(
            {key: self.owners.get(key) for key in expected},
            expected,
        )
