"""Pilot tests of rebalancing: the end time holds (or the screen says it cannot), the running
round's countdown is untouched, and the summary shows the first plan beside the new one."""

from __future__ import annotations

from dataclasses import replace

from facilitator.clock import FakeClock
from facilitator.session import Session
from screens.run import RunScreen
from screens.run.rebalance import RebalanceModal, clock_time
from screens.summary import SummaryScreen
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
)


def _two_minute_opening(clock: FakeClock) -> Session:
    session = planned_session(clock)
    return replace(
        session, rounds=(replace(session.rounds[0], planned_minutes=2), *session.rounds[1:])
    )


async def test_an_overrun_round_keeps_its_plan_and_the_end_time_holds() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = _two_minute_opening(clock)  # 2 + 12 + 12 + 12 + 10 = 48 minutes
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f5")
        clock.advance(147)  # 2:27 of a 2-minute round
        run.tick()
        await pilot.press("ctrl+w")
        modal = app.screen
        assert isinstance(modal, RebalanceModal)
        end = clock_time(clock.now(), 48 * 60 - 147)
        text = screen_text(app)
        assert f"still ends at {end}" in text
        assert "Opening" not in text.split("keep the end time:")[1].split("still ends")[0]
        await pilot.click("#apply")
        assert app.screen is run
        assert run.clock.planned == 120 and run.clock.overrun == 27  # countdown untouched
        assert f"still ends at {end}" in str(run.query_one("#run-status").render())
        rounds = run.session.rounds
        assert rounds[0].planned_minutes == 2
        assert sum(r.planned_minutes for r in rounds[1:]) * 60 <= 48 * 60 - 147
        await pilot.press("f9")
        assert run.session.rounds[0].actual_seconds == 147
        finished = run.current()
    app = ScreenApp(make_services(vault, clock), lambda: SummaryScreen(finished))
    async with app.run_test(size=(100, 60)):
        text = screen_text(app)
        assert "2:27 of 2 min" in text and "of 3 min" not in text
        changed = next(r for r in finished.rounds if r.original_minutes is not None)
        assert (
            f"{changed.planned_minutes} min · first planned {changed.original_minutes} min" in text
        )
        assert "first planned 48 min" in text


async def test_when_the_end_cannot_hold_the_modal_says_how_late() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = planned_session(clock)  # 51 minutes
    app = ScreenApp(make_services(vault, clock, language="sv"), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f5")
        clock.advance(50 * 60)
        run.tick()
        await pilot.press("ctrl+w")
        assert isinstance(app.screen, RebalanceModal)
        end = clock_time(clock.now(), 60)
        best = clock_time(clock.now(), 4 * 60)
        text = screen_text(app)
        assert f"Den planerade sluttiden {end} går inte att hålla" in text
        assert f"slutar ni {best}, 3 min sent" in text
        await pilot.click("#keep")
        assert app.screen is run
        assert run.session.rounds == session.rounds
