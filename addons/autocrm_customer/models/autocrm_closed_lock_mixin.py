from odoo import models
from odoo.exceptions import UserError


class AutocrmClosedLockMixin(models.AbstractModel):
    """A closed record keeps what it was closed with.

    A follow-up keeps its customer, cause and outcome (satisfaction figures feed
    the dealers' appraisal), a retention case who was lost or won back, why and at
    what cost. On ``write``, a closed record refuses a value for one of its
    ``_locked_when_closed_fields()``, unless the same write opens it again
    (``_autocrm_lock_lifted``). The models say what closed means and what they
    keep through the hooks below; a module adding an outcome extends
    ``_locked_when_closed_fields``.
    """

    _name = "autocrm.closed.lock.mixin"
    _description = "After-Sales CRM: Locks of Closed Records"

    def write(self, vals):
        self._autocrm_check_closed_lock(vals)
        return super().write(vals)

    def _autocrm_check_closed_lock(self, vals):
        """Refuse, before writing, a change of a locked field of a closed
        record."""
        if not self._locked_when_closed_fields() & vals.keys():
            return
        for record in self:
            if record._autocrm_is_closed() and not record._autocrm_lock_lifted(vals):
                raise UserError(record._autocrm_closed_message())

    def _locked_when_closed_fields(self):
        """The fields a closed record keeps as it was closed."""
        return set()

    def _autocrm_is_closed(self):
        """Whether this record is closed (and its locked fields kept)."""
        self.ensure_one()
        return False

    def _autocrm_lock_lifted(self, vals):
        """Whether writing ``vals`` opens this closed record again, so that the
        same write may change what it keeps."""
        self.ensure_one()
        return False

    def _autocrm_closed_message(self):
        """Why this closed record refuses the change."""
        self.ensure_one()
        return self.env._(
            "%(record)s is closed and can no longer be changed.",
            record=self.display_name,
        )
