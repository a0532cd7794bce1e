"""Provides the pure steps of running a session: begin it and finish a round.

No Textual here, so the rules are tested directly and reused by the presenter view.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from facilitator.session import Session
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
