"""Provides RebalanceProposal: new lengths for the rounds still to come, to keep the end time.

The running round's countdown is never touched: only the rounds after it are shortened (or
lengthened), in proportion to their first plan, and a proposal that cannot keep the planned
end says how late the earliest possible end is. Each changed round keeps its first plan
(`RoundRecord.original_minutes`) so reports can show both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from facilitator.round_clock import rebalance
from facilitator.session import RoundRecord, Session


@dataclass(frozen=True)
class RebalanceProposal:
    """The session's rounds with the remaining ones re-planned, and where that leaves the end.

    Times are seconds from the moment of the proposal: `end_seconds` until the planned end,
    `best_seconds` until the end with this plan, if the running round stops at its countdown.
    """

    rounds: tuple[RoundRecord, ...]
    end_seconds: float
    best_seconds: float

    @property
    def fits(self) -> bool:
        """Whether the planned end time holds with this plan."""
        return self.best_seconds <= self.end_seconds

    @property
    def late_minutes(self) -> int:
        """Whole minutes past the planned end (rounded up); 0 when it fits."""
        return max(0, math.ceil((self.best_seconds - self.end_seconds) / 60))

    def changes(self, session: Session) -> list[tuple[str, int, int]]:
        """(round id, old minutes, new minutes) for every round whose plan changes."""
        return [
            (new.round_id, old.planned_minutes, new.planned_minutes)
            for old, new in zip(session.rounds, self.rounds, strict=True)
            if old.planned_minutes != new.planned_minutes
        ]


def planned_end_seconds(session: Session, index: int, elapsed_seconds: float) -> float:
    """Seconds from now to the session's first planned end, given the time used so far."""
    planned = sum(r.first_plan for r in session.rounds) * 60
    used_before = sum((r.actual_seconds or 0) for r in session.rounds[:index])
    return planned - used_before - elapsed_seconds


def propose_rebalance(
    session: Session,
    index: int,
    elapsed_seconds: float,
    planned_seconds: float | None = None,
) -> RebalanceProposal:
    """Share the time left before the planned end over the rounds after `index`.

    `planned_seconds` is the running round's countdown as it stands (with any extension);
    what is left of it is kept, so only the rounds still to come change.
    """
    current = session.rounds[index]
    countdown = current.planned_minutes * 60 if planned_seconds is None else planned_seconds
    countdown_left = max(0.0, countdown - elapsed_seconds)
    end = planned_end_seconds(session, index, elapsed_seconds)
    remaining = session.rounds[index + 1 :]
    available = max(0, math.floor((end - countdown_left) / 60))
    shares = rebalance([r.first_plan for r in remaining], available)
    rounds = (
        *session.rounds[: index + 1],
        *(_replanned(r, minutes) for r, minutes in zip(remaining, shares, strict=True)),
    )
    return RebalanceProposal(
        rounds=tuple(rounds), end_seconds=end, best_seconds=countdown_left + sum(shares) * 60
    )


def _replanned(record: RoundRecord, minutes: int) -> RoundRecord:
    original = record.first_plan
    return replace(
        record, planned_minutes=minutes, original_minutes=None if minutes == original else original
    )
