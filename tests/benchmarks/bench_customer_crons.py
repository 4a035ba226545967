#!/usr/bin/env python3
"""Benchmark autocrm_customer's scheduled actions at scale (run by hand).

    ./bin/autocrm pg start --test
    python3 tests/benchmarks/bench_customer_crons.py --vehicles 100000
    python3 tests/benchmarks/bench_customer_crons.py --vehicles 1000000

Creates (or reuses) the database ``autocrm_bench_<N>`` with autocrm_customer and no demo
data on the project's test cluster, fills it with ``populate.py``, then measures:

1. ``autocrm.followup._cron_followup_generate``: the first run over the backlog (as
   ir.cron runs it: batches until nothing remains), then the daily run;
2. ``res.partner._cron_customer_value``: a first run, then the daily run;
3. a naive per-record ORM loop doing the same work on a sample of vehicles or customers,
   extrapolated to N;
4. the floor: the bare SQL statement doing the same inserts or updates, rolled back.

Each figure comes with its number of SQL queries. Results go to stdout as a Markdown
table for the README.
"""

import argparse
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api, fields  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

from tests.benchmarks.populate import populate  # noqa: E402

ADDONS = ",".join(
    p
    for p in (
        os.path.join(os.path.dirname(odoo.__file__), "addons"),
        os.path.abspath(os.path.join(os.path.dirname(odoo.__file__), "..", "addons")),
        str(ROOT / "addons"),
    )
    if os.path.isdir(p)
)
DB_HOST = os.environ.get("AUTOCRM_DB_HOST", str(ROOT / ".local/pg-test/run"))
DB_PORT = os.environ.get("AUTOCRM_DB_PORT", "54316")
DB_USER = os.environ.get("AUTOCRM_DB_USER", "autocrm")
FOLLOWUP_CRON = "autocrm_customer.ir_cron_followup_generate"
VALUE_CRON = "autocrm_customer.ir_cron_customer_value"


@contextmanager
def measure(rows, label):
    """Time a block and count its queries; append the figures to ``rows``."""
    queries = odoo.sql_db.sql_counter
    start = time.perf_counter()
    result = {}
    yield result
    rows.append(
        (
            label,
            time.perf_counter() - start,
            odoo.sql_db.sql_counter - queries,
            result.get("note", ""),
        )
    )


def ensure_database(db):
    """Install autocrm_customer without demo data into ``db`` unless done before."""
    cmd = [
        sys.executable, "-m", "odoo", "-d", db, "--addons-path", ADDONS,
        "--db_host", DB_HOST, "--db_port", DB_PORT, "-r", DB_USER,
        "-i", "autocrm_customer", "--without-demo=all", "--stop-after-init",
        "--log-level=warn",
    ]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vehicles", type=int, default=100000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    db = args.database or f"autocrm_bench_{args.vehicles}"
    ensure_database(db)
    config.parse_config(
        ["-d", db, "--addons-path", ADDONS, "--db_host", DB_HOST,
         "--db_port", DB_PORT, "-r", DB_USER, "--log-level", "warn"]
    )  # fmt: skip
    registry = odoo.modules.registry.Registry(db)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not env["autocrm.vehicle"].search_count([("vin", "=like", "BM%")], limit=1):
            with measure(rows, f"populate {args.vehicles:,} vehicles") as note:
                note["note"] = str(populate(env, args.vehicles))
            cr.commit()
    bench_followups(registry, rows, args)
    bench_customer_value(registry, rows, args)
    print(f"\n### {args.vehicles:,} vehicles (database {db})\n")
    print("| step | seconds | queries | note |\n| --- | ---: | ---: | --- |")
    for label, seconds, queries, note in rows:
        print(f"| {label} | {seconds:.1f} | {queries:,} | {note} |")


def run_cron_until_done(env, xmlid):
    """Run a scheduled action as an ir.cron worker does: batch after batch, each with
    its progress record and commit, while it reports work remaining."""
    cron = env.ref(xmlid)
    batches = 0
    while True:
        job, progress = cron.with_context(
            cron_id=cron.id, lastcall=cron.lastcall
        )._add_progress()
        job._callback(cron.name, cron.ir_actions_server_id.id)
        env.cr.commit()
        batches += 1
        if not progress.remaining:
            return batches


