"""Provides action follow-up: last session's open actions in a project, and marking each one.

When a project's next session is planned, the facilitator sees what was agreed earlier, with
the dimension each action targets, and marks it done, in progress or dropped; the project
report then shows whether that dimension moved. Actions left unmarked (or in progress) stay
pending and are offered again with the project's next session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from facilitator.errors import InvalidInput
from facilitator.session import Action, Session
from facilitator.summary import dimension_title, open_actions
from facilitator.vault.model import SessionSummary
from facilitator.vocabulary import ActionStatus

FOLLOW_UP_CHOICES = (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED)


class SessionStore(Protocol):
    """The part of a Vault follow-up needs (a Vault, or a fake in tests)."""

    def list_sessions(self) -> list[SessionSummary]:
        """Every session's summary."""
        ...

    def load_session(self, session_id: str) -> Session:
        """One full session."""
        ...

    def save_session(self, session: Session) -> None:
        """Persist one session."""
        ...


@dataclass(frozen=True)
class FollowUpItem:
    """One open action of an earlier session, with the title of the dimension it targets."""

    action: Action
    dimension_title: str | None
    session_id: str = ""
    session_title: str = ""


@dataclass(frozen=True)
class FollowUp:
    """The latest earlier session of the same project (if any) and the project's open actions."""

    previous: Session | None
    items: tuple[FollowUpItem, ...]


def session_moment(session: Session) -> datetime | None:
    """When a session took place: its scheduled start, else its creation."""
    return session.scheduled_start or session.created


def _key(moment: datetime | None, session_id: str) -> tuple[float, str]:
    return (moment.timestamp() if moment else float("-inf"), session_id)


def project_sessions(sessions: Iterable[Session], project: str) -> list[Session]:
    """The sessions of one project, oldest first."""
    chosen = [s for s in sessions if project and s.project == project]
    return sorted(chosen, key=lambda s: _key(session_moment(s), s.id))


def follow_up_items(previous: Session) -> tuple[FollowUpItem, ...]:
    """A session's open and in-progress actions, each with its dimension's title."""
    return tuple(
        FollowUpItem(
            a,
            dimension_title(previous, a.dimension) if a.dimension else None,
            previous.id,
            previous.title,
        )
        for a in open_actions(previous)
    )


def mark_action(
    session: Session, action_id: str, status: ActionStatus, *, now: datetime | None = None
) -> Session:
    """`session` with one action's status changed; InvalidInput when it has no such action."""
    action = next((a for a in session.actions if a.id == action_id), None)
    if action is None:
        raise InvalidInput("errors.followup.no_action", session=session.id, action=action_id)
    marked = session.with_action(replace(action, status=status))
    return marked if now is None else replace(marked, updated=now)


def pending_follow_up(store: SessionStore, current: Session) -> FollowUp:
    """What to follow up when `current` is planned: the project's latest earlier session, and
    the open actions of every earlier session, newest session first.

    Earlier means created before `current`; each earlier session is read once from `store`.
    """
    if not current.project:
        return FollowUp(None, ())
    here = _key(current.created, current.id)
    candidates = sorted(
        (
            s
            for s in store.list_sessions()
            if s.project == current.project and s.id != current.id and _key(s.created, s.id) < here
        ),
        key=lambda s: _key(s.created, s.id),
        reverse=True,
    )
    earlier = [store.load_session(s.id) for s in candidates]
    items = tuple(item for session in earlier for item in follow_up_items(session))
    return FollowUp(earlier[0] if earlier else None, items)


def record_follow_up(
    store: SessionStore,
    session_id: str,
    action_id: str,
    status: ActionStatus,
    *,
    now: datetime | None = None,
) -> Session:
    """Mark one action of a stored session and save it; the updated session is returned."""
    session = mark_action(store.load_session(session_id), action_id, status, now=now)
    store.save_session(session)
    return session
