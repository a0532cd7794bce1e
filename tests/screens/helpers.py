"""Helpers for Pilot tests: settle workers and messages without sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from textual.app import App, ScreenStackError
from textual.pilot import Pilot
from textual.widgets import Button
from textual.worker import WorkerCancelled

from screens.factory import make_app

PRESS_EFFECT_POLLS = 600  # 30 s of 0.05 s waits; the effect's own timer ends it after 0.2 s

if TYPE_CHECKING:
    from screens.app import FacilitatorApp
    from screens.services import Services


async def settle(pilot: Pilot[None]) -> None:
    """Wait for every worker to finish, for the messages they posted to be handled, for every
    animation (a scroll to the focused widget) to end, and for every button to take a press."""
    app: App[None] = pilot.app
    for _ in range(3):
        await workers_done(app)
        await pilot.pause()
    await asyncio.wait_for(app.animator.wait_until_complete(), timeout=30)
    await presses_taken(pilot)


async def presses_taken(pilot: Pilot[None]) -> None:
    """Wait until no button on the screen shows its press effect.

    Textual ignores a click or Enter on a button for the 0.2 s it shows that effect, so a test
    that presses the same button again sooner (a fast machine does) would lose the press.
    """
    for _ in range(PRESS_EFFECT_POLLS):
        try:
            buttons = pilot.app.screen.query(Button)
        except ScreenStackError:  # the app has quit: nothing left to press
            return
        if not any(button.has_class("-active") for button in buttons):
            return
        await pilot.pause(0.05)
    raise AssertionError("a button kept its press effect for 30 s: its timer never ran")


async def workers_done(app: App[None]) -> None:
    """Wait for every worker of `app`; one cancelled meanwhile counts as done, a failed one raises.

    Textual cancels a widget's workers when its screen closes (escape from the run screen while
    its autosave writes), so a worker can be cancelled after the wait began: that is how it
    ends, not an error. `WorkersManager.wait_for_complete` raises WorkerCancelled for it.
    """
    for worker in list(app.workers):
        try:
            await worker.wait()
        except WorkerCancelled:
            continue


@asynccontextmanager
async def started(
    services: Services, *keys: str, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[FacilitatorApp, Pilot[None]]]:
    """The app built around `services`, running and settled, after pressing each of `keys`.

    A settle follows every key, so the screen it opens and the workers it starts are done.
    """
    app = make_app(services)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        yield app, pilot


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` key by key, as a person would."""
    keys = ["space" if c == " " else c for c in text]
    await pilot.press(*keys)


def plain_screen_text(app: App[Any]) -> str:
    """The current screen as plain text, the way App.export_screenshot draws it for an SVG.

    Same console and compositor call as the screenshot, exported as text: what a snapshot
    shows, for assertions on words (e.g. that no English is left in the Swedish interface).
    """
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    screen_render = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    console.print(screen_render)
    return console.export_text()
