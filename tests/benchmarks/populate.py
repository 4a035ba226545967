"""Bulk-fill a database with the AutoCRM network for benchmarks.

Like ``odoo-bin populate``, rows are made with ``INSERT … SELECT generate_series`` so a
million vehicles take minutes, not hours. Dealerships are made through the ORM (each
needs its warehouse, Repairs operation type and sequence); owners, vehicles, odometer
readings and done visits (repair orders with their revenue) through SQL.

Data shape, for N vehicles: N // 5000 dealerships (at least 6), each with a manager
as its follow-up staff (so each follow-up brings an activity), one owner per vehicle
belonging to the selling dealership, sale dates spread evenly over the last five years,
two odometer readings per vehicle, and about one done visit per vehicle and year of age
(a visit's revenue between 300 and 3,000), at the selling dealership.
"""

import logging
import time

from odoo import Command
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

DAYS = 5 * 365
OWNERS = "Bench Owner %"
VINS = "BM%"


def populate(env, vehicles):
    """Create the network for ``vehicles`` vehicles; return a dict of row counts."""
    t0 = time.time()
    dealers = _dealers(env, max(6, vehicles // 5000))
    env.flush_all()  # raw SQL below reads the dealers' warehouses
    cr = env.cr
    cr.execute(
        SQL(
            """
        CREATE TEMP TABLE bench_dealer ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY c.id) - 1 AS idx, c.id AS company_id,
               w.repair_type_id AS picking_type_id, w.lot_stock_id AS location_id
          FROM res_company c
          JOIN stock_warehouse w ON w.company_id = c.id
         WHERE c.id = ANY(%(ids)s)
        """,
            ids=dealers.ids,
        )
    )
    n_dealers = len(dealers)
    model_ids = env["product.product"].search(
        [("autocrm_is_vehicle_model", "=", True)]
    ).ids or [_vehicle_model(env).id]
    # owners: one per vehicle, never company-less
    cr.execute(
        SQL(
            """
        INSERT INTO res_partner (name, complete_name, company_id, type, active,
                                 customer_rank, phone, autopost_bills, create_date,
                                 write_date)
        SELECT 'Bench Owner ' || g, 'Bench Owner ' || g, d.company_id, 'contact',
               true, 1, '139' || lpad(g::text, 8, '0'), 'ask', now(), now()
          FROM generate_series(1, %(n)s) g
          JOIN bench_dealer d ON d.idx = mod(g, %(dealers)s)
        """,
            n=vehicles,
            dealers=n_dealers,
        )
    )
    cr.execute(
        SQL(
            "UPDATE res_partner SET commercial_partner_id = id "
            "WHERE commercial_partner_id IS NULL AND name LIKE %s",
            OWNERS,
        )
    )
    # vehicles, sold by the owner's dealership over the last five years
    cr.execute(
        SQL(
            """
        INSERT INTO autocrm_vehicle (vin, model_id, partner_id, selling_dealer_id,
                                     sale_date, production_date, active, create_date,
                                     write_date)
        SELECT 'BM' || lpad(p.id::text, 15, '0'),
               (%(models)s::int[])[1 + mod(p.id, %(n_models)s)],
               p.id, p.company_id,
               current_date - mod(p.id, %(days)s),
               current_date - mod(p.id, %(days)s) - 40,
               true, now(), now()
          FROM res_partner p
         WHERE p.name LIKE %(owners)s
        """,
            owners=OWNERS,
            models=model_ids,
            n_models=len(model_ids),
            days=DAYS,
        )
    )
    cr.execute(
        SQL(
            """
        INSERT INTO autocrm_vehicle_dealer_rel (vehicle_id, company_id)
        SELECT id, selling_dealer_id FROM autocrm_vehicle WHERE vin LIKE %s
        """,
            VINS,
        )
    )
    # two odometer readings: half way and today, at about 40 km a day
    cr.execute(
        SQL(
            """
        INSERT INTO autocrm_odometer_reading (vehicle_id, date, value, company_id,
                                              create_date, write_date)
        SELECT v.id, v.sale_date + (current_date - v.sale_date) * f / 2,
               (current_date - v.sale_date) * f / 2 * 40, v.selling_dealer_id,
               now(), now()
          FROM autocrm_vehicle v, (VALUES (1), (2)) AS half(f)
         WHERE v.vin LIKE %s
        """,
            VINS,
        )
    )
    cr.execute(
        SQL(
            """
        UPDATE autocrm_vehicle v
           SET odometer = r.value, odometer_date = r.date,
               avg_km_per_day = 40
          FROM autocrm_odometer_reading r
         WHERE r.vehicle_id = v.id AND r.date = current_date AND v.vin LIKE %s
        """,
            VINS,
        )
    )
    # done visits: one per year of age, the first at 180 days, then yearly
    cr.execute(
        SQL(
            """
        INSERT INTO repair_order (name, company_id, picking_type_id, location_id,
            location_dest_id, parts_location_id, product_location_src_id,
            product_location_dest_id, recycle_location_id, schedule_date, state,
            partner_id, vehicle_id, visit_date, visit_type, odometer,
            autocrm_revenue, priority, create_date, write_date)
        SELECT 'BENCH/' || v.id || '/' || k, d.company_id, d.picking_type_id,
               d.location_id, d.location_id, d.location_id, d.location_id,
               d.location_id, d.location_id, v.sale_date + 180 + 365 * k, 'done',
               v.partner_id, v.id, v.sale_date + 180 + 365 * k,
               CASE WHEN k = 0 THEN 'first_maintenance' ELSE 'maintenance' END,
               (180 + 365 * k) * 40, 300 + mod(v.id * 7 + k * 13, 2700), '0',
               now(), now()
          FROM autocrm_vehicle v
          JOIN bench_dealer d ON d.company_id = v.selling_dealer_id
          JOIN generate_series(0, 4) k ON v.sale_date + 180 + 365 * k <= current_date
         WHERE v.vin LIKE %s
        """,
            VINS,
        )
    )
    cr.execute(SQL("ANALYZE"))
    counts = {}
    for table in ("res_partner", "autocrm_vehicle", "autocrm_odometer_reading"):
        cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
        counts[table] = cr.fetchone()[0]
    cr.execute(SQL("SELECT count(*) FROM repair_order WHERE name LIKE %s", "BENCH/%"))
    counts["done visits"] = cr.fetchone()[0]
    counts["dealers"] = n_dealers
    env.invalidate_all()
    _logger.info("populated %s in %.0f s", counts, time.time() - t0)
    return counts


def _dealers(env, count):
    """``count`` dealerships, each with a manager who is its follow-up staff."""
    Company = env["res.company"]
    existing = Company.search([("dealer_code", "=like", "BN%")])
    missing = count - len(existing)
    if missing > 0:
        start = len(existing)
        new = Company.create(
            [
                {
                    "name": f"Bench Dealer {i:04d}",
                    "autocrm_role": "dealer",
                    "dealer_code": f"BN{i:03d}",
                    "dealer_grade": "ABCDEF"[i % 6],
                }
                for i in range(start, start + missing)
            ]
        )
        managers = (
            env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Manager {company.dealer_code}",
                        "login": f"bench.{company.dealer_code.lower()}",
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [
                            Command.set(
                                [env.ref("autocrm_customer.group_dealer_manager").id]
                            )
                        ],
                    }
                    for company in new
                ]
            )
        )
        for company, manager in zip(new, managers, strict=True):
            company.autocrm_followup_user_id = manager
        existing |= new
    return existing[:count]


