from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.addons.autocrm_customer.tests.common import AutocrmCase


class ChurnCase(AutocrmCase):
    """AutocrmCase with helpers to make customers and their done visits months
    ago. Dealer A's first dealer manager is manager_a; dealer B has none.

    ``today`` is dealer A's (and B's) day, in Asia/Shanghai, the day churn is
    detected by. The delays count months the way the code does (the last visit
    plus the delay's months, ``relativedelta``, the 31st to a shorter month giving
    its last day); the activity window counts days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Case = cls.env["autocrm.retention.case"]

    @classmethod
    def _customer(cls, name, dealer=None):
        return cls.env["res.partner"].create(
            {"name": name, "company_id": (dealer or cls.dealer_a).id}
        )

    @classmethod
    def _months_ago(cls, months):
        """The day ``months`` months before today: used for visits at least a few
        weeks from any delay, whatever the length of the months between."""
        return cls.today - relativedelta(months=months)

    @classmethod
    def _last_visit_past(cls, months, days):
        """A last visit whose delay of ``months`` ran out ``days`` days ago: its
        threshold date (the visit plus the months) is ``days`` days before today,
        or up to 3 days earlier when no visit gives that day (the 29th to 31st of a
        month after a shorter one)."""
        return cls.today - timedelta(days=days) - relativedelta(months=months)

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
