from psycopg2.errors import SerializationFailure

from odoo import api, models


class AutocrmCronMixin(models.AbstractModel):
    """The loop of the suite's set-based scheduled actions, written once.

    A nightly job works in batches: each batch is one statement (an ``INSERT …
    SELECT``, an ``UPDATE … RETURNING``) and what follows from its rows (their
    activities, their chatter). ``_autocrm_run_batches`` runs the batches one
    after the other and, when the scheduler runs the job (``cron_id`` in the
    context):

    - commits each batch with its progress (``ir.cron._notify_progress``): a run
      stopped by its time limit keeps what it did, and the next one resumes;
    - retries a batch after a serialization failure, in a new transaction: another
      worker committed some of the same rows after this transaction began, and in
      Odoo's REPEATABLE READ isolation PostgreSQL does not skip a conflicting row
      it cannot see. Every earlier batch is committed: the new transaction sees
      them, and the batch creates nothing twice.

    Called by hand (no ``cron_id``), nothing is committed and a serialization
    failure is raised: Odoo's RPC layer retries the whole call.
    """

    _name = "autocrm.cron.mixin"
    _description = "After-Sales CRM: Scheduled Jobs in Batches"

    @api.model
    def _autocrm_in_cron(self):
        """Whether the scheduler runs this job (rather than a user or a test)."""
        return bool(self.env.context.get("cron_id"))

    @api.model
    def _autocrm_run_batches(self, step, total=None):
        """Run ``step`` batch after batch; return the number of rows handled.

        ``step()`` does one batch in the current transaction and returns
        ``(handled, more)``: the number of rows it handled, and whether another
        batch follows. It must change nothing of its own state before its
        statement succeeded, since a failed batch is run again. ``total``, when
        known, is the number of rows the run will handle, for the progress shown;
        unknown, a batch that has more to come reports as many again remaining.
        """
        Cron = self.env["ir.cron"]
        done = remaining = 0
        more = True
        while more:
            handled, more = self._autocrm_with_retry(step)
            done += handled
            if total is not None:
                remaining = max(total - done, 0) if more else 0
            else:
                remaining = handled if more else 0
            Cron._notify_progress(done=done, remaining=remaining)
            # keep each batch and its progress: a scheduled run may be stopped
            # by its time limit, the next one resumes
            self._autocrm_commit_batch()
        return done

    @api.model
    def _autocrm_with_retry(self, method, *args):
        """Run ``method(*args)``; in a scheduled run, run it again in a new
        transaction after a serialization failure (see the class)."""
        while True:
            try:
                return method(*args)
            except SerializationFailure:
                if not self._autocrm_in_cron():
                    raise
                self.env.cr.rollback()

    @api.model
    def _autocrm_commit_batch(self):
        """Commit what the scheduled run did so far; nothing outside the
        scheduler."""
        if self._autocrm_in_cron():
            self.env.cr.commit()  # pylint: disable=invalid-commit
