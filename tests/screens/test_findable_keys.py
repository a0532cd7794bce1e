"""Pilot tests that keys are findable: help and palette order, Start now, Escape, follow-up."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from facilitator.clock import FakeClock
from facilitator.vocabulary import ActionStatus, SessionStatus
from screens.commands import collect_keys
from screens.followup import FollowUpRow, FollowUpScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.run import RunScreen
from tests.screens.conftest import seeded
from tests.screens.helpers import plain_screen_text, settle, started, type_text
from tests.screens.test_plan import FALLS, _first_session


async def _fill_plan(pilot: object, title: str, project: str = "Safer discharge") -> None:
    await type_text(pilot, title)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    screen.query_one("#project", Input).value = project
    screen.query_one("#count-professionals", Input).value = "4"


@pytest.mark.parametrize("how", ["key", "click"])
async def test_start_now_saves_the_plan_and_opens_the_run(clock: FakeClock, how: str) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await _fill_plan(pilot, "Falls prevention")
        if how == "key":
            await pilot.press("ctrl+r")
        else:
            app.screen.query_one("#plan-start").scroll_visible(animate=False)
            await pilot.pause()
            await pilot.click("#plan-start")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert app.screen.session.title == "Falls prevention"
        await pilot.press("escape")  # back to the list, where the new session is
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        titles = {s.title: s for s in services.vault.list_sessions()}  # type: ignore[union-attr]
        assert titles["Falls prevention"].status == SessionStatus.IN_PROGRESS


async def test_save_button_saves_without_starting(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await _fill_plan(pilot, "Saved only")
        app.screen.query_one("#plan-save").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#plan-save")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_start_now_after_the_follow_up_step(clock: FakeClock) -> None:
    services = seeded(clock)
    _first_session(services, clock)
    async with started(services, "n") as (app, pilot):
        await _fill_plan(pilot, "Falls follow-up", FALLS)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)


async def test_escape_from_the_run_pauses_and_keeps_everything(clock: FakeClock) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await _fill_plan(pilot, "Escape test")
        await pilot.press("ctrl+r")
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f5")
        clock.advance(42)
        await type_text(pilot, "filed")
        await pilot.press("enter")
        await type_text(pilot, "half typed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        vault = services.vault
        summary = next(s for s in vault.list_sessions() if s.title == "Escape test")  # type: ignore[union-attr]
        saved = vault.load_session(summary.id)  # type: ignore[union-attr]
        assert saved.clock is not None and not saved.clock.running
        assert saved.clock.elapsed_seconds == 42
        assert [n.text for n in saved.notes] == ["filed"]
        assert saved.draft is not None and saved.draft.text == "half typed"


async def test_follow_up_keys_move_to_the_next_action(clock: FakeClock) -> None:
    services = seeded(clock)
    first = _first_session(services, clock)
    async with started(services, "n") as (app, pilot):
        await _fill_plan(pilot, "Falls follow-up", FALLS)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowUpScreen)
        rows = list(screen.query(FollowUpRow))
        await pilot.press("d")
        assert screen.focused is rows[1]
        await pilot.press("x")
        assert screen.focused is rows[2]
        await pilot.press("p")
        assert screen.focused is rows[2]  # the last stays
        await pilot.press("enter")
        await settle(pilot)
    stored = services.vault.load_session(first.id)  # type: ignore[union-attr]
    assert [a.status for a in stored.actions] == [
        ActionStatus.DONE,
        ActionStatus.DROPPED,
        ActionStatus.IN_PROGRESS,
    ]


@pytest.mark.parametrize("key", ["f1", "ctrl+k"])
async def test_help_lists_the_run_screens_own_actions_first(clock: FakeClock, key: str) -> None:
    services = seeded(clock)
    async with started(services, "n") as (app, pilot):
        await _fill_plan(pilot, "Help order")
        await pilot.press("ctrl+r")
        await settle(pilot)
        entries = collect_keys(app.screen)
        actions = [e.binding.action for e in entries]
        assert actions[:3] == ["toggle_clock", "next_round", "previous_round"]
        assert not [a for a in actions if "scroll" in a or "cursor" in a]
        assert actions.index("leave") < actions.index("app.focus_next")
        assert entries[-1].everywhere and not entries[0].everywhere
        assert next(e for e in entries if e.binding.action == "next_round").key_display == "f9 ^j"
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        lines = [str(s.content) for s in app.screen.query(".help-line")]
        text = "\n".join(lines)
        assert lines[0].startswith("f5 ^a") and "Start/pause" in lines[0]
        assert text.index("Start/pause") < text.index("Next field") < text.index("Quit")
        assert "Scroll" not in text
        await pilot.press(key)
        assert isinstance(app.screen, RunScreen)


async def test_palette_lists_the_screens_actions_first(clock: FakeClock) -> None:
    async with started(seeded(clock), "n") as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        text = plain_screen_text(app)
        assert text.index("Save") < text.index("Start now") < text.index("Quit")
        assert "Scroll" not in text


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_run_footer_shows_f1_at_80_columns_and_never_reorders(
    clock: FakeClock, language: str
) -> None:
    services = seeded(clock, language=language)
    async with started(services, "n", size=(80, 24)) as (app, pilot):
        await _fill_plan(pilot, "Footer")
        await pilot.press("ctrl+r")
        await settle(pilot)
        footers = []
        for key in ("f9", "tab", "f9", "ctrl+r", "f10"):
            footers.append(plain_screen_text(app).rstrip("\n").splitlines()[-1])
            await pilot.press(key)
        assert footers[0].lstrip().startswith("F1")
        assert len(set(footers)) == 1, footers
        assert "^p" in footers[0]
