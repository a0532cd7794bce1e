"""A press or key queued on a screen that has since been covered closes nothing else.

Found by the random keys: help's About button, pressed in the same terminal read as keys that
covered help, popped the screen on top instead of help, then the last screen, and the app
stopped. Textual's `dismiss` pops whatever screen is on top.
"""

from __future__ import annotations

from textual.widgets import Button

from facilitator.clock import FakeClock
from screens.about import AboutScreen
from screens.help import HelpScreen
from tests.screens.conftest import seeded
from tests.screens.helpers import settle, started


async def test_a_press_reaching_help_under_another_screen_leaves_every_screen(
    clock: FakeClock,
) -> None:
    async with started(seeded(clock), "f1", "ctrl+p") as (app, pilot):
        help_screen, palette = app.screen_stack[-2:]
        assert isinstance(help_screen, HelpScreen) and palette is app.screen
        stack = list(app.screen_stack)
        about = help_screen.query_one("#help-about", Button)
        help_screen.post_message(Button.Pressed(about))  # queued before ctrl+p took effect
        await settle(pilot)
        assert app.is_running and app.screen_stack == stack
        assert not any(isinstance(s, AboutScreen) for s in app.screen_stack)


async def test_a_covered_screen_that_dismisses_leaves_the_screen_on_top(clock: FakeClock) -> None:
    async with started(seeded(clock), "f1", "ctrl+p") as (app, pilot):
        help_screen, palette = app.screen_stack[-2:]
        assert isinstance(help_screen, HelpScreen) and palette is app.screen
        help_screen.dismiss(None)
        await settle(pilot)
        assert app.screen is palette and help_screen in app.screen_stack
