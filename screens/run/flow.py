"""Provides the pure steps of running a session: begin it, finish a round, go back one.

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
    """Record the round's used time and move on; after the last round the session is finished.

    A skipped round that ran is recorded as ended early (see Session.with_round_closed).
    """
    session = session.with_round_closed(index, seconds, cut_short=skipped)
    last = index + 1 >= len(session.rounds)
    return replace(
        session,
        current_round=index if last else index + 1,
        status=SessionStatus.FINISHED if last else SessionStatus.IN_PROGRESS,
        clock=None,
        updated=now,
    )


def back_one_round(session: Session, seconds: float, *, now: datetime) -> Session:
    """Go back to the round before the current one, reopened with the time it already used.

    The current round keeps the `seconds` it ran so far for when the room returns to it; the
    reopened round is neither skipped nor ended early until it is closed again.
    """
    index = session.current_round
    if index == 0:
        return session
    rounds = list(session.rounds)
    if seconds >= 1 or rounds[index].actual_seconds is not None:
        rounds[index] = replace(rounds[index], actual_seconds=round(seconds))
    rounds[index - 1] = replace(rounds[index - 1], skipped=False, ended_early=False)
    return replace(
        session,
        rounds=tuple(rounds),
        current_round=index - 1,
        status=SessionStatus.IN_PROGRESS,
        clock=None,
        updated=now,
    )
