"""Every module installs cleanly alone and with the others, with demo data and without.

Cleanly: Odoo exits normally, the modules end up installed (with demo data or without,
as asked) and the install log has no line at level WARNING, ERROR or CRITICAL. All
modules together with demo data is what ./bin/autocrm test installs before these tests,
so that case is not repeated here.

The cases, and why no others: each module alone with demo data (its data, demo data
and code need nothing its manifest does not depend on), and all modules without demo
data (no module's data needs demo data). A module alone without demo data would prove
nothing these do not: its data loads in its alone-with-demo case, and without demo
data in the all-modules case. Bridge modules (``auto_install``, such as
autocrm_staff_campaign) are not installed alone: they come with both their modules,
in the all-modules case and in the test database.

To keep this affordable, two template databases are built first with the stock modules
the suite depends on, one with demo data and one without. The autocrm_customer case
installs it on a copy of the one with demo data (CREATE DATABASE ... TEMPLATE); every
other module's case installs on a copy of the autocrm_customer case, as
``click-odoo-initdb`` reuses cached templates: each of those modules depends on
autocrm_customer, whose clean install that case has just proven, so installing it again
for each would prove nothing new. Two cases run at a time.
AUTOCRM_SKIP_INSTALL_MATRIX=1 skips it all.
"""

import os
import subprocess
import time
import unittest
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg2

from .common import (
    MODULES,
    log_file,
    manifest,
    odoo_command,
    pg_execute,
    problem_lines,
    requires_test_db,
)

PREFIX = f"autocrm_install_{uuid.uuid4().hex[:8]}"


def with_demo(demo):
    return "with_demo" if demo else "without_demo"


@dataclass(frozen=True)
class Case:
    name: str
    modules: tuple
    demo: bool


BASE_MODULE = "autocrm_customer"  # every other module depends on it
BASE_CASE = Case(f"{BASE_MODULE}_with_demo", (BASE_MODULE,), True)
# the base case first (the others with demo data start from its database), then in
# the order the tests run, so that each test waits for its own case only
CASES = [
    BASE_CASE,
    Case("all_without_demo", tuple(MODULES), False),
    *(
        Case(f"{module}_with_demo", (module,), True)
        for module in MODULES
        if module != BASE_MODULE and not manifest(module).get("auto_install")
    ),
]


def run_odoo(db, demo, *args):
    """Run Odoo on ``db`` until it stops, logging to AUTOCRM_LOG_DIR.

    Return its exit code and the path of its log.
    """
    logfile = log_file(f"{db}.log")
    demo_args = [] if demo else ["--without-demo=all"]
    with open(logfile, "w") as log:
        proc = subprocess.run(
            odoo_command(db, *demo_args, *args, "--stop-after-init"),
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return proc.returncode, logfile


def drop_databases(names, attempts=20):
    """Drop the cases' databases. WITH (FORCE) ends the connections left on them,
    but not an autovacuum worker on a database just filled (ending one takes a
    superuser, which the test role is not): such a worker is done in moments, so
    the drop is tried again."""
    for name in names:
        for attempt in range(attempts):
            try:
                pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                break
            except psycopg2.errors.InsufficientPrivilege:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.5)


@requires_test_db
@unittest.skipIf(
    os.environ.get("AUTOCRM_SKIP_INSTALL_MATRIX") == "1",
    "AUTOCRM_SKIP_INSTALL_MATRIX=1 skips the install matrix",
)
class TestInstall(unittest.TestCase):
    """One test per case: its modules install cleanly on a fresh database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.databases = []
        cls.addClassCleanup(drop_databases, cls.databases)
        cls.pool = ThreadPoolExecutor(max_workers=2)  # 2 cores: two cases at a time
        cls.addClassCleanup(cls.pool.shutdown, cancel_futures=True)

        depends = {dep for module in MODULES for dep in manifest(module)["depends"]}
        stock = ",".join(
            sorted(dep for dep in depends if not dep.startswith("autocrm_"))
        )
        cls.templates = {
            demo: f"{PREFIX}_template_{with_demo(demo)}" for demo in (True, False)
        }
        cls.databases += cls.templates.values()
        # With Chinese loaded, each case also loads the modules' zh_CN.po: a
        # translation problem logs a warning and fails the case.
        builds = [
            cls.pool.submit(run_odoo, db, demo, "-i", stock, "--load-language", "zh_CN")
            for demo, db in cls.templates.items()
        ]
        for build in builds:
            returncode, logfile = build.result()
            if returncode:
                raise RuntimeError(
                    f"template not built, Odoo exited {returncode}: {logfile}"
                )
        cls.results = {}
        for case in CASES:  # the base cases first: the others wait for them
            cls.results[case] = cls.pool.submit(cls.install, case)

    @classmethod
    def install(cls, case):
        """Install ``case`` on a copy of its template: exit code, log, module
        states. The template of the base case and of the all-modules case is the
        stock modules' one; that of the others, the database of the base case, once
        it installed cleanly."""
        db = f"{PREFIX}_{case.name}"
        cls.databases.append(db)
        template = cls.templates[case.demo]
        if case.demo and case != BASE_CASE:
            returncode, logfile, states = cls.results[BASE_CASE].result()
            if returncode or states.get(BASE_MODULE, (None,))[0] != "installed":
                raise RuntimeError(f"{BASE_CASE.name} did not install, see {logfile}")
            template = f"{PREFIX}_{BASE_CASE.name}"
        pg_execute(f'CREATE DATABASE "{db}" TEMPLATE "{template}"')
        returncode, logfile = run_odoo(db, case.demo, "-i", ",".join(case.modules))
        rows = pg_execute(
            "SELECT name, state, demo FROM ir_module_module WHERE name = ANY(%s)",
            [list(case.modules)],
            dbname=db,
        )
        return returncode, logfile, {name: (state, demo) for name, state, demo in rows}

    def assert_installs_cleanly(self, case):
        returncode, logfile, states = self.results[case].result()
        if problems := problem_lines(logfile.read_text()):
            self.fail("\n".join([f"{logfile} has problems:", *problems]))
        self.assertEqual(returncode, 0, f"Odoo failed, see {logfile}")
        expected = {module: ("installed", case.demo) for module in case.modules}
        self.assertEqual(states, expected, f"(state, demo) of modules; see {logfile}")


def case_test(case):
    def test(self):
        self.assert_installs_cleanly(case)

    modules = ", ".join(case.modules)
    demo = with_demo(case.demo).replace("_", " ")
    test.__doc__ = f"Installing {modules} {demo} data logs no warning or error."
    return test


for case in CASES:
    setattr(TestInstall, f"test_{case.name}", case_test(case))
