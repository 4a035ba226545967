from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _tz_get

# The demo network's, and the default of a new dealership: the suite's users are a
# Chinese OEM and its dealers
DEFAULT_TZ = "Asia/Shanghai"


class ResCompany(models.Model):
    _inherit = "res.company"

    autocrm_role = fields.Selection(
        [("oem", "OEM (car maker)"), ("dealer", "Dealership")],
        string="After-Sales Role",
        index=True,
        help="The OEM steers the network; each dealership (4S store) is a company of "
        "its own. Setting a role provisions the warehouse, the Repairs operation type "
        "and the used-part location the role needs.",
    )
    dealer_code = fields.Char(
        copy=False, help="The OEM's code of the dealership, unique in the network."
    )
    dealer_grade = fields.Selection(
        [(grade, grade) for grade in "ABCDEF"],
        help="Grade given by the OEM by city and size, A being the largest.",
    )
    dealer_region = fields.Selection(
        [
            ("north", "North"),
            ("east", "East"),
            ("south", "South"),
            ("central", "Central"),
            ("southwest", "Southwest"),
            ("northwest", "Northwest"),
            ("northeast", "Northeast"),
        ],
        string="Region",
        index=True,
    )
    dealer_city = fields.Char()
    autocrm_used_part_location_id = fields.Many2one(
        "stock.location",
        string="Used-Part Location",
        check_company=True,
        copy=False,
        help="Dealers keep the failed parts replaced under warranty here until they "
        "are returned; at the OEM this is the claims centre's used-part desk.",
    )
    autocrm_followup_user_id = fields.Many2one(
        "res.users",
        string="Follow-up Staff",
        domain="[('share', '=', False), ('company_ids', 'in', id)]",
        help="Who is assigned the follow-ups generated for this dealership; when "
        "empty, its first dealer manager.",
    )

    autocrm_tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        default=DEFAULT_TZ,
        help="The dealership's day: due dates, deadlines (a claim's days, a "
        'complaint\'s hours) and the "today" of the scheduled actions follow this '
        "time zone, whoever runs them.",
    )

    _sql_constraints = [
        (
            "dealer_code_uniq",
            "unique(dealer_code)",
            "Another company already uses this dealer code: each dealership needs a "
            "code of its own.",
        ),
    ]

    # ------------------------------------------------------------------
    # The dealership's day
    # ------------------------------------------------------------------

    @api.model
    def _autocrm_oem_company(self):
        """The network's OEM (an empty recordset before a company has the role)."""
        # as superuser: a dealer's user may not read the OEM's company; only the
        # company record is looked up
        return self.sudo().search([("autocrm_role", "=", "oem")], order="id", limit=1)

    def _autocrm_tz_name(self):
        self.ensure_one()
        return self.autocrm_tz or DEFAULT_TZ

    def _autocrm_today(self):
        """Today at this company, in its time zone, whoever asks (a cron runs as
        its own user, whose time zone may be UTC or another country's)."""
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self._autocrm_tz_name()))

    def _autocrm_date_of(self, timestamp):
        """The company's calendar day of a UTC datetime (as Odoo stores them)."""
        self.ensure_one()
        return fields.Date.context_today(
            self.with_context(tz=self._autocrm_tz_name()), timestamp
        )

    @api.model
    def _autocrm_company_days(self, at_query_time=False, alias="company_day"):
        """For set-based SQL: the table ``company_day(company_id, today)`` of every
        company (archived ones included) with today in its own time zone. Join it
        on a record's company to compare its dates with that dealership's day.

        ``at_query_time``: today as of PostgreSQL's transaction time instead of
        Odoo's clock, for a (materialised) view whose query is stored in the
        database and evaluated when it is read or refreshed. ``alias`` names the
        table, for a query that joins it twice."""
        if at_query_time:
            return SQL(
                "(SELECT id AS company_id, "
                "(now() AT TIME ZONE COALESCE(autocrm_tz, %s))::date AS today "
                "FROM res_company) AS %s",
                DEFAULT_TZ,
                SQL.identifier(alias),
            )
        days = self._autocrm_days_by_company()
        return SQL(
            "(SELECT * FROM unnest(%s::integer[], %s::date[])) "
            "AS %s(company_id, today)",
            list(days),
            list(days.values()),
            SQL.identifier(alias),
        )

    @api.model
    def _autocrm_days_by_company(self):
        """Today of every company (archived ones included), in its time zone, in
        one query: ``{company id: date}``."""
        # sudo: a dealer's cron or action may reach other companies' days, which
        # are no secret (only their time zone is read)
        companies = (
            self.sudo().with_context(active_test=False).search_fetch([], ["autocrm_tz"])
        )
        return {company.id: company._autocrm_today() for company in companies}

    @api.model
    def _autocrm_day_bounds(self):
        """The earliest and the latest of the companies' todays: bounds that keep
        a date index usable before the per-company comparison."""
        days = list(self._autocrm_days_by_company().values()) or [
            fields.Date.context_today(self.with_context(tz=DEFAULT_TZ))
        ]
        return min(days), max(days)

    # ------------------------------------------------------------------
    # The dealership's staff
    # ------------------------------------------------------------------

    @api.model
    def _autocrm_dealer_manager_sql(self, alias="dealer_manager"):
        """For set-based SQL: the table ``dealer_manager(company_id, user_id)`` of
        each company's first active dealer manager (the lowest user id among the
        active users of the company in the Dealer Manager group): who is assigned
        the records the nightly runs open when the dealership names no staff for
        them. Left-join it on a record's company. ``alias`` names the table."""
        return SQL(
            """
            (SELECT DISTINCT ON (company_user.cid)
                    company_user.cid AS company_id,
                    company_user.user_id
               FROM res_company_users_rel company_user
               JOIN res_groups_users_rel group_user
                 ON group_user.uid = company_user.user_id
                AND group_user.gid = %s
               JOIN res_users manager
                 ON manager.id = company_user.user_id AND manager.active
           ORDER BY company_user.cid, company_user.user_id) AS %s
            """,
            self.env["ir.model.data"]._xmlid_to_res_id(
                "autocrm_customer.group_dealer_manager"
            ),
            SQL.identifier(alias),
        )

    @api.constrains("autocrm_role", "dealer_code")
    def _check_dealer_code(self):
        for company in self:
            if company.autocrm_role == "dealer" and not company.dealer_code:
                raise ValidationError(
                    self.env._(
                        "The dealership %(name)s needs a dealer code.",
                        name=company.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.filtered("autocrm_role")._autocrm_provision()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if vals.get("autocrm_role"):
            self._autocrm_provision()
        return res

    def _autocrm_provision(self):
        """Give each OEM or dealer company what it needs to work at once.

        Odoo 18 creates a new company's warehouse only when the Inventory app is opened;
        without one there is no Repairs operation type or sequence and no repair order
        can be made. Provisioning is an administrator's act done on behalf of the
        company, so it runs as superuser: it only creates the company's own stock
        configuration.
        """
        Warehouse = self.env["stock.warehouse"].sudo()
        Location = self.env["stock.location"].sudo()
        for company in self.sudo():
            if not company.internal_transit_location_id:
                company._create_transit_location()
            warehouse = Warehouse.search(
                [("company_id", "=", company.id)], order="id", limit=1
            )
            if not warehouse:
                warehouse = Warehouse.create(
                    {
                        "name": company.name,
                        "code": company._autocrm_warehouse_code(),
                        "company_id": company.id,
                        "partner_id": company.partner_id.id,
                    }
                )
            if not company.autocrm_used_part_location_id:
                name = (
                    self.env._("Claims Centre Used Parts")
                    if company.autocrm_role == "oem"
                    else self.env._("Used Parts")
                )
                company.autocrm_used_part_location_id = Location.create(
                    {
                        "name": name,
                        "usage": "internal",
                        "location_id": warehouse.view_location_id.id,
                        "company_id": company.id,
                    }
                )

    def _autocrm_warehouse_code(self):
        self.ensure_one()
        base = (self.dealer_code or self.name or "WH").replace(" ", "").upper()
        return base[:5]
