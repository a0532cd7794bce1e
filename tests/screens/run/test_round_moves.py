"""Pilot tests of moving between rounds: previous round, undo of next or skip, finishing."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from facilitator.clock import FakeClock
from facilitator.session import Session
from facilitator.vocabulary import SessionStatus
from screens.run import RunScreen
from screens.run.finish import FinishModal
from screens.run.undo_offer import UndoOffer
from screens.summary.screen import SummaryScreen
from tests.screens.helpers import type_text
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
)


def run_app(clock: FakeClock, language: str = "en") -> tuple[ScreenApp, MemoryVault]:
    vault = MemoryVault()
    session = planned_session(clock, language)
    app = ScreenApp(make_services(vault, clock, language=language), lambda: RunScreen(session))
    return app, vault


def run_screen(app: ScreenApp) -> RunScreen:
    screen = app.screen
    assert isinstance(screen, RunScreen)
    return screen


def offer_shown(app: ScreenApp) -> bool:
    return bool(run_screen(app).query_one(UndoOffer).display)


async def tick(pilot: Pilot[None]) -> None:
    run_screen(pilot.app).tick()  # type: ignore[arg-type]
    await pilot.pause()


@pytest.mark.parametrize("key", ["f10", "ctrl+u"])
async def test_previous_round_returns_with_the_time_already_used(key: str) -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        clock.advance(90)
        await pilot.press("f9")  # resources, the clock still runs
        clock.advance(30)
        await pilot.press(key)
        run = run_screen(app)
        assert run.session.current_round == 0
        assert run.clock.elapsed == 90 and run.clock.running
        assert run.session.rounds[1].actual_seconds == 30
        assert not run.session.rounds[0].skipped and not run.session.rounds[0].ended_early
        await pilot.press(key)  # nothing before the first round: said, nothing changes
        assert run.session.current_round == 0
        await pilot.press("f9")
        assert run.session.current_round == 1 and run.clock.elapsed == 30


async def test_previous_round_by_clicking_the_footer() -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        await pilot.click("#run-footer .run-footer-key", offset=(1, 0))  # F1 is first
        await pilot.pause()
        keys = list(run_screen(app).query(".run-footer-key"))
        await pilot.click(keys[3])  # F10 previous
        await pilot.pause()
        assert run_screen(app).session.current_round == 0


@pytest.mark.parametrize("how", ["key", "click"])
@pytest.mark.parametrize("move", ["f9", "f8", "ctrl+j", "ctrl+d"])
async def test_next_or_skip_can_be_undone_exactly(move: str, how: str) -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        clock.advance(75)
        run = run_screen(app)
        before = run.current()
        await pilot.press(move)
        assert run.session.current_round == 1 and offer_shown(app)
        assert "Undo" in screen_text(app)
        if how == "key":
            await pilot.press("ctrl+z")
        else:
            await pilot.click("#undo-move")
        await pilot.pause()
        assert not offer_shown(app)
        assert run.session.rounds == before.rounds
        assert run.session.current_round == 0 and run.session.status == before.status
        assert run.clock.elapsed == 75 and run.clock.running


async def test_the_undo_offer_stays_ten_seconds_then_goes() -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        clock.advance(9.5)
        await tick(pilot)
        assert offer_shown(app)
        clock.advance(0.5)
        await tick(pilot)
        assert not offer_shown(app)
        await pilot.press("ctrl+z")  # passes on to the editor: the round stays
        assert run_screen(app).session.current_round == 1


async def test_a_round_that_ran_and_is_skipped_is_ended_early() -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        clock.advance(32 * 60)
        await pilot.press("f8")  # opening ran 32 minutes
        await pilot.press("f8")  # resources never ran
        await type_text(pilot, "a note")
        await pilot.press("enter", "f8")  # attitudes had content but no time
        rounds = run_screen(app).session.rounds
        assert rounds[0].ended_early and not rounds[0].skipped
        assert rounds[0].actual_seconds == 32 * 60
        assert rounds[1].skipped and not rounds[1].ended_early
        assert rounds[2].ended_early and not rounds[2].skipped


async def finish_with(pilot: Pilot[None], answer: str) -> None:
    app = pilot.app
    run = run_screen(app)  # type: ignore[arg-type]
    while run.session.current_round + 1 < len(run.session.rounds):
        await pilot.press("f9")
    await pilot.press("f9")
    assert isinstance(app.screen, FinishModal)
    if answer in ("keep", "yes"):
        await pilot.click(f"#finish-{answer}")
    else:
        await pilot.press(answer)
    await pilot.pause()


@pytest.mark.parametrize("answer", ["keep", "n", "escape"])
async def test_finishing_asks_and_can_be_declined(answer: str) -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_with(pilot, answer)
        run = run_screen(app)
        assert run.session.status == SessionStatus.IN_PROGRESS
        assert run.session.current_round == len(run.session.rounds) - 1


@pytest.mark.parametrize("answer", ["yes", "y"])
async def test_finishing_asks_and_then_finishes(answer: str) -> None:
    clock = FakeClock()
    app, vault = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await finish_with(pilot, answer)
        assert isinstance(app.screen, SummaryScreen)
        saved: Session = vault.load_session("session-1")
        assert saved.status == SessionStatus.FINISHED


async def test_swedish_finish_question_and_j_for_yes() -> None:
    clock = FakeClock()
    app, _ = run_app(clock, "sv")
    async with app.run_test(size=(100, 30)) as pilot:
        run = run_screen(app)
        while run.session.current_round + 1 < len(run.session.rounds):
            await pilot.press("ctrl+j")
        await pilot.press("ctrl+j")
        text = screen_text(app)
        assert "Avsluta samtalet" in text and "Fortsätt" in text and "Finish" not in text
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


@pytest.mark.parametrize(
    ("language", "label"), [("en", "ended early"), ("sv", "avslutades i förtid")]
)
async def test_the_summary_says_ended_early(language: str, label: str) -> None:
    clock = FakeClock()
    app, _ = run_app(clock, language)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        clock.advance(120)
        await pilot.press("f8")
        await finish_with(pilot, "yes")
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#summary-time", Static).render())
        assert f"[{label}]" in text
        assert "skipped" not in text and "hoppades över" not in text


async def test_every_f_key_and_former_ctrl_b_action_has_a_safe_twin() -> None:
    from screens.presenter import PresenterScreen

    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        for screen in (run_screen(app), None):
            if screen is None:
                await pilot.press("f2")
                assert isinstance(app.screen, PresenterScreen)
                screen = app.screen
            keys: dict[str, set[str]] = {}
            for key, binding in screen._bindings:
                keys.setdefault(binding.action, set()).add(key)
            for action, bound in keys.items():
                assert not bound & {"ctrl+b", "ctrl+s", "ctrl+q"}, action
                if any(k.startswith("f") and k[1:].isdigit() for k in bound):
                    twins = {k for k in bound if not (k.startswith("f") and k[1:].isdigit())}
                    assert twins, f"{action} has only F-keys"
            assert "rebalance" in keys or isinstance(screen, PresenterScreen)


@pytest.mark.parametrize(
    ("twin", "check"),
    [
        ("ctrl+a", lambda run: run.clock.running),
        ("ctrl+e", lambda run: run.clock.planned == 6 * 60),
        ("ctrl+y", lambda run: run.clock.planned == 10 * 60),
        ("shift+down", lambda run: run.prompt_index == 1),
        ("ctrl+j", lambda run: run.session.current_round == 1),
    ],
)
async def test_the_twins_do_what_their_f_keys_do(twin: str, check: object) -> None:
    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_text(pilot, "half")  # the twins work while the note editor has the focus
        await pilot.press(twin)
        await pilot.pause()
        assert check(run_screen(app))  # type: ignore[operator]


async def test_ctrl_w_rebalances_and_ctrl_x_opens_the_presenter() -> None:
    from screens.presenter import PresenterScreen
    from screens.run.rebalance import RebalanceModal

    clock = FakeClock()
    app, _ = run_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        await pilot.press("ctrl+x")
        await pilot.pause()
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert isinstance(app.screen, RebalanceModal)