def bench_followups(registry, rows, args):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Followup = env["autocrm.followup"]
        cr.execute(SQL("DELETE FROM autocrm_followup"))
        cr.commit()
        with measure(rows, "follow-ups: first run over the backlog") as note:
            batches = run_cron_until_done(env, FOLLOWUP_CRON)
            note["note"] = (
                f"{Followup.search_count([]):,} created in {batches} batch(es)"
            )
        with measure(rows, "follow-ups: daily run (nothing new)") as note:
            run_cron_until_done(env, FOLLOWUP_CRON)
            note["note"] = f"{Followup.search_count([]):,} in all"
        # a day's worth: drop today's follow-ups and create them again
        today = fields.Date.today()
        drop_due_today(env, today)
        with measure(rows, "follow-ups: daily run (one day due)") as note:
            before = Followup.search_count([])
            run_cron_until_done(env, FOLLOWUP_CRON)
            daily = Followup.search_count([]) - before
            note["note"] = f"{daily:,} created, with their activities"
        # the naive way: one vehicle after the other through the ORM
        drop_due_today(env, today)
        vehicles = env["autocrm.vehicle"].search(
            [("sale_date", "=", fields.Date.subtract(today, days=7))],
            limit=args.sample,
        )
        with measure(
            rows, f"follow-ups: naive ORM loop, {len(vehicles)} vehicles"
        ) as note:
            for vehicle in vehicles:
                dealer = vehicle.selling_dealer_id
                if Followup.search_count(
                    [
                        ("res_model", "=", "autocrm.vehicle"),
                        ("res_id", "=", vehicle.id),
                        ("followup_type", "=", "post_sale"),
                    ]
                ):
                    continue
                followup = Followup.create(
                    {
                        "partner_id": vehicle.partner_id.id,
                        "vehicle_id": vehicle.id,
                        "company_id": dealer.id,
                        "followup_type": "post_sale",
                        "due_date": today,
                        "res_model": "autocrm.vehicle",
                        "res_id": vehicle.id,
                        "user_id": dealer.autocrm_followup_user_id.id,
                    }
                )
                followup.activity_schedule(
                    "autocrm_customer.mail_activity_type_followup",
                    date_deadline=today,
                    user_id=followup.user_id.id,
                )
            env.flush_all()
            note["note"] = "post_sale only, one by one, activity each"
        cr.rollback()
        # the floor: the same rows by one bare INSERT … SELECT, no activities
        with measure(rows, "follow-ups: floor, bare SQL insert of a day") as note:
            first_due = today
            for followup_type, source in Followup._followup_due_sources(
                first_due, today
            ).items():
                cr.execute(
                    SQL(
                        "INSERT INTO autocrm_followup (followup_type, partner_id, "
                        "vehicle_id, company_id, due_date, res_model, res_id, state) "
                        "SELECT %s, partner_id, vehicle_id, company_id, due_date, "
                        "res_model, res_id, 'planned' FROM (%s) due "
                        "ON CONFLICT DO NOTHING",
                        followup_type,
                        source,
                    )
                )
            note["note"] = "rolled back"
        cr.rollback()


def drop_due_today(env, today):
    followups = env["autocrm.followup"].search([("due_date", "=", today)])
    followups.activity_ids.unlink()
    followups.unlink()
    env.cr.commit()


def bench_customer_value(registry, rows, args):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        with measure(rows, "customer value: first run") as note:
            run_cron_until_done(env, VALUE_CRON)
            cr.execute(
                SQL(
                    "SELECT autocrm_value_tier, count(*) FROM res_partner "
                    "WHERE autocrm_value_tier IS NOT NULL GROUP BY 1 ORDER BY 1"
                )
            )
            note["note"] = ", ".join(f"{t}: {n:,}" for t, n in cr.fetchall())
        with measure(rows, "customer value: daily run") as note:
            run_cron_until_done(env, VALUE_CRON)
        partners = env["res.partner"].search(
            [("name", "=like", "Bench Owner %")], limit=args.sample
        )
        with measure(
            rows, f"customer value: naive ORM loop, {len(partners)} customers"
        ):
            since = fields.Date.subtract(fields.Date.today(), months=12)
            for partner in partners:
                visits = env["repair.order"].search(
                    [
                        ("partner_id", "=", partner.id),
                        ("state", "=", "done"),
                        ("visit_date", ">=", since),
                    ]
                )
                partner.write(
                    {
                        "autocrm_visit_count": len(visits),
                        "autocrm_revenue_12m": sum(visits.mapped("autocrm_revenue")),
                    }
                )
            env.flush_all()
        cr.rollback()
        with measure(rows, "customer value: floor, one bare UPDATE") as note:
            cr.execute(
                SQL(
                    """
                UPDATE res_partner p
                   SET autocrm_visit_count = v.visits,
                       autocrm_revenue_12m = v.revenue
                  FROM (SELECT partner_id, count(*) AS visits,
                               sum(autocrm_revenue) AS revenue
                          FROM repair_order
                         WHERE state = 'done' AND visit_date >= %s
                      GROUP BY partner_id) v
                 WHERE v.partner_id = p.id
                    """,
                    fields.Date.subtract(fields.Date.today(), months=12),
                )
            )
            note["note"] = "visits and revenue only, no tiers; rolled back"
        cr.rollback()


if __name__ == "__main__":
    main()
