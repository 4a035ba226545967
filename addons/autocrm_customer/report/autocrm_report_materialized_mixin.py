from odoo import models
from odoo.tools import SQL
from odoo.tools.sql import TableKind, drop_view_if_exists, make_index_name, table_kind


class AutocrmReportMaterializedMixin(models.AbstractModel):
    """An SQL analysis kept in the database and recomputed by a scheduled run
    (``_refresh()``): a dealer's pivot reads its own rows, through the index on
    the dealership, instead of adding up the network's history at each read.
    Its rows are those of ``_query()``, composed as in
    ``autocrm.report.sql.mixin``; the module's install or update creates it anew.

    ``_materialized`` says how it is kept:

    - ``"view"``: a materialized view, refreshed whole (readers wait until the
      refresh commits);
    - ``"table"``: a plain table, emptied and filled again in the refresh's
      transaction, for a refresh that takes its own query (the loyalty analysis
      is filled with the dealerships' days of the run) or statement settings.

    ``_materialized_indexes``: the columns indexed, besides the unique ``id``.
    """

    _name = "autocrm.report.materialized.mixin"
    _inherit = ["autocrm.report.sql.mixin"]
    _description = "AutoCRM Materialized Analysis"
    # stored: the rows are read from the table, not computed at each read
    _table_query = None
    _materialized = "view"
    _materialized_indexes = ("company_id",)

    def init(self):
        if self._abstract:
            return
        cr = self.env.cr
        # whatever the analysis was before (a view, a materialized view, a table)
        if table_kind(cr, self._table) == TableKind.Regular:
            cr.execute(SQL("DROP TABLE %s", SQL.identifier(self._table)))
        else:
            drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL(
                "CREATE %s %s AS (%s)",
                SQL("MATERIALIZED VIEW" if self._materialized == "view" else "TABLE"),
                SQL.identifier(self._table),
                self._query(),
            )
        )
        cr.execute(
            SQL(
                "CREATE UNIQUE INDEX %s ON %s (id)",
                SQL.identifier(make_index_name(self._table, "id")),
                SQL.identifier(self._table),
            )
        )
        for column in self._materialized_indexes:
            cr.execute(
                SQL(
                    "CREATE INDEX %s ON %s (%s)",
                    SQL.identifier(make_index_name(self._table, column)),
                    SQL.identifier(self._table),
                    SQL.identifier(column),
                )
            )

    def _refresh(self):
        """Recompute the analysis. The rows are locked until the transaction
        ends."""
        if self._materialized == "view":
            self.env.cr.execute(
                SQL("REFRESH MATERIALIZED VIEW %s", SQL.identifier(self._table))
            )
            self.invalidate_model()
        else:
            self._refill(self._query())

    def _refill(self, query):
        """Empty the analysis' table and fill it with the rows of ``query`` (the
        columns of ``_query()``, in its order)."""
        self.env.cr.execute(SQL("TRUNCATE %s", SQL.identifier(self._table)))
        self.env.cr.execute(
            SQL("INSERT INTO %s %s", SQL.identifier(self._table), query)
        )
        self.invalidate_model()
