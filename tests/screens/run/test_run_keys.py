"""Pilot tests that the run, presenter and rebalance keys speak the user's language."""

from __future__ import annotations

from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from facilitator.clock import FakeClock
from screens.commands import collect_keys
from screens.presenter import PresenterScreen
from screens.run import RunScreen
from screens.run.rebalance import RebalanceModal
from tests.screens.helpers import plain_screen_text
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
)


def descriptions(screen: Screen[Any]) -> list[str]:
    """Every key description the screen (and its focused widgets) offers in help."""
    return [e.binding.description for e in collect_keys(screen) if not e.everywhere]


def swedish_app(clock: FakeClock) -> ScreenApp:
    return ScreenApp(
        make_services(MemoryVault(), clock, language="sv"),
        lambda: RunScreen(planned_session(clock, "sv")),
    )


async def test_run_footer_and_help_are_swedish() -> None:
    clock = FakeClock()
    app = swedish_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        text = screen_text(app)
        for word in ("Hjälp", "Starta/pausa", "Nästa runda", "Förra"):
            assert word in text
        assert "Next round" not in text and "Start/pause" not in text
        keys = descriptions(run)
        assert "Ångra" in keys and "Parkerade frågor" in keys and "Rollgrupp" in keys
        assert "Hoppa över" in keys
        assert not [d for d in keys if d.startswith(("run.", "key.")) or "Cursor" in d]

        await pilot.press("f2")
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        text = screen_text(app)
        assert "Tillbaka" in text and "Nästa fråga" in text and "Back" not in text

        await pilot.press("escape", "f9")
        clock.advance(20 * 60)
        await pilot.press("ctrl+w")
        assert isinstance(app.screen, RebalanceModal)
        text = screen_text(app)
        assert "Behåll planen" in text and "Attityder: 12 →" in text and "Keep plan" not in text


async def test_english_key_descriptions_are_catalog_text_not_keys() -> None:
    clock = FakeClock()
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        keys = descriptions(app.screen)
        assert "Next round" in keys and "Undo" in keys
        assert not [d for d in keys if d.startswith(("run.", "key."))]
        await pilot.press("f2")
        assert "Back" in descriptions(app.screen)


@pytest.mark.parametrize(("language", "help_word"), [("en", "Help"), ("sv", "Hjälp")])
async def test_the_run_footer_fits_80_columns_in_both_languages(
    language: str, help_word: str
) -> None:
    """F1 comes first and the palette key last, whole; the rest are in F1 help and the palette."""
    clock = FakeClock()
    session = planned_session(clock, language)
    app = ScreenApp(
        make_services(MemoryVault(), clock, language=language), lambda: RunScreen(session)
    )
    async with app.run_test(size=(80, 24)):
        footer = plain_screen_text(app).rstrip("\n").splitlines()[-1]
        assert footer.startswith(f"F1 {help_word}"), footer
        assert footer.index("F5") < footer.index("F9") < footer.index("F10") < footer.index("^p")
        assert footer.rstrip().endswith(("Commands", "Kommandon"))
        assert "+5 min" not in footer
        assert "+5 min" in descriptions(app.screen)


@pytest.mark.parametrize(
    ("language", "cut", "presenter"),
    [("en", "Cut", "Presenter"), ("sv", "Klipp ut", "Projektorvy")],
)
async def test_the_note_editor_cuts_with_shift_delete_and_help_says_what_ctrl_x_does(
    language: str, cut: str, presenter: str
) -> None:
    """Ctrl+X is the presenter view's twin, so the editor cuts with Shift+Delete; help says so."""
    clock = FakeClock()
    services = make_services(MemoryVault(), clock, language=language)
    app = ScreenApp(services, lambda: RunScreen(planned_session(clock, language)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        entries = {e.binding.description: e.key_display for e in collect_keys(run)}
        assert entries[cut].lower() == "shift+del"
        assert "^x" in entries[presenter].lower() or "ctrl+x" in entries[presenter].lower()
        editor = run.query_one("#note-editor", TextArea)
        editor.insert("keep this cut")
        editor.selection = Selection((0, 9), (0, 13))
        await pilot.press("shift+delete")
        assert editor.text == "keep this"
        assert isinstance(app.screen, RunScreen)  # not the presenter view
