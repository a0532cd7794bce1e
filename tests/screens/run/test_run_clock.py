"""Pilot tests of the round timer: pause, extend, time's up, overrun and rebalance, presenter."""

from __future__ import annotations

from typing import Any

from facilitator.clock import FakeClock
from screens.presenter import PresenterScreen
from screens.run import RunScreen
from screens.run.rebalance import RebalanceModal
from screens.run.timer import TimerPanel
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
    type_text,
)


def run_app(clock: FakeClock, vault: MemoryVault, **settings: Any) -> ScreenApp:
    session = planned_session(clock)
    return ScreenApp(make_services(vault, clock, **settings), lambda: RunScreen(session))


async def test_pause_resume_and_extend() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = run_app(clock, vault)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        assert "Paused" in screen_text(app)
        await pilot.press("f5")
        clock.advance(100)
        run.tick()
        assert run.clock.time_left == 200
        await pilot.press("f5")  # pause
        clock.advance(500)
        run.tick()
        assert run.clock.time_left == 200 and "Paused" in screen_text(app)
        await pilot.press("f6")
        await pilot.press("f7")
        assert run.clock.time_left == 200 + 360
        await pilot.press("f5")
        clock.advance(60)
        run.tick()
        assert run.clock.time_left == 500
        assert "8:20" not in screen_text(app)  # digits are drawn, not typed
        await run.saver.flush()
        state = vault.load_session("session-1").clock
        assert state is not None and state.planned_seconds == 660


async def test_times_up_is_a_cue_with_bell_text_and_border_not_a_forced_move() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = run_app(clock, vault)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f5")
        clock.advance(4 * 60 + 1)
        run.tick()
        assert app.announced == ["One minute left in this round."]
        clock.advance(70)
        run.tick()
        run.tick()
        assert app.bells == 1
        assert app.announced[-1] == "Time's up for this round."
        assert run.query_one(TimerPanel).has_class("-up")
        text = screen_text(app)
        assert "TIME'S UP" in text and "ctrl+w" in text
        assert run.session.current_round == 0  # never ends by itself
        await pilot.press("f6")
        assert not run.query_one(TimerPanel).has_class("-up")


async def test_five_minute_milestone_and_auto_advance_when_switched_on() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = run_app(clock, vault, auto_advance=True, bell=False)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f9")  # opening done; resources has 12 minutes
        await pilot.press("f5")
        clock.advance(7 * 60)
        run.tick()
        assert app.announced == ["Five minutes left in this round."]
        clock.advance(5 * 60)
        run.tick()
        assert app.bells == 0
        assert run.session.current_round == 2
        assert run.session.rounds[1].actual_seconds == 12 * 60


async def test_overrun_then_rebalance_keeps_the_end_time() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = run_app(clock, vault)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        planned_total = run.session.planned_minutes
        await pilot.press("f5")
        clock.advance(5 * 60)
        await pilot.press("f9")  # opening on time
        clock.advance(18 * 60)  # resources: 12 planned, 18 used
        run.tick()
        await pilot.press("ctrl+w")
        assert isinstance(app.screen, RebalanceModal)
        assert "Attitudes: 12 →" in screen_text(app)
        await pilot.press("enter")
        assert app.screen is run
        minutes = [r.planned_minutes for r in run.session.rounds]
        assert minutes[:2] == [5, 12]  # the running round keeps its plan and its countdown
        assert run.clock.planned == 12 * 60 and run.clock.overrun == 6 * 60
        assert sum(minutes[2:]) == planned_total - 5 - 18
        assert [r.first_plan for r in run.session.rounds] == [5, 12, 12, 12, 10]
        await run.saver.flush()
        saved = vault.load_session("session-1")
        assert [r.planned_minutes for r in saved.rounds] == minutes


async def test_rebalance_can_be_declined() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = run_app(clock, vault)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        before = run.session.rounds
        await pilot.press("f5")
        clock.advance(9 * 60)
        await pilot.press("ctrl+w")
        await pilot.press("escape")
        assert run.session.rounds == before


async def test_presenter_view_shows_prompt_and_timer_never_notes_or_ratings() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = run_app(clock, vault)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f9")  # resources
        await type_text(pilot, "secret note about Anna")
        await pilot.press("enter")
        await pilot.press("ctrl+r")
        await type_text(pilot, "2 4")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        await type_text(pilot, "draft in progress")
        await pilot.press("f2")
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        text = screen_text(app)
        assert "Resources" in text and "Which means does each party bring" in text
        assert "Anna" not in text and "draft in progress" not in text
        assert "mean 3.0" not in text and "2 ratings" not in text
        assert "mean 3.0" in screen_text(app, run)
        assert app.autolock_suspended is False
        await pilot.press("space")
        assert app.autolock_suspended is True and run.clock.running
        await pilot.press("right")
        assert "What would a patient, user or relative need" in screen_text(app)
        clock.advance(13 * 60)
        presenter.tick()
        assert "TIME'S UP" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is run
        assert app.autolock_suspended is False
        assert run.prompt_index == 1
