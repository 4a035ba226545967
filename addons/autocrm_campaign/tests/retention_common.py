from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


class ChurnCase(AutocrmCase):
    """AutocrmCase with helpers to make customers and their done visits months
    ago. Dealer A's first dealer manager is manager_a; dealer B has none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Case = cls.env["autocrm.retention.case"]
        cls.today = fields.Date.context_today(cls.Case)

    @classmethod
    def _customer(cls, name, dealer=None):
        return cls.env["res.partner"].create(
            {"name": name, "company_id": (dealer or cls.dealer_a).id}
        )

    @classmethod
    def _months_ago(cls, months, days=0):
        return cls.today - relativedelta(months=months, days=days)

    @classmethod
    def _visit(cls, partner, visit_date, dealer=None, vehicle=None, user=None):
        """A done visit, created done as an import would (the cron reads visits
        in SQL)."""
        dealer = dealer or cls.dealer_a
        return (
            cls.env["repair.order"]
            .with_company(dealer)
            .create(
                {
                    "partner_id": partner.id,
                    "vehicle_id": vehicle.id if vehicle else False,
                    "visit_date": visit_date,
                    "user_id": user.id if user else False,
                    "state": "done",
                }
            )
        )

    @classmethod
    def _cases(cls, partners):
        return cls.Case.search([("partner_id", "in", partners.ids)], order="id")
