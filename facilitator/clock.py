"""Provides the injectable clock (wall time and monotonic time) and a fake for tests.

Everything that reads time takes a Clock, so tests and benchmarks never sleep.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of wall time (for records) and monotonic time (for timers)."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds from `time.monotonic`."""
        return time.monotonic()


@dataclass
class FakeClock:
    """A clock that moves only when told to; for tests and demos."""

    wall: datetime = field(default_factory=lambda: datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    mono: float = 1000.0

    def now(self) -> datetime:
        """The fake wall time."""
        return self.wall

    def monotonic(self) -> float:
        """The fake monotonic time."""
        return self.mono

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds`."""
        if seconds < 0:
            raise ValueError("a clock never goes back")
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)
