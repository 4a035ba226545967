"""From 18.0.1.1.0 on, the follow-up types of other modules' causes belong to
those modules (``selection_add``): "After Complaint" to autocrm_complaint, "OEM
Call-back" to autocrm_warranty, with the call-back's "customer paid". Upgraded
together with this module, each of them takes its selection value and field over
(their rows in ir_model_data), so the follow-ups and their columns stay as they
were: nothing to move here.

A database where such a follow-up was entered by hand without its module keeps
it with a type that no installed module declares any more: the log says so, so
that the module can be installed (it gives the type back) or the follow-ups
dealt with."""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    known = env["autocrm.followup"]._fields["followup_type"].get_values(env)
    cr.execute(
        SQL(
            """
            SELECT followup_type, count(*)
              FROM autocrm_followup
             WHERE followup_type NOT IN %s
          GROUP BY followup_type
            """,
            tuple(known),
        )
    )
    for followup_type, count in cr.fetchall():
        _logger.warning(
            "%s follow-up(s) of type %r, which no installed module declares: "
            "install the module of that type (autocrm_complaint for 'complaint', "
            "autocrm_warranty for 'oem_callback') to keep them.",
            count,
            followup_type,
        )
