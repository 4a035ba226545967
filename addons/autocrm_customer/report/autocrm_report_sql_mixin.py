from odoo import api, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class AutocrmReportSqlMixin(models.AbstractModel):
    """An SQL analysis read through the ORM (pivot, graph, list), its rows those of
    ``_query()``, computed at each read as the model's ``_table_query``:

    - one SELECT, ``WITH _with() SELECT _select() FROM _from() WHERE _where()
      GROUP BY _group_by()`` (the empty parts left out): another module adds a
      column or a join by extending a part, as ``pos_sale`` extends
      ``sale.report``;
    - or, when ``_union_queries()`` returns any, the UNION ALL of those SELECTs of
      the same columns, one per kind of row, each module adding its own kind. The
      id of a row is then ``_row_id(kind, alias)``: the source row's id times the
      number of kinds plus the kind's position in the selection named by
      ``_row_kind_field``, unique across kinds and stable as long as new kinds
      come at the end.

    Each model keeps ``_auto = False`` itself (a model's own ``_auto`` wins over a
    mixin's). Its ratio measures come from ``autocrm.report.mixin``; an analysis
    stored in the database and refreshed by a scheduled run is an
    ``autocrm.report.materialized.mixin``.
    """

    _name = "autocrm.report.sql.mixin"
    _inherit = ["autocrm.report.mixin"]
    _description = "AutoCRM SQL Analysis"
    # the selection field whose keys number the kinds of UNION ALL rows
    _row_kind_field = "kind"

    @property
    def _table_query(self):
        return self._query()

    def init(self):
        if not self._abstract:
            # an analysis kept as a database view before it was a query: drop it
            drop_view_if_exists(self.env.cr, self._table)

    @api.model
    def _query(self):
        """The rows of the analysis, as an ``SQL``."""
        branches = self._union_queries()
        if branches:
            return SQL(" UNION ALL ").join(SQL("(%s)", query) for query in branches)
        with_, where, group_by = self._with(), self._where(), self._group_by()
        return SQL(
            "%s SELECT %s FROM %s %s %s",
            SQL("WITH %s", with_) if with_ else SQL(),
            self._select(),
            self._from(),
            SQL("WHERE %s", where) if where else SQL(),
            SQL("GROUP BY %s", group_by) if group_by else SQL(),
        )

    @api.model
    def _with(self):
        """The common table expressions of the SELECT (``name AS (...), ...``),
        or an empty ``SQL``."""
        return SQL()

    @api.model
    def _select(self):
        """The columns of the SELECT: one per field of the analysis, and ``id``."""
        raise NotImplementedError

    @api.model
    def _from(self):
        """The tables and joins of the SELECT."""
        raise NotImplementedError

    @api.model
    def _where(self):
        """The condition on the rows of the SELECT, or an empty ``SQL``."""
        return SQL()

    @api.model
    def _group_by(self):
        """The grouping of the SELECT, or an empty ``SQL``."""
        return SQL()

    @api.model
    def _union_queries(self):
        """The SELECTs whose UNION ALL are the rows, one per kind of row; none for
        an analysis of one SELECT."""
        return []

    @api.model
    def _row_id(self, kind, alias):
        """The id of a UNION ALL row of ``kind`` taken from the table aliased
        ``alias``: unique across the kinds of rows."""
        kinds = [key for key, _label in self._fields[self._row_kind_field].selection]
        return SQL(
            "%s.id * %s + %s", SQL.identifier(alias), len(kinds), kinds.index(kind)
        )
