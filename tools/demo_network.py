#!/usr/bin/env python3
"""Give the demo network two years of after-sales history.

Run against a database that holds the five AutoCRM modules with their demo data
(``./bin/autocrm run`` calls it once when it creates its database, ``./bin/autocrm
demo`` runs it on the existing one)::

    python3 tools/demo_network.py -c odoo.conf -d autocrm --addons-path ... \\
        [--db_host ... --db_port ... -r ...] [--seed 13]

What it makes, per demo dealership: owners with Chinese names, plates and mobile
numbers and their vehicles (valid VINs), besides the demo's own; two years of done
workshop visits with confirmed quotations (maintenance, repairs, a few accidents),
first maintenances and warranty repairs; the follow-ups after each sale and visit,
done with the customers' satisfaction, some dissatisfied and turned into
complaints, handled through every stage, some late and escalated; warranty claims
drafted, submitted, their used parts returned and inspected, approved, rejected
or paid, monthly settlements, the OEM's call-backs; campaigns with responders;
retention cases of the customers who stopped coming; work plans and quarterly
appraisals, scored and published; monthly service costs. Then it runs the nightly
jobs the analyses read (follow-ups, customer value and tiers, churn and loyalty,
campaign responses, escalation, work-plan check).

How: through Odoo's ORM and the suite's own workflow methods, as the users who do
the work (a dealership's advisor opens the visits and claims, its manager runs
its campaigns and scores its staff, the OEM's claims centre reviews and pays), on
a clock that walks through the two years (freezegun, Odoo's own test dependency):
each step happens on its day, so every date, deadline, log and figure is the one
the suite computes. Dates end on each dealership's today, so the history looks
recent whenever it is generated.

Deterministic (``--seed``) and idempotent: the run is one transaction that ends by
setting the system parameter ``autocrm_demo_network.generated``; a second run finds
it and adds nothing. The records it creates carry xml ids of the
``autocrm_demo_network`` namespace.

The generator lives in ``tools/autocrm_demo/``: ``plan`` (owners, vehicles, visits,
campaign responders), ``workshop``, ``warranty``, ``care`` (follow-ups, complaints,
retention, campaigns), ``staff`` (plans, appraisals, costs), ``catalogue`` (names,
parts, jobs, texts) and ``network``, which runs the timeline.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autocrm_demo.network import MARKER_PARAM, QUIET, DemoNetwork  # noqa: E402

MODULES = (
    "autocrm_customer",
    "autocrm_warranty",
    "autocrm_complaint",
    "autocrm_staff",
    "autocrm_campaign",
)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog="Other options go to Odoo (-c, -d, --addons-path, --db_host...).",
    )
    parser.add_argument("--seed", type=int, default=13, help="of the history (13)")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="share of the generated owners per dealership (1: 11 to 22 each)",
    )
    return parser.parse_known_args(argv)


def main(argv=None):
    args, odoo_args = parse_args(sys.argv[1:] if argv is None else argv)
    import freezegun

    import odoo
    from odoo import SUPERUSER_ID, api

    if not any(a.startswith("--log-level") for a in odoo_args):
        odoo_args.append("--log-level=warn")
    odoo.tools.config.parse_config(odoo_args)
    db = odoo.tools.config["db_name"]
    if not db:
        print("demo_network: name the database with -d", file=sys.stderr)
        return 2
    started = time.monotonic()
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
        installed = env["ir.module.module"].search_count(
            [("name", "in", MODULES), ("state", "=", "installed")]
        )
        if installed != len(MODULES) or not env["res.company"].search_count(
            [("dealer_code", "=", "BJ01")]
        ):
            print(
                f"demo_network: {db} needs the five AutoCRM modules with their demo "
                "data",
                file=sys.stderr,
            )
            return 2
        done = env["ir.config_parameter"].get_param(MARKER_PARAM)
        if done:
            when = json.loads(done).get("date")
            print(f"demo_network: {db} already has its demo network (of {when})")
            return 0
        network = DemoNetwork(env, args.seed, args.scale)
        freezer = freezegun.freeze_time(network.now)
        frozen = freezer.start()
        try:
            network.generate(frozen)
        finally:
            freezer.stop()
        network.nightly_jobs()
        network.finish()
    counts = ", ".join(f"{n} {what}" for what, n in network.counts.items())
    elapsed = time.monotonic() - started
    print(
        f"demo_network: {db}: {counts} ({network.timeline.done} steps, {elapsed:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
