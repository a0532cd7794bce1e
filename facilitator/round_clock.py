"""Provides RoundClock, the timer of one round, and rebalancing of the remaining rounds.

Pure logic over an injected monotonic clock, so it can be tested without waiting and
persisted as a ClockState that resumes paused after a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from facilitator.session import ClockState


class RoundClock:
    """Counts a round down: start, pause, resume, extend, skip; time's up is a cue, not a stop."""

    def __init__(
        self,
        planned_seconds: float,
        monotonic: Callable[[], float],
        *,
        round_index: int = 0,
        elapsed_seconds: float = 0.0,
    ) -> None:
        if planned_seconds < 0:
            raise ValueError("planned time cannot be negative")
        self._monotonic = monotonic
        self.round_index = round_index
        self._planned = float(planned_seconds)
        self._elapsed_before = max(0.0, float(elapsed_seconds))
        self._started_at: float | None = None
        self.skipped = False

    @classmethod
    def restore(cls, state: ClockState, monotonic: Callable[[], float]) -> RoundClock:
        """A clock resumed from `state`, always paused so nobody is surprised after a crash."""
        return cls(
            state.planned_seconds,
            monotonic,
            round_index=state.round_index,
            elapsed_seconds=state.elapsed_seconds,
        )

    def state(self) -> ClockState:
        """The persistable state of this clock."""
        return ClockState(
            round_index=self.round_index,
            planned_seconds=self._planned,
            elapsed_seconds=self.elapsed,
            running=self.running,
        )

    @property
    def running(self) -> bool:
        """Whether time is passing."""
        return self._started_at is not None

    @property
    def planned(self) -> float:
        """Planned seconds, including extensions."""
        return self._planned

    @property
    def elapsed(self) -> float:
        """Seconds the clock has run."""
        if self._started_at is None:
            return self._elapsed_before
        return self._elapsed_before + max(0.0, self._monotonic() - self._started_at)

    @property
    def time_left(self) -> float:
        """Seconds left before time's up; never negative."""
        return max(0.0, self._planned - self.elapsed)

    @property
    def overrun(self) -> float:
        """Seconds run past the planned time; zero until time's up."""
        return max(0.0, self.elapsed - self._planned)

    @property
    def is_up(self) -> bool:
        """Whether the planned time is used up."""
        return self.elapsed >= self._planned

    @property
    def progress(self) -> float:
        """Fraction of the planned time used, 0.0 to 1.0."""
        if self._planned <= 0:
            return 1.0
        return min(1.0, self.elapsed / self._planned)

    def start(self) -> None:
        """Start (or resume) the clock; starting a running clock changes nothing."""
        if self._started_at is None and not self.skipped:
            self._started_at = self._monotonic()

    resume = start

    def pause(self) -> None:
        """Stop time passing, keeping the elapsed time."""
        if self._started_at is not None:
            self._elapsed_before = self.elapsed
            self._started_at = None

    def toggle(self) -> None:
        """Pause when running, resume when paused."""
        if self.running:
            self.pause()
        else:
            self.start()

    def extend(self, seconds: float) -> None:
        """Give the round more time."""
        if seconds <= 0:
            raise ValueError("extend by a positive number of seconds")
        self._planned += seconds

    def skip(self) -> None:
        """End the round now; the elapsed time is kept as the time actually used."""
        self.pause()
        self.skipped = True


def rebalance(
    planned_minutes: Sequence[int], available_minutes: int, minimum: int = 1
) -> tuple[int, ...]:
    """Share `available_minutes` over the remaining rounds in proportion to their plans.

    Keeps the session's end time whenever every round can still get `minimum` minutes;
    otherwise every round gets `minimum` and the caller reports the overrun.
    """
    count = len(planned_minutes)
    if count == 0:
        return ()
    if any(m < 0 for m in planned_minutes):
        raise ValueError("planned minutes cannot be negative")
    if available_minutes <= minimum * count:
        return tuple(minimum for _ in planned_minutes)
    spare = available_minutes - minimum * count
    weights = [max(m - minimum, 0) for m in planned_minutes]
    total_weight = sum(weights)
    if total_weight == 0:
        weights = [1] * count
        total_weight = count
    exact = [spare * w / total_weight for w in weights]
    shares = [int(x) for x in exact]
    leftover = spare - sum(shares)
    by_remainder = sorted(range(count), key=lambda i: (exact[i] - shares[i], -i), reverse=True)
    for i in by_remainder[:leftover]:
        shares[i] += 1
    return tuple(minimum + s for s in shares)
