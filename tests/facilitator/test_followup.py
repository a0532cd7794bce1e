"""Action follow-up: the previous session's open actions, marking them, and the vault helper."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from facilitator.errors import InvalidInput
from facilitator.followup import (
    FollowUp,
    mark_action,
    pending_follow_up,
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
    assert [(i.action.id, i.dimension_title, i.session_id) for i in follow.items] == [
        ("winter-a00", "Resources", "winter"),
        ("winter-a01", "Attitudes", "winter"),
        ("autumn-a00", "Resources", "autumn"),
        ("autumn-a01", "Attitudes", "autumn"),
    ]
    for session_id in ("winter", "autumn"):
        record_follow_up(vault, session_id, f"{session_id}-a00", ActionStatus.DONE)
        record_follow_up(vault, session_id, f"{session_id}-a01", ActionStatus.DROPPED)
    assert pending_follow_up(vault, current).items == ()
    assert pending_follow_up(vault, replace(current, project="")).previous is None


def test_unmarked_and_in_progress_actions_are_offered_again_later() -> None:
    vault = Vault.in_memory()
    autumn = make_session("en", session_id="autumn", start=AUTUMN)
    vault.save_session(replace(autumn, created=AUTUMN))
    winter = replace(make_session("en", session_id="winter", start=WINTER), actions=())
    vault.save_session(replace(winter, created=WINTER))  # planned; its follow-up was skipped
    record_follow_up(vault, "autumn", "autumn-a00", ActionStatus.IN_PROGRESS)
    spring = replace(make_session("en", session_id="spring", start=SPRING), created=SPRING)
    follow = pending_follow_up(vault, spring)
    assert follow.previous is not None and follow.previous.id == "winter"
    assert [(i.action.id, i.action.status) for i in follow.items] == [
        ("autumn-a00", ActionStatus.IN_PROGRESS),
        ("autumn-a01", ActionStatus.IN_PROGRESS),
    ]
    assert follow.items[0].session_title == "Autumn reflection"


def test_the_first_session_of_a_project_has_nothing_to_follow_up() -> None:
    vault = Vault.in_memory()
    vault.save_session(make_session("en", session_id="other", project="Another project"))
    first = replace(make_session("en", session_id="first", start=SPRING), created=SPRING)
    assert pending_follow_up(vault, first) == FollowUp(None, ())
