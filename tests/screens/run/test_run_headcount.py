"""Pilot tests that the run screen never records more ratings than people of a group."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.vocabulary import RoleGroup
from screens.run import RunScreen
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
    type_text,
)


async def _rate(pilot: object, run: RunScreen, group: RoleGroup, text: str) -> None:
    field = run.query_one(f"#rating-{group.value}", Input)
    field.focus()
    field.value = ""
    await type_text(pilot, text)
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_ratings_beyond_the_head_count_are_refused_with_a_message() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = planned_session(clock)  # 4 professionals, 2 users and relatives, 1 manager
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f9")  # into resources, which has a scale
        await pilot.press("ctrl+r")
        await _rate(pilot, run, RoleGroup.PROFESSIONALS, "2 3x4")
        status = str(run.query_one("#run-status").render())
        assert "Professionals: 5 ratings, but only 4 take part" in status
        assert run.query_one("#rating-professionals", Input).has_class("-invalid")
        assert run.session.ratings_for("resources", RoleGroup.PROFESSIONALS) == ()
        await _rate(pilot, run, RoleGroup.PROFESSIONALS, "2 3x3")
        assert not run.query_one("#rating-professionals", Input).has_class("-invalid")
        await _rate(pilot, run, RoleGroup.MANAGERS, "4 4")
        assert "Managers: 2 ratings, but only 1 take part" in screen_text(app)
        await run.saver.flush()
        saved = vault.load_session(session.id)
        assert saved.rated_by("resources", RoleGroup.PROFESSIONALS) == 4
        assert saved.rated_by("resources", RoleGroup.MANAGERS) == 0


async def test_the_refusal_is_in_swedish_in_a_swedish_app() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = planned_session(clock, language="sv")
    app = ScreenApp(make_services(vault, clock, language="sv"), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f9")
        await _rate(pilot, run, RoleGroup.USERS_RELATIVES, "1x3")
        status = str(run.query_one("#run-status").render())
        assert "3 skattningar, men bara 2 deltar" in status
