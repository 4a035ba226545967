"""Shared helpers of the suite-level tests.

``./bin/autocrm test`` installs every module with demo data into a fresh database, then
runs these tests with the connection in the environment: AUTOCRM_TEST_DB (that database,
to be used read-only), AUTOCRM_DB_HOST, AUTOCRM_DB_PORT, AUTOCRM_DB_USER,
AUTOCRM_DB_PASSWORD, AUTOCRM_ADDONS_PATH and AUTOCRM_LOG_DIR. Without AUTOCRM_TEST_DB
the tests skip.
"""

import ast
import os
import re
import subprocess
import sys
import unittest
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py")
)
TEST_DB = os.environ.get("AUTOCRM_TEST_DB")

requires_test_db = unittest.skipUnless(
    TEST_DB,
    "AUTOCRM_TEST_DB is not set: run the suite-level tests with ./bin/autocrm test",
)

# Odoo's log line: "2026-11-23 15:14:08,468 3229 WARNING dbname logger: message"
PROBLEM_LINE_RE = re.compile(r"^\S+ \S+ \d+ (?:WARNING|ERROR|CRITICAL) ")


def manifest(module):
    """The ``__manifest__.py`` of one of the suite's modules, as a dict."""
    return ast.literal_eval((ROOT / "addons" / module / "__manifest__.py").read_text())


def odoo_command(db, *args):
    """The command line running Odoo on ``db`` with the suite's add-ons and database."""
    env = os.environ
    cmd = [sys.executable, "-m", "odoo", "-c", str(ROOT / "odoo.conf"), "-d", db]
    cmd += ["--addons-path", env["AUTOCRM_ADDONS_PATH"], "-r", env["AUTOCRM_DB_USER"]]
    cmd += ["--db_host", env["AUTOCRM_DB_HOST"], "--db_port", env["AUTOCRM_DB_PORT"]]
    if env.get("AUTOCRM_DB_PASSWORD"):
        cmd += ["-w", env["AUTOCRM_DB_PASSWORD"]]
    return [*cmd, *args]


def pg_execute(query, params=None, dbname="postgres"):
    """Run one SQL statement on ``dbname`` of the test cluster; return its rows."""
    conn = psycopg2.connect(
        dbname=dbname,
        host=os.environ["AUTOCRM_DB_HOST"],
        port=os.environ["AUTOCRM_DB_PORT"],
        user=os.environ["AUTOCRM_DB_USER"],
        password=os.environ.get("AUTOCRM_DB_PASSWORD", ""),
    )
    conn.autocommit = True  # CREATE and DROP DATABASE refuse to run in a transaction
    try:
        with conn.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else []
    finally:
        conn.close()


def log_file(name):
    """The path of the log ``name`` in AUTOCRM_LOG_DIR (created if need be)."""
    logdir = Path(os.environ["AUTOCRM_LOG_DIR"])
    logdir.mkdir(parents=True, exist_ok=True)
    return logdir / name


def problem_lines(text):
    """The records of an Odoo log at level WARNING, ERROR or CRITICAL, as OCA's
    checklog-odoo finds them (the first line of each)."""
    proc = subprocess.run(
        [sys.executable, "-m", "checklog_odoo", "--no-echo", "--no-err-if-empty", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 0:
        return []
    out = proc.stdout.split("errors that caused failure", 1)[-1]
    return [line for line in out.splitlines() if PROBLEM_LINE_RE.match(line)] or [
        proc.stdout.strip() or proc.stderr.strip()
    ]
