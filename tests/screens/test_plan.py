"""Pilot tests of Plan: running total and end time, inline validation, saving through a worker."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from facilitator.clock import FakeClock
from facilitator.errors import VaultWriteFailed
from facilitator.session import Action, ParticipantCounts, Session
from facilitator.vocabulary import ActionStatus, RoleGroup, SessionStatus
from screens.factory import make_app
from screens.followup import FollowUpRow, FollowUpScreen
from screens.home import HomeScreen
from screens.plan import PlanScreen
from screens.plan_form import validate
from screens.services import Services
from tests.screens.conftest import fixed_templates, seeded
from tests.screens.helpers import settle, started, type_text


def _error(app: object, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Label).content)  # type: ignore[attr-defined]


async def test_total_and_planned_end_follow_the_minutes(clock: FakeClock) -> None:
    async with started(seeded(clock), "n") as (app, pilot):
        total = app.screen.query_one("#total", Static)
        assert "51 min" in str(total.content) and "09:51" in str(total.content)
        app.screen.query_one("#minutes-1", Input).value = "20"
        await pilot.pause()
        assert "59 min" in str(total.content) and "09:59" in str(total.content)


async def test_validation_keeps_everything_typed(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        screen = app.screen
        screen.query_one("#minutes-2", Input).value = "0"
        screen.query_one("#minutes-3", Input).value = "-5"
        screen.query_one("#project", Input).value = "Safer discharge"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert "title" in _error(app, "title")
        assert "1 or more" in _error(app, "minutes-2")
        assert "1 or more" in _error(app, "minutes-3")
        assert _error(app, "minutes-1") == ""
        assert "at least one participant" in _error(app, "participants")
        assert screen.query_one("#title", Input).has_focus
        assert screen.query_one("#project", Input).value == "Safer discharge"
        assert screen.query_one("#minutes-3", Input).value == "-5"
        assert len(services.vault.list_sessions()) == 4  # type: ignore[union-attr]


async def test_save_creates_a_planned_session(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await type_text(pilot, "Falls prevention")
        screen = app.screen
        screen.query_one("#project", Input).value = "Safer discharge"
        screen.query_one("#count-professionals", Input).value = "5"
        screen.query_one("#count-users_relatives", Input).value = "3"
        screen.query_one("#minutes-0", Input).value = "7"
        screen.query_one("#speak-first").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        vault = services.vault
        summary = next(s for s in vault.list_sessions() if s.title == "Falls prevention")
        session = vault.load_session(summary.id)
        assert session.status == SessionStatus.PLANNED
        assert session.project == "Safer discharge"
        assert session.participants.total == 8
        assert session.users_speak_first
        assert [r.planned_minutes for r in session.rounds] == [7, 12, 12, 12, 10]
        assert session.created == clock.now()


async def test_escape_with_a_title_asks_before_leaving(clock: FakeClock) -> None:
    async with started(seeded(clock), "n") as (app, pilot):
        await type_text(pilot, "Draft")
        await pilot.press("escape")
        await pilot.press("n")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("escape")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


def test_validate_rules() -> None:
    from facilitator.vocabulary import RoleGroup

    counts = {RoleGroup.PROFESSIONALS: "2", RoleGroup.USERS_RELATIVES: "", RoleGroup.MANAGERS: "0"}
    assert validate("Title", ["5", "10"], counts) == {}
    assert validate("  ", ["5"], counts) == {"title": "plan.error.title"}
    assert validate("T", ["x"], counts) == {"minutes-0": "plan.error.minutes"}
    bad = {RoleGroup.PROFESSIONALS: "-1", RoleGroup.USERS_RELATIVES: "", RoleGroup.MANAGERS: ""}
    assert validate("T", ["5"], bad) == {"participants": "plan.error.count"}
    assert validate("T", [], counts) == {"template": "plan.error.template"}


# Action follow-up -----------------------------------------------------------------------

FALLS = "Falls prevention"


def _first_session(services: Services, clock: FakeClock) -> Session:
    """A finished session of FALLS with three open actions, saved in the vault."""
    template = fixed_templates("en")[0]
    session = Session.plan(
        "Falls, kick-off",
        template,
        created=datetime(2026, 10, 1, 13, 0, tzinfo=UTC),
        project=FALLS,
        participants=ParticipantCounts(4, 3, 0),
    )
    actions = [
        Action("a1", "Book the library room", RoleGroup.PROFESSIONALS, date(2026, 12, 10), "resources"),
        Action("a2", "Ask relatives to co-chair", RoleGroup.MANAGERS, None, "attitudes"),
        Action("a3", "Send papers a week ahead", None, date(2027, 1, 15), "perceptions"),
    ]  # fmt: skip
    session = replace(session, status=SessionStatus.FINISHED, actions=tuple(actions))
    services.vault.save_session(session)  # type: ignore[union-attr]
    return session


async def _plan(pilot: Pilot[None], title: str, project: str) -> None:
    await pilot.press("n")
    await settle(pilot)
    await type_text(pilot, title)
    screen = pilot.app.screen
    screen.query_one("#project", Input).value = project
    screen.query_one("#count-professionals", Input).value = "4"
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_planning_the_next_session_follows_up_open_actions(clock: FakeClock) -> None:
    services = seeded(clock)
    first = _first_session(services, clock)
    async with started(services) as (app, pilot):
        await _plan(pilot, "Falls follow-up", FALLS)
        screen = app.screen
        assert isinstance(screen, FollowUpScreen)
        text = " ".join(str(s.content) for s in screen.query(Static))
        assert "Book the library room" in text and "Resources" in text
        assert "owner: Professionals" in text and "due 10 Dec 2026" in text
        assert "Attitudes · owner: Managers · agreed in “Falls, kick-off”" in text
        await pilot.press("d")  # the first action has the keys; marking moves to the next
        await pilot.press("p")
        await pilot.click("#mark-2-dropped")  # the mouse works as well
        await settle(pilot)
        assert "Status: Dropped (saved)" in str(
            screen.query_one("#followup-2 .followup-state", Static).content
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    stored = services.vault.load_session(first.id)  # type: ignore[union-attr]
    assert [(a.id, a.status) for a in stored.actions] == [
        ("a1", ActionStatus.DONE),
        ("a2", ActionStatus.IN_PROGRESS),
        ("a3", ActionStatus.DROPPED),
    ]
    assert stored.updated == clock.now()
    titles = [s.title for s in services.vault.list_sessions()]  # type: ignore[union-attr]
    assert "Falls follow-up" in titles


async def test_follow_up_later_keeps_actions_open_and_offers_them_again(clock: FakeClock) -> None:
    services = seeded(clock)
    first = _first_session(services, clock)
    async with started(services) as (app, pilot):
        await _plan(pilot, "Falls follow-up", FALLS)
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        clock.advance(3600)
        await _plan(pilot, "Falls, third", FALLS)
        screen = app.screen
        assert isinstance(screen, FollowUpScreen)
        assert [r.item.action.id for r in screen.query(FollowUpRow)] == ["a1", "a2", "a3"]
    stored = services.vault.load_session(first.id)  # type: ignore[union-attr]
    assert {a.status for a in stored.actions} == {ActionStatus.OPEN}


async def test_a_project_without_earlier_sessions_has_no_follow_up_step(clock: FakeClock) -> None:
    services = seeded(clock)
    _first_session(services, clock)
    async with started(services) as (app, pilot):
        await _plan(pilot, "Brand new work", "A project of its own")
        assert isinstance(app.screen, HomeScreen)


async def test_a_follow_up_that_cannot_be_saved_says_why(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = seeded(clock)
    first = _first_session(services, clock)
    async with started(services) as (app, pilot):
        await _plan(pilot, "Falls follow-up", FALLS)

        def refuse(_session: Session) -> None:
            raise VaultWriteFailed("the disk is full; free some space and try again")

        monkeypatch.setattr(services.vault, "save_session", refuse)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        state = screen.query_one("#followup-0 .followup-state", Static)
        assert str(state.content) == "Status: Open"
        messages = [str(n.message) for n in app._notifications]
        assert any("not saved: the disk is full" in m for m in messages)
        monkeypatch.undo()
        await pilot.press("d")  # once the vault writes again, the same key works
        await settle(pilot)
        assert str(state.content) == "Status: Done (saved)"
    stored = services.vault.load_session(first.id)  # type: ignore[union-attr]
    assert stored.actions[0].status == ActionStatus.DONE


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_follow_up_snapshot(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    services = seeded(clock)
    _first_session(services, clock)

    async def steps(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await _plan(pilot, "Falls follow-up", FALLS)
        await pilot.press("d")  # marking moves on to the next action
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(services), terminal_size=size, run_before=steps)
