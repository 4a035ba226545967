"""PostgreSQL tuning for the suite's set-based jobs, in one place.

The nightly runs and the analyses' refreshes are single statements over the whole
network (a million customers, millions of visits). Two settings matter for them, and
only for them, so they are set here, for the rest of the running transaction, rather
than in each business method:

- ``jit = off``: PostgreSQL's JIT compiler spent 6 s compiling a plan it runs once
  (the loyalty refresh at a million customers); for statements run once a night the
  compilation costs more than it saves.
- ``work_mem``: the memory a sort or hash may use before spilling to disk; the
  refreshes aggregate all visits, which 4 MB (the default) writes to disk.

``analyze`` refreshes a table's statistics after a bulk insert, so that the queries
joining the new rows in the same transaction are planned on their real size (the
autovacuum daemon would only do it later).
"""

from odoo.tools import SQL

BULK_WORK_MEM = "64MB"


def tune_for_bulk(cr, work_mem=BULK_WORK_MEM):
    """Until the transaction ends: no JIT compilation, ``work_mem`` for sorts and
    hashes. ``SET LOCAL`` reverts at commit or rollback, so a worker's next
    transaction runs with the server's settings again."""
    cr.execute(SQL("SET LOCAL jit = off"))
    cr.execute(SQL("SELECT set_config('work_mem', %s, true)", work_mem))


def analyze(cr, table):
    """Fresh planner statistics for ``table`` after a bulk insert."""
    cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
