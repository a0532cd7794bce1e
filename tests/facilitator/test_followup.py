"""Action follow-up: the previous session's open actions, marking them, and the vault helper."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from facilitator.errors import InvalidInput
from facilitator.followup import (
    mark_action,
    pending_follow_up,
    previous_session,
    project_sessions,
    record_follow_up,
)
from facilitator.vault import Vault
from facilitator.vocabulary import ActionStatus
from tests.facilitator.reports.fixtures import make_session

AUTUMN = datetime(2026, 9, 1, 9, tzinfo=UTC)
WINTER = datetime(2026, 11, 26, 9, tzinfo=UTC)
SPRING = datetime(2027, 3, 1, 9, tzinfo=UTC)


def _sessions() -> list:
    return [
        make_session("en", session_id="winter", start=WINTER),
        make_session("en", session_id="autumn", start=AUTUMN),
        make_session("en", session_id="other", start=WINTER, project="Another project"),
        make_session("en", session_id="spring", start=SPRING),
    ]


def test_project_sessions_are_oldest_first_and_of_one_project() -> None:
    chosen = project_sessions(_sessions(), "Esther café Höglandet")
    assert [s.id for s in chosen] == ["autumn", "winter", "spring"]


def test_previous_session_is_the_latest_earlier_one_of_the_project() -> None:
    sessions = _sessions()
    spring = sessions[3]
    assert previous_session(sessions, spring).id == "winter"  # type: ignore[union-attr]
    assert previous_session(sessions, sessions[1]) is None


def test_mark_action_changes_only_that_action() -> None:
    session = make_session("en")
    marked = mark_action(session, "s0001-a00", ActionStatus.DONE, now=SPRING)
    assert [a.status for a in marked.actions] == [ActionStatus.DONE, ActionStatus.IN_PROGRESS]
    assert marked.updated == SPRING
    with pytest.raises(InvalidInput, match="no action"):
        mark_action(session, "missing", ActionStatus.DROPPED)


def test_vault_helper_lists_open_actions_and_records_marks() -> None:
    vault = Vault.in_memory()
    for session in _sessions()[:3]:
        vault.save_session(replace(session, created=session.scheduled_start))
    current = replace(make_session("en", session_id="spring", start=SPRING), created=SPRING)
    follow = pending_follow_up(vault, current)
    assert follow.previous is not None and follow.previous.id == "winter"
    assert [(i.action.id, i.dimension_title) for i in follow.items] == [
        ("winter-a00", "Resources"),
        ("winter-a01", "Attitudes"),
    ]
    record_follow_up(vault, "winter", "winter-a00", ActionStatus.DONE)
    record_follow_up(vault, "winter", "winter-a01", ActionStatus.DROPPED)
    assert pending_follow_up(vault, current).items == ()
    assert pending_follow_up(vault, replace(current, project="")).previous is None
