"""Pilot tests of Plan: running total and end time, inline validation, saving through a worker."""

from __future__ import annotations

from textual.widgets import Input, Label, Static

from facilitator.clock import FakeClock
from facilitator.vocabulary import SessionStatus
from screens.factory import make_app
from screens.home import HomeScreen
from screens.plan import PlanScreen
from screens.plan_form import validate
from tests.screens.conftest import make_services, seed
from tests.screens.helpers import settle, type_text


def _error(app: object, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Label).content)  # type: ignore[attr-defined]


async def _open_plan(clock: FakeClock) -> tuple[object, object]:
    services = make_services(clock)
    seed(services, clock)
    return services, make_app(services)


async def test_total_and_planned_end_follow_the_minutes(clock: FakeClock) -> None:
    _services, app = await _open_plan(clock)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        total = app.screen.query_one("#total", Static)  # type: ignore[attr-defined]
        assert "51 min" in str(total.content) and "09:51" in str(total.content)
        app.screen.query_one("#minutes-1", Input).value = "20"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "59 min" in str(total.content) and "09:59" in str(total.content)


async def test_validation_keeps_everything_typed(clock: FakeClock) -> None:
    services, app = await _open_plan(clock)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen  # type: ignore[attr-defined]
        screen.query_one("#minutes-2", Input).value = "0"
        screen.query_one("#minutes-3", Input).value = "-5"
        screen.query_one("#project", Input).value = "Safer discharge"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)  # type: ignore[attr-defined]
        assert "title" in _error(app, "title")
        assert "1 or more" in _error(app, "minutes-2")
        assert "1 or more" in _error(app, "minutes-3")
        assert _error(app, "minutes-1") == ""
        assert "at least one participant" in _error(app, "participants")
        assert screen.query_one("#title", Input).has_focus
        assert screen.query_one("#project", Input).value == "Safer discharge"
        assert screen.query_one("#minutes-3", Input).value == "-5"
        assert len(services.vault.list_sessions()) == 4  # type: ignore[attr-defined]


async def test_save_creates_a_planned_session(clock: FakeClock) -> None:
    services, app = await _open_plan(clock)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Falls prevention")
        screen = app.screen  # type: ignore[attr-defined]
        screen.query_one("#project", Input).value = "Safer discharge"
        screen.query_one("#count-professionals", Input).value = "5"
        screen.query_one("#count-users_relatives", Input).value = "3"
        screen.query_one("#minutes-0", Input).value = "7"
        screen.query_one("#speak-first").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # type: ignore[attr-defined]
        vault = services.vault  # type: ignore[attr-defined]
        summary = next(s for s in vault.list_sessions() if s.title == "Falls prevention")
        session = vault.load_session(summary.id)
        assert session.status == SessionStatus.PLANNED
        assert session.project == "Safer discharge"
        assert session.participants.total == 8
        assert session.users_speak_first
        assert [r.planned_minutes for r in session.rounds] == [7, 12, 12, 12, 10]
        assert session.created == clock.now()


async def test_escape_with_a_title_asks_before_leaving(clock: FakeClock) -> None:
    _services, app = await _open_plan(clock)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Draft")
        await pilot.press("escape")
        await pilot.press("n")
        assert isinstance(app.screen, PlanScreen)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # type: ignore[attr-defined]


def test_validate_rules() -> None:
    from facilitator.vocabulary import RoleGroup

    counts = {RoleGroup.PROFESSIONALS: "2", RoleGroup.USERS_RELATIVES: "", RoleGroup.MANAGERS: "0"}
    assert validate("Title", ["5", "10"], counts) == {}
    assert validate("  ", ["5"], counts) == {"title": "plan.error.title"}
    assert validate("T", ["x"], counts) == {"minutes-0": "plan.error.minutes"}
    bad = {RoleGroup.PROFESSIONALS: "-1", RoleGroup.USERS_RELATIVES: "", RoleGroup.MANAGERS: ""}
    assert validate("T", ["5"], bad) == {"participants": "plan.error.count"}
    assert validate("T", [], counts) == {"template": "plan.error.template"}
