from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL


class AutocrmReportMixin(models.AbstractModel):
    """Ratio measures of an SQL analysis that are right at every level of a pivot
    or graph: a dealership, a region, the network total.

    A ratio of the rows can be neither summed (three dealerships at 100 complaints
    per 100 visits make 100, not 300) nor averaged (a dealership of 10 visits would
    weigh as much as one of 1,000). Each level's figure is computed from the sums of
    its numerator and its denominator, as Odoo's vendor delay report computes its
    on-time rate (``purchase_stock/report/vendor_delay_report.py``).

    ``_autocrm_ratio_measures()`` declares them, ``{ratio field: spec}``, each spec
    a dict with:

    - ``numerator``: a field of this analysis, summed;
    - ``denominator``: a field of this analysis, summed (both on the same rows); or
      ``(model, field)``, a field summed on another model's rows when the
      denominator counts another population (the visits complaints are counted
      against): its rows are those of the domain's conditions on ``dimensions``,
      grouped by the groupings on them, as the current user reads that model (its
      record rules apply); conditions and groupings on other fields leave it
      whole (the waiting complaints per 100 visits of all visits);
    - ``dimensions``: for a denominator on another model, ``{field of this
      analysis: the same dimension's field on that model}``;
    - ``factor``: 100 for a percentage or a rate per 100, 1,000 per 1,000...

    A denominator on another model may also be read as a measure of its own:
    ``numerator`` None and ``factor`` 1 make the field the denominator's sum for
    each group (the vehicles sold of the group's models, counted once however
    many rows of this analysis they stand against).

    A group without denominator has no figure (False). A ratio cannot be used in
    ``having``. The ratio's own column is what one row reads alone.
    """

    _name = "autocrm.report.mixin"
    _description = "AutoCRM Analysis with Ratio Measures"

    @api.model
    def _autocrm_ratio_measures(self):
        return {}

    def _autocrm_ratio_of(self, aggregate_spec):
        """The spec of the ratio ``aggregate_spec`` (``field:aggregate``) reads,
        or None."""
        fname = aggregate_spec.split(":", 1)[0]
        return self._autocrm_ratio_measures().get(fname)

    def _read_group_select(self, aggregate_spec, query):
        ratio = self._autocrm_ratio_of(aggregate_spec)
        if not ratio or not isinstance(ratio["denominator"], str):
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            # in floating point: integer columns would divide as integers
            "%s * SUM(%s)::float / NULLIF(SUM(%s), 0)",
            ratio["factor"],
            self._field_to_sql(self._table, ratio["numerator"], query),
            self._field_to_sql(self._table, ratio["denominator"], query),
        )

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        groupby, aggregates = tuple(groupby), tuple(aggregates)
        foreign = {
            position: ratio
            for position, spec in enumerate(aggregates)
            if (ratio := self._autocrm_ratio_of(spec))
            and not isinstance(ratio["denominator"], str)
        }
        if not foreign:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        # the numerators first, in the ratios' places
        numerator_aggregates = [
            (
                spec
                if position not in foreign
                else f"{foreign[position]['numerator']}:sum"
                if foreign[position]["numerator"]
                else "__count"
            )
            for position, spec in enumerate(aggregates)
        ]
        sort_by = self._autocrm_ratio_sort(order, aggregates, foreign)
        if sort_by:
            # sorted by a ratio: every group is needed before the page is cut
            rows = super()._read_group(domain, groupby, numerator_aggregates, having)
        else:
            rows = super()._read_group(
                domain, groupby, numerator_aggregates, having, offset, limit, order
            )
        rows = [list(row) for row in rows]
        width = len(groupby)
        for position, ratio in foreign.items():
            denominators, key_of = self._autocrm_ratio_denominators(
                ratio, domain, groupby
            )
            for row in rows:
                denominator = denominators.get(key_of(row))
                if not ratio["numerator"]:
                    row[width + position] = ratio["factor"] * (denominator or 0)
                    continue
                row[width + position] = (
                    ratio["factor"] * (row[width + position] or 0) / denominator
                    if denominator
                    else False
                )
        if sort_by:
            column, descending = width + sort_by[0], sort_by[1]
            # groups without a figure last, either way
            rows = sorted(
                (row for row in rows if row[column] is not False),
                key=lambda row: row[column],
                reverse=descending,
            ) + [row for row in rows if row[column] is False]
            rows = rows[offset : offset + limit if limit else None]
        return [tuple(row) for row in rows]

    def _autocrm_ratio_sort(self, order, aggregates, foreign):
        """(position of the ratio aggregate, descending) when ``order`` starts with
        a ratio read from another model, else None."""
        if not order:
            return None
        first = order.split(",", 1)[0].split()
        for position in foreign:
            if first and first[0] in (
                aggregates[position],
                aggregates[position].split(":")[0],
            ):
                return position, len(first) > 1 and first[1].lower() == "desc"
        return None

    def _autocrm_ratio_denominators(self, ratio, domain, groupby):
        """The denominators of a ratio on another model, ``{key: value}``, and the
        function giving a result row of ``groupby`` its key."""
        model, fname = ratio["denominator"]
        dimensions = ratio["dimensions"]
        positions, other_groupby = [], []
        for position, spec in enumerate(groupby):
            field, _sep, granularity = spec.partition(":")
            if field in dimensions:
                positions.append(position)
                other_groupby.append(
                    f"{dimensions[field]}:{granularity}"
                    if granularity
                    else dimensions[field]
                )
        rows = self.env[model]._read_group(
            self._autocrm_ratio_domain(domain, dimensions),
            other_groupby,
            [f"{fname}:sum"],
        )
        denominators = {tuple(row[:-1]): row[-1] for row in rows}

        def key_of(row):
            return tuple(row[position] for position in positions)

        return denominators, key_of

    @api.model
    def _autocrm_ratio_domain(self, domain, dimensions):
        """``domain`` for the denominator's model: its conditions on
        ``dimensions`` renamed, any other condition left out (true)."""
        result = []
        for element in expression.distribute_not(expression.normalize_domain(domain)):
            if not expression.is_leaf(element) or element in (
                expression.TRUE_LEAF,
                expression.FALSE_LEAF,
            ):
                result.append(element)
                continue
            path = element[0].split(".", 1)
            if path[0] in dimensions:
                renamed = ".".join([dimensions[path[0]], *path[1:]])
                result.append((renamed, element[1], element[2]))
            else:
                result.append(expression.TRUE_LEAF)
        return result
