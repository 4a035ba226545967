"""A claim part line's return follows the OEM's return policy from 18.0.1.1.0 on
(``return_policy``, computed from the part). The lines written before keep what
they were: a part marked to return is "Return to the OEM", any other "No Return";
the columns exist before the fields are loaded, so the ORM does not recompute them
from the parts' new default policy, and no submitted or paid claim changes."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if not version or column_exists(cr, "autocrm_warranty_claim_part", "return_policy"):
        return
    create_column(cr, "autocrm_warranty_claim_part", "return_policy", "varchar")
    cr.execute(
        SQL(
            """
            UPDATE autocrm_warranty_claim_part
               SET return_policy = CASE WHEN return_required THEN 'return'
                                        ELSE 'none' END
            """
        )
    )