def _vehicle_model(env):
    return env["product.product"].create(
        {"name": "Bench Sedan", "autocrm_is_vehicle_model": True}
    )


CHURN_MARKER = "autocrm_bench.churn_shaped"


def populate_churn(env, share=30):
    """Make ``share`` % of the bench owners stop coming: only their first one, two or
    three yearly visits stay done, the later ones are cancelled, so the five years
    of visits hold customers active, at risk and lost (for the churn benchmark; run
    once, after ``populate``). Cancelled rather than deleted: a deleted repair order
    is looked up in every table referring to it, some without an index (odometer
    readings, stock moves). Returns the number of visits cancelled, 0 when already
    done."""
    t0 = time.time()
    cr = env.cr
    if env["ir.config_parameter"].sudo().get_param(CHURN_MARKER):
        return 0
    cr.execute(
        SQL(
            """
        UPDATE repair_order visit
           SET state = 'cancel'
          FROM autocrm_vehicle v
         WHERE visit.vehicle_id = v.id
           AND v.vin LIKE %(vins)s
           AND visit.name LIKE %(visits)s
           AND visit.state = 'done'
           AND mod(v.id, 100) < %(share)s
           AND visit.visit_date > v.sale_date + 180 + 365 * mod(v.id / 100, 3)
        """,
            vins=VINS,
            visits="BENCH/%",
            share=share,
        )
    )
    cancelled = cr.rowcount
    env["ir.config_parameter"].sudo().set_param(CHURN_MARKER, str(share))
    cr.execute(SQL("ANALYZE repair_order"))
    env.invalidate_all()
    _logger.info("churn: %s visits cancelled in %.0f s", cancelled, time.time() - t0)
    return cancelled
