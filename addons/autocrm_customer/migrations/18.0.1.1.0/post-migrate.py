"""From 18.0.1.1.0 on, a follow-up without a satisfaction stores no satisfaction
score (NULL) instead of 0, so that averages leave it out: the follow-ups written
before are corrected once (the stored computed field is not recomputed when only
its method changes)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            UPDATE autocrm_followup
               SET satisfaction_score = NULL
             WHERE satisfaction IS NULL AND satisfaction_score IS NOT NULL
            """
        )
    )
