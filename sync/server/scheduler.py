"""Provides the release schedule: each process checks now and then whether a release is due.

Several workers may check at once; each publishes under the network's row lock and checks
again there, so exactly one of them stores the release and the others find it not due.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from sync.server.noise import NoiseUnavailable
from sync.server.releases import NotDue, ReleaseError, due_networks, publish_release

log = logging.getLogger("sync.server.releases")


def release_due(engine: sa.Engine, interval: timedelta, now: datetime | None = None) -> int:
    """Publish a release of every network whose newest is older than `interval`; return how many."""
    now = now or datetime.now(UTC)
    made = 0
    for network in due_networks(engine, now, interval):
        try:
            publish_release(engine, network, now, due_after=interval)
            made += 1
        except NotDue:
            continue
        except (sa.exc.IntegrityError, ReleaseError, NoiseUnavailable) as exc:
            log.warning("release of a network skipped (%s)", type(exc).__name__)
    return made


class ReleaseSchedule:
    """A daemon thread that publishes due releases every `check_seconds` until stopped."""

    def __init__(self, engine: sa.Engine, interval: timedelta, check_seconds: float) -> None:
        self._engine = engine
        self._interval = interval
        self._check = check_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="release-schedule", daemon=True)

    def start(self) -> None:
        """Start checking."""
        self._thread.start()

    def stop(self) -> None:
        """Stop checking and wait for the thread."""
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        """Check, then sleep, until stopped; errors are logged by type only."""
        while not self._stop.is_set():
            try:
                release_due(self._engine, self._interval)
            except sa.exc.SQLAlchemyError as exc:
                log.warning("release check failed (%s)", type(exc).__name__)
            self._stop.wait(self._check)
