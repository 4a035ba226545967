#!/usr/bin/env python3
"""Benchmark autocrm_campaign's churn detection at scale (run by hand).

    ./bin/autocrm pg start --test
    python3 tests/benchmarks/bench_churn_detect.py --vehicles 1000000
    # or start from a copy of a database bench_customer_crons.py already filled:
    python3 tests/benchmarks/bench_churn_detect.py --vehicles 1000000 \\
        --template autocrm_bench_1000000

Creates (or reuses) the database ``autocrm_bench_churn_<N>`` (a copy of
``--template`` when given) with autocrm_campaign and no demo data on the project's
test cluster, fills it with ``populate.py`` (N owners and vehicles, five years of
yearly visits), then makes 30 % of the owners stop coming after their first, second
or third visit (``populate_churn``), and measures
``autocrm.retention.case._cron_churn_detect``:

1. the floor: one bare ``INSERT … SELECT`` of every case of the backlog, without
   assignment or activities, rolled back;
2. the first run over the whole backlog as ir.cron runs it, stopped after a few
   committed batches as a worker killed by its time limit would be, then resumed
   by the next run: no duplicate, nothing missing;
3. the daily run on the same day (nothing new);
4. the daily run of the next day: the customers who cross a delay that day, some
   open cases' customers back for a visit, at-risk cases becoming lost;
5. a naive per-record ORM loop doing the daily check on a sample of customers,
   extrapolated to every customer and dealership;
6. the refresh of the loyalty analysis alone (part of each run).

Each figure comes with its number of SQL queries. Results go to stdout as a Markdown
table for the README; the load of the machine (other Odoo processes share its
cores) is printed with them.
"""

import argparse
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from freezegun import freeze_time

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api, fields  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402

from tests.benchmarks.bench_customer_crons import (  # noqa: E402
    ADDONS,
    DB_HOST,
    DB_PORT,
    DB_USER,
    measure,
    run_cron_until_done,
)
from tests.benchmarks.populate import populate, populate_churn  # noqa: E402

CHURN_CRON = "autocrm_campaign.ir_cron_churn_detect"
RETURN_VISITS = 500


class WorkerKilled(Exception):
    """Stands for a cron worker stopped by its time limit half way."""


