"""Provides the pure steps of running a session: finish a round, propose a rebalance.

No Textual here, so the rules are tested directly and reused by the presenter view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

from facilitator.round_clock import rebalance
from facilitator.session import RoundRecord, Session
from facilitator.vocabulary import SessionStatus


def begin(session: Session, now: datetime) -> Session:
    """The session marked in progress (a finished session is left as it is)."""
    if session.status == SessionStatus.PLANNED:
        return replace(session, status=SessionStatus.IN_PROGRESS, updated=now)
    return session


def finish_round(
    session: Session, index: int, seconds: float, *, skipped: bool, now: datetime
) -> Session:
    """Record the round's used time and move on; after the last round the session is finished."""
    rounds = list(session.rounds)
    rounds[index] = replace(rounds[index], actual_seconds=round(seconds), skipped=skipped)
    last = index + 1 >= len(rounds)
    return replace(
        session,
        rounds=tuple(rounds),
        current_round=index if last else index + 1,
        status=SessionStatus.FINISHED if last else SessionStatus.IN_PROGRESS,
        clock=None,
        updated=now,
    )


@dataclass(frozen=True)
class RebalanceProposal:
    """New planned minutes for the current and remaining rounds that keep the end time."""

    rounds: tuple[RoundRecord, ...]
    available_minutes: int
    fits: bool  # False when even one minute per remaining round overruns the end time

    def changes(self, session: Session) -> list[tuple[str, int, int]]:
        """(round id, old minutes, new minutes) for every round whose plan changes."""
        return [
            (new.round_id, old.planned_minutes, new.planned_minutes)
            for old, new in zip(session.rounds, self.rounds, strict=True)
            if old.planned_minutes != new.planned_minutes
        ]


def propose_rebalance(session: Session, index: int, elapsed_seconds: float) -> RebalanceProposal:
    """Share what is left of the planned end time over the rounds after `index`.

    The current round's plan becomes the minutes it has used, so its overrun is counted once.
    """
    end_minutes = session.planned_minutes
    used_before = sum((r.actual_seconds or 0) for r in session.rounds[:index]) / 60
    used_now = max(1, math.ceil(elapsed_seconds / 60))
    remaining = session.rounds[index + 1 :]
    available = math.floor(end_minutes - used_before - used_now)
    shares = rebalance([r.planned_minutes for r in remaining], max(0, available))
    rounds = (
        *session.rounds[:index],
        replace(session.rounds[index], planned_minutes=used_now),
        *(replace(r, planned_minutes=m) for r, m in zip(remaining, shares, strict=True)),
    )
    return RebalanceProposal(
        rounds=tuple(rounds), available_minutes=available, fits=sum(shares) <= available
    )
