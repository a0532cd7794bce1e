"""The presenter view: block digits that fill the width and grow, the paused state in words,
and a resumed session that says how much time is left without losing a second."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.vault import KdfParams, Vault
from screens.big_clock import BigClock, render_big, units_wide
from screens.presenter import PresenterScreen
from screens.run import RunScreen
from screens.run.timer import TimerPanel
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
)

PASSPHRASE = "correct horse battery staple"


def test_render_big_fills_the_width_and_keeps_glyphs_apart() -> None:
    rows = render_big("12:34", 70, 10)
    assert len(rows) == 10 and {len(r) for r in rows} == {70}
    assert units_wide("12:34") == 17
    assert render_big("0", 3, 5) == ["███", "█ █", "█ █", "█ █", "███"]


@pytest.mark.parametrize("width", [1, 5, 17, 40, 80, 133, 240])
def test_render_big_never_overflows(width: int) -> None:
    for text in ("0:00", "12:34", "+1:05", "+123:45"):
        rows = render_big(text, width, 12)
        fits = units_wide(text) <= width
        assert not fits or max(len(r) for r in rows) <= width
        assert len(rows) <= max(5, 12)


def presenter_app(clock: FakeClock, vault: Any, session: Any = None, **settings: Any) -> ScreenApp:
    session = session or planned_session(clock)
    return ScreenApp(make_services(vault, clock, **settings), lambda: RunScreen(session))


def clock_rows(app: Any) -> list[str]:
    big = app.screen.query_one(BigClock)
    return [r for r in big.render().plain.split("\n") if r.strip()]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50), (240, 70)])
async def test_presenter_digits_fill_the_screen_width_and_grow(size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = presenter_app(clock, MemoryVault())
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, PresenterScreen)
        rows = clock_rows(app)
        width = max(len(r) for r in rows)
        assert width >= 0.8 * size[0]  # "5:00" across most of the screen
        assert len(rows) >= 5 * max(1, (size[1] - 14) // 10)
        text = screen_text(app)
        assert "Opening" in text and "Paused, 5:00 left" in text


async def test_presenter_digits_grow_with_the_terminal() -> None:
    clock = FakeClock()
    app = presenter_app(clock, MemoryVault())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        small = clock_rows(app)
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        large = clock_rows(app)
        assert len(large) > len(small) and len(large[0]) > len(small[0])


async def test_presenter_says_paused_and_running_in_words_in_both_languages() -> None:
    clock = FakeClock()
    app = presenter_app(clock, MemoryVault(), language="sv")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        assert "Pausad, 5:00 kvar" in screen_text(app)
        await pilot.press("space")
        clock.advance(61.5)
        app.screen.tick()
        await pilot.pause()
        assert "Tiden går, 3:59 kvar" in screen_text(app)
        await pilot.press("f5")
        assert "Pausad, 3:59 kvar" in screen_text(app)


async def test_resumed_session_is_paused_with_the_exact_time_left_after_a_real_reopen(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    vault, _ = Vault.create(tmp_path, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    session = planned_session(clock)
    vault.save_session(session)
    app = presenter_app(clock, vault, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        clock.advance(77.25)
        app.screen.tick()
        await pilot.press("f2")
        await pilot.press("space")  # paused from the presenter view
        clock.advance(600)  # a long pause costs nothing
    vault.close()
    reopened = Vault.unlock(tmp_path, PASSPHRASE, clock=clock)
    saved = reopened.load_session(session.id)
    assert saved.clock is not None and saved.clock.elapsed_seconds == 77.25
    app = presenter_app(clock, reopened, saved)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        assert not run.clock.running and run.clock.time_left == 300 - 77.25
        assert str(run.query_one("#timer-state").render()) == "⏸ Paused, 3:43 left · F5 starts"
        await pilot.press("f2")
        assert "Paused, 3:43 left" in screen_text(app)
    reopened.close()


async def test_a_running_clock_closed_by_the_app_keeps_every_second(tmp_path: Path) -> None:
    clock = FakeClock()
    vault, _ = Vault.create(tmp_path, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    session = planned_session(clock)
    app = presenter_app(clock, vault, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        clock.advance(3.5)  # less than the periodic clock save
        assert isinstance(app.screen.query_one(TimerPanel), TimerPanel)
    vault.close()
    reopened = Vault.unlock(tmp_path, PASSPHRASE, clock=clock)
    saved = reopened.load_session(session.id)
    assert saved.clock is not None and saved.clock.elapsed_seconds == 3.5
    reopened.close()


@pytest.mark.parametrize("key", ["f10", "ctrl+u"])
async def test_presenter_goes_back_a_round_with_the_run_screens_keys(key: str) -> None:
    clock = FakeClock()
    app = presenter_app(clock, MemoryVault())
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f9", "f2")  # the resources round, shown to the room
        assert "Resources" in screen_text(app)
        await pilot.press(key)
        assert isinstance(app.screen, PresenterScreen)
        assert run.session.current_round == 0
        assert "Opening" in screen_text(app) and "Resources" not in screen_text(app)


async def test_presenter_binds_the_run_screens_round_keys() -> None:
    """One definition of the keys: the presenter's twins are the run screen's."""
    from screens.run.keys import ROUND_KEYS

    def action_of(screen: Any, key: str) -> str:
        return str(screen._bindings.key_to_bindings[key][0].action)

    app = presenter_app(FakeClock(), MemoryVault())
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        await pilot.press("f2")
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        for action in ("toggle_clock", "previous_round", "extend(1)", "extend(5)", "prompt(1)"):
            for key in ROUND_KEYS[action][0].split(","):
                assert action_of(run, key) == action_of(presenter, key) == action
