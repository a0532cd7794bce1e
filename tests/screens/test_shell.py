"""Pilot tests of what works everywhere: F1 help, the command palette, the size guard, auto-lock."""

from __future__ import annotations

from rich.style import Style
from textual.command import CommandPalette
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static

from facilitator.clock import FakeClock
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.lock import LockScreen
from screens.plan import PlanScreen
from screens.too_small import TooSmallScreen
from tests.screens.conftest import PASSPHRASE, make_services, seeded
from tests.screens.helpers import settle, started, type_text


async def test_f1_lists_every_key_of_the_screen_and_the_app(clock: FakeClock) -> None:
    async with started(seeded(clock), "f1") as (app, pilot):
        assert isinstance(app.screen, HelpScreen)
        lines = [str(s.content) for s in app.screen.query(".help-line").results(Static)]
        text = "\n".join(lines)
        for description in ("New session", "Resume", "Open", "Duplicate", "Delete", "Filter"):
            assert description in text
        for description in ("Help", "Lock now", "Quit"):
            assert description in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_palette_runs_a_screen_command(clock: FakeClock) -> None:
    async with started(seeded(clock), "ctrl+p") as (app, pilot):
        assert CommandPalette.is_open(app)
        await type_text(pilot, "new session")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def test_palette_lists_the_screens_keys_then_the_theme_in_a_fixed_order(
    clock: FakeClock,
) -> None:
    async with started(seeded(clock), "ctrl+p") as (app, pilot):
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(text.startswith("New session (n)") for text in texts[:-1])
        assert texts[-1].startswith("Theme")
        assert len(texts) == len(set(texts))  # the theme is offered once, not by two providers


async def test_too_small_terminal_is_named_and_the_notice_leaves_on_resize(
    clock: FakeClock,
) -> None:
    async with started(seeded(clock), size=(60, 20)) as (app, pilot):
        assert isinstance(app.screen, TooSmallScreen)
        text = str(app.screen.query_one("#too-small-text", Static).content)
        assert "60×20" in text and "80×24" in text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(79, 24)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_idle_time_locks_and_only_the_passphrase_unlocks(clock: FakeClock) -> None:
    services = seeded(clock)
    services.settings.autolock_minutes = 10
    async with started(services) as (app, pilot):
        clock.advance(9 * 60)
        app.check_autolock()
        assert not app.locked
        await pilot.press("down")  # activity resets the idle time
        clock.advance(9 * 60)
        app.check_autolock()
        assert not app.locked
        clock.advance(61)
        app.check_autolock()
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert not app.screen.query("#sessions")  # nothing of Home is on the lock screen
        await pilot.press("escape", "f1", "ctrl+p")  # no way around it
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        await type_text(pilot, "wrong guess")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "does not open" in str(app.screen.query_one("#status", Label).content)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_autolock_is_off_while_suspended_or_set_to_zero(clock: FakeClock) -> None:
    services = seeded(clock)
    services.settings.autolock_minutes = 10
    async with started(services) as (app, _pilot):
        app.autolock_suspended = True  # the presenter view runs a timer
        clock.advance(60 * 60)
        app.check_autolock()
        assert not app.locked
        app.autolock_suspended = False
        app.check_autolock()  # idle time counts from the end of the suspension
        assert not app.locked
        services.settings.autolock_minutes = 0
        clock.advance(60 * 60)
        app.check_autolock()
        assert not app.locked


async def test_plain_mode_announces_as_text_lines(clock: FakeClock) -> None:
    async with started(seeded(clock, plain=True)) as (app, pilot):
        assert app.animation_level == "none"
        app.announce("5 minutes left")
        await pilot.pause()
        log = app.screen.query_one("Announcements")
        assert log.display
        assert "5 minutes left" in "\n".join(log.lines)  # type: ignore[attr-defined]


async def test_lock_screen_focuses_the_passphrase(clock: FakeClock) -> None:
    async with started(seeded(clock), "ctrl+l") as (app, _pilot):
        assert isinstance(app.screen, LockScreen)
        assert app.screen.query_one("#passphrase", Input).has_focus


def _marks(widget: Widget) -> tuple[str, Style]:
    """What shows focus apart from colour: the border's line type and the text style."""
    return widget.styles.border_top[0], widget.styles.text_style


async def test_plain_mode_marks_focus_and_highlight_without_colour(clock: FakeClock) -> None:
    async with started(make_services(clock, exists=False, plain=True)) as (app, pilot):
        first = app.screen.query_one("#passphrase", Input)
        second = app.screen.query_one("#again", Input)
        assert first.has_focus
        assert _marks(first)[0] != _marks(second)[0]  # e.g. double line against a thin one
        await pilot.press("tab")
        assert second.has_focus
        assert _marks(second)[0] != _marks(first)[0]

    async with started(seeded(clock, plain=True)) as (app, pilot):
        sessions = app.screen.query_one("#sessions", OptionList)
        assert sessions.has_focus
        focused = sessions.get_component_styles("option-list--option-highlighted").text_style
        assert focused.reverse and focused.bold
        app.screen.query_one("#filter", Input).focus()
        await pilot.pause()
        blurred = sessions.get_component_styles("option-list--option-highlighted").text_style
        assert not blurred.reverse and blurred.underline  # still marked, and unlike focus


async def test_focus_marks_are_unchanged_outside_plain_mode(clock: FakeClock) -> None:
    async with started(make_services(clock, exists=False)) as (app, _pilot):
        first = app.screen.query_one("#passphrase", Input)
        assert first.has_focus
        assert _marks(first) == _marks(app.screen.query_one("#again", Input))


async def test_ctrl_l_locks_from_a_running_round_with_the_notes_editor_focused(
    clock: FakeClock,
) -> None:
    from screens.run.screen import RunScreen

    async with started(seeded(clock), "r") as (app, pilot):  # resume the session in progress
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
