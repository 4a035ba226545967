"""The dealership's day in domains: rules that compare a stored date with "today"
take the today of the record's company, in that company's time zone, whoever runs
them (a cron runs as OdooBot, whose time zone is UTC)."""

from collections import defaultdict
from datetime import timedelta

from odoo.osv import expression


def companies_by_day(env):
    """{today: company ids} over every company (archived ones included), today
    being each company's own (``res.company._autocrm_today``)."""
    by_day = defaultdict(list)
    for company_id, day in env["res.company"]._autocrm_days_by_company().items():
        by_day[day].append(company_id)
    return dict(by_day)


def company_day_domain(
    env, company_field, date_field, operator, days=0, default_company=None
):
    """Domain: ``date_field <operator> (today of the record's company + days)``.

    The company is the record's ``company_field``; a record without one takes the
    day of ``default_company`` (and matches nothing without a default company).
    One leaf when every company is on the same day (the usual case: one network
    in one time zone), else one term per distinct day (at most three at any
    moment), so that the query stays one indexed search whatever the number of
    companies."""
    by_day = companies_by_day(env)
    default_day = default_company.sudo()._autocrm_today() if default_company else None
    if len(by_day) == 1 and (default_day is None or default_day in by_day):
        (day,) = by_day
        if default_day is not None:
            return [(date_field, operator, day + timedelta(days=days))]
        return expression.AND(
            [
                [(company_field, "!=", False)],
                [(date_field, operator, day + timedelta(days=days))],
            ]
        )
    terms = []
    for day, company_ids in by_day.items():
        companies = [(company_field, "in", company_ids)]
        if day == default_day:
            companies = expression.OR([companies, [(company_field, "=", False)]])
        terms.append(
            expression.AND(
                [companies, [(date_field, operator, day + timedelta(days=days))]]
            )
        )
    if default_day is not None and default_day not in by_day:
        terms.append(
            [
                "&",
                (company_field, "=", False),
                (date_field, operator, default_day + timedelta(days=days)),
            ]
        )
    return expression.OR(terms) if terms else expression.FALSE_DOMAIN
