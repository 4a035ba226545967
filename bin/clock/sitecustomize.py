"""Shift the clock of a Python process started by ``./bin/autocrm test --today``.

``AUTOCRM_CLOCK_OFFSET`` (seconds, set by bin/autocrm for the whole process tree)
moves this process's clock: freezegun, Odoo's own test dependency, starts it at the
real time plus the offset and lets it run on (``tick=True``). Each process computes
its start from its own real clock, so Odoo, its HTTP and cron threads and the
suite-level tests share one clock with PostgreSQL and Chromium, which run under
Debian's libfaketime with the same offset. Python processes do not use libfaketime:
with its 0.9.10, CPython's ``time.sleep`` fails (EINVAL: clock_nanosleep on the real
monotonic clock) or, when the monotonic clock is faked too, lock and event time-outs
wait for the offset (sem_clockwait).
"""

import os

if os.environ.get("AUTOCRM_CLOCK_OFFSET"):
    import datetime

    # before freezegun: logging.Formatter keeps the real time.localtime as its
    # converter (a faked one taken later would be called as a method)
    import logging  # noqa: F401

    import freezegun

    _start = datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None
    ) + datetime.timedelta(seconds=int(os.environ["AUTOCRM_CLOCK_OFFSET"]))
    freezegun.freeze_time(_start, tick=True).start()