def ensure_database(db, template):
    """Install autocrm_campaign without demo data into ``db`` (a copy of
    ``template`` when given and ``db`` does not exist yet)."""
    exists = subprocess.run(
        ["psql", "-h", DB_HOST, "-p", DB_PORT, "-U", DB_USER, "-d", "postgres",
         "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{db}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists and template:
        subprocess.run(
            ["createdb", "-h", DB_HOST, "-p", DB_PORT, "-U", DB_USER, "-T", template,
             db],
            check=True, cwd="/",
        )  # fmt: skip
    cmd = [
        sys.executable, "-m", "odoo", "-d", db, "--addons-path", ADDONS,
        "--db_host", DB_HOST, "--db_port", DB_PORT, "-r", DB_USER,
        "-i", "autocrm_campaign", "--without-demo=all", "--stop-after-init",
        "--log-level=warn",
    ]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)


def machine_load():
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    others = subprocess.run(
        ["pgrep", "-fc", "python3 -m odoo|odoo-bin"], capture_output=True, text=True
    ).stdout.strip()
    return f"load average {load}; Odoo processes running: {others}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vehicles", type=int, default=100000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--database", default=None)
    parser.add_argument("--template", default=None)
    parser.add_argument("--interrupt-after", type=int, default=10)
    args = parser.parse_args()
    db = args.database or f"autocrm_bench_churn_{args.vehicles}"
    ensure_database(db, args.template)
    config.parse_config(
        ["-d", db, "--addons-path", ADDONS, "--db_host", DB_HOST,
         "--db_port", DB_PORT, "-r", DB_USER, "--log-level", "warn"]
    )  # fmt: skip
    registry = odoo.modules.registry.Registry(db)
    rows = []
    print(f"start: {machine_load()}", flush=True)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not env["autocrm.vehicle"].search_count([("vin", "=like", "BM%")], limit=1):
            with measure(rows, f"populate {args.vehicles:,} vehicles") as note:
                note["note"] = str(populate(env, args.vehicles))
            cr.commit()
        with measure(rows, "populate churn (30 % stop coming)") as note:
            note["note"] = f"{populate_churn(env):,} later visits cancelled"
        cr.commit()
        print(describe(env), flush=True)
    bench_churn(registry, rows, args)
    print(f"end: {machine_load()}")
    print(f"\n### {args.vehicles:,} vehicles (database {db})\n")
    print("| step | seconds | queries | note |\n| --- | ---: | ---: | --- |")
    for label, seconds, queries, note in rows:
        print(f"| {label} | {seconds:.1f} | {queries:,} | {note} |")


def describe(env):
    env.cr.execute(
        SQL(
            """
            SELECT count(*), count(DISTINCT partner_id),
                   min(visit_date), max(visit_date)
              FROM repair_order WHERE state = 'done'
            """
        )
    )
    visits, customers, first, last = env.cr.fetchone()
    return f"{visits:,} done visits of {customers:,} customers from {first} to {last}"


def reset_cases(env):
    env.cr.execute(
        SQL(
            """
            DELETE FROM mail_activity WHERE res_model = 'autocrm.retention.case';
            DELETE FROM mail_followers WHERE res_model = 'autocrm.retention.case';
            DELETE FROM autocrm_retention_case;
            """
        )
    )
    env.cr.commit()


def case_counts(env):
    env.cr.execute(
        SQL(
            """
            SELECT count(*) FILTER (WHERE result = 'pending' AND risk = 'at_risk'),
                   count(*) FILTER (WHERE result = 'pending' AND risk = 'lost'),
                   count(*) FILTER (WHERE result = 'retained'),
                   (SELECT count(*) FROM mail_activity
                     WHERE res_model = 'autocrm.retention.case')
              FROM autocrm_retention_case
            """
        )
    )
    at_risk, lost, retained, activities = env.cr.fetchone()
    return (
        f"open: {at_risk:,} at risk, {lost:,} lost; {retained:,} retained; "
        f"{activities:,} activities"
    )


def duplicates(env):
    env.cr.execute(
        SQL(
            """
            SELECT count(*) FROM (
                SELECT partner_id, company_id FROM autocrm_retention_case
                 WHERE result = 'pending'
              GROUP BY partner_id, company_id HAVING count(*) > 1) dup
            """
        )
    )
    return env.cr.fetchone()[0]


def bench_churn(registry, rows, args):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Case = env["autocrm.retention.case"]
        # the dealerships' day (the demo network's: Asia/Shanghai)
        today = env["res.company"]._autocrm_day_bounds()[1]
        company_days = env["res.company"]._autocrm_company_days()
        reset_cases(env)
        expected = Case._churned_batches(company_days, 5000)[0]

        with measure(rows, "floor: one bare INSERT … SELECT of the backlog") as note:
            cr.execute(
                SQL(
                    """
                    INSERT INTO autocrm_retention_case (partner_id, company_id,
                        vehicle_id, risk, result, detected_date, last_visit_date)
                    SELECT partner_id, company_id, vehicle_id, risk, 'pending',
                           %s, last_visit_date
                      FROM (%s) churned
                        ON CONFLICT DO NOTHING
                    """,
                    today,
                    Case._last_visit_query(company_days),
                )
            )
            note["note"] = f"{cr.rowcount:,} cases, no assignment or activity; "
            note["note"] += "rolled back"
        cr.rollback()

        # the first run, stopped after some committed batches
        cron = env.ref(CHURN_CRON)
        insert = type(Case)._insert_churned_cases
        batches = {"count": 0}

        def insert_then_die(self, *args_, **kwargs):
            if batches["count"] == args.interrupt_after:
                raise WorkerKilled()
            batches["count"] += 1
            return insert(self, *args_, **kwargs)

        with measure(
            rows,
            f"first run over the backlog, stopped after {args.interrupt_after} "
            "committed batches",
        ) as note:
            type(Case)._insert_churned_cases = insert_then_die
            try:
                _job, progress = cron.with_context(cron_id=cron.id)._add_progress()
                cr.commit()
                Case.with_context(
                    cron_id=cron.id, ir_cron_progress_id=progress.id
                )._cron_churn_detect()
            except WorkerKilled:
                cr.rollback()
            finally:
                type(Case)._insert_churned_cases = insert
            note["note"] = case_counts(env)
        with measure(rows, "first run resumed by the next run, to the end") as note:
            run_batches = run_cron_until_done(env, CHURN_CRON)
            dup = duplicates(env)
            cr.execute(SQL("SELECT count(*) FROM autocrm_retention_case"))
            total = cr.fetchone()[0]
            note["note"] = (
                f"{case_counts(env)}; {total:,} cases for {expected:,} customers "
                f"lost or at risk, {dup} duplicates; {run_batches} cron call(s)"
            )

        with measure(rows, "daily run, same day (nothing new)") as note:
            run_cron_until_done(env, CHURN_CRON)
            note["note"] = case_counts(env)

        # the next day: some customers with an open case come back
        tomorrow = today + timedelta(days=1)
        cr.execute(
            SQL(
                """
                INSERT INTO repair_order (name, company_id, picking_type_id,
                    location_id, location_dest_id, parts_location_id,
                    product_location_src_id, product_location_dest_id,
                    recycle_location_id, schedule_date, state, partner_id,
                    vehicle_id, visit_date, visit_type, autocrm_revenue, priority,
                    create_date, write_date)
                SELECT 'BENCH/BACK/' || rc.id, visit.company_id,
                       visit.picking_type_id, visit.location_id,
                       visit.location_dest_id, visit.parts_location_id,
                       visit.product_location_src_id,
                       visit.product_location_dest_id, visit.recycle_location_id,
                       %(tomorrow)s, 'done', visit.partner_id, visit.vehicle_id,
                       %(tomorrow)s, 'maintenance', 800, '0', now(), now()
                  FROM autocrm_retention_case rc
                  JOIN LATERAL (
                        SELECT * FROM repair_order last
                         WHERE last.partner_id = rc.partner_id
                           AND last.company_id = rc.company_id
                           AND last.state = 'done'
                      ORDER BY last.visit_date DESC LIMIT 1) visit ON TRUE
                 WHERE rc.result = 'pending'
              ORDER BY rc.id
                 LIMIT %(returns)s
                """,
                tomorrow=tomorrow,
                returns=RETURN_VISITS,
            )
        )
        cr.commit()
        with freeze_time(tomorrow, tick=True):
            with measure(rows, "daily run, next day") as note:
                before = case_counts(env)
                run_cron_until_done(env, CHURN_CRON)
                note["note"] = (
                    f"{RETURN_VISITS} customers back; before: {before}; after: "
                    f"{case_counts(env)}"
                )

        with measure(rows, "loyalty analysis refresh (part of each run)") as note:
            env["autocrm.customer.report.loyalty"]._refresh()
            cr.execute(SQL("SELECT count(*) FROM autocrm_customer_report_loyalty"))
            note["note"] = f"{cr.fetchone()[0]:,} customer-dealership rows"
        cr.commit()

        bench_naive(env, rows, args, today)
        # the return visits are cancelled, not deleted: a deleted repair order is
        # looked up in tables referring to it without an index
        cr.execute(
            SQL(
                "UPDATE repair_order SET state = 'cancel' WHERE name LIKE %s",
                "BENCH/BACK/%",
            )
        )
        cr.commit()


def bench_naive(env, rows, args, today):
    """The daily check one customer after the other through the ORM: find the last
    visit, look for an open case, open one with its activity."""
    cr = env.cr
    Case = env["autocrm.retention.case"]
    Repair = env["repair.order"]
    # a sample of customers, a quarter of them lost or at risk, without cases
    cr.execute(
        SQL(
            """
            SELECT partner_id, company_id FROM (
                SELECT DISTINCT partner_id, company_id FROM repair_order
                 WHERE state = 'done' AND name LIKE %s
                   AND mod(partner_id, 97) = 0) pair
             LIMIT %s
            """,
            "BENCH/%",
            args.sample,
        )
    )
    pairs = cr.fetchall()
    # their cases and activities go, for the loop to open them again (rolled back)
    Case.search([("partner_id", "in", [p for p, _c in pairs])]).unlink()
    env.flush_all()
    cr.execute(
        SQL(
            "SELECT count(*) FROM (SELECT DISTINCT partner_id, company_id "
            "FROM repair_order WHERE state = 'done') pair"
        )
    )
    all_pairs = cr.fetchone()[0]
    with measure(rows, f"naive ORM loop, {len(pairs)} customers") as note:
        opened = 0
        for partner_id, company_id in pairs:
            company = env["res.company"].browse(company_id)
            last = Repair.search(
                [
                    ("partner_id", "=", partner_id),
                    ("company_id", "=", company_id),
                    ("state", "=", "done"),
                ],
                order="visit_date desc, id desc",
                limit=1,
            )
            limit = fields.Date.subtract(
                today, months=company.autocrm_churn_at_risk_months
            )
            if not last or last.visit_date >= limit:
                continue
            if Case.search_count(
                [
                    ("partner_id", "=", partner_id),
                    ("company_id", "=", company_id),
                    ("result", "=", "pending"),
                ]
            ):
                continue
            lost = last.visit_date < fields.Date.subtract(
                today, months=company.autocrm_churn_lost_months
            )
            case = Case.create(
                {
                    "partner_id": partner_id,
                    "company_id": company_id,
                    "vehicle_id": last.vehicle_id.id,
                    "risk": "lost" if lost else "at_risk",
                    "user_id": company.autocrm_followup_user_id.id,
                }
            )
            case.activity_schedule(
                "autocrm_campaign.mail_activity_type_retention",
                date_deadline=today,
                user_id=case.user_id.id,
            )
            opened += 1
        env.flush_all()
        note["note"] = f"{opened} opened; {all_pairs:,} customer-dealerships to check"
    label, seconds, queries, text = rows[-1]
    rows[-1] = (
        label,
        seconds,
        queries,
        f"{text} (≈ {seconds / max(len(pairs), 1) * all_pairs:,.0f} s for all)",
    )
    cr.rollback()


if __name__ == "__main__":
    main()
