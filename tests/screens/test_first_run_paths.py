"""The first run by every path: after the recovery key, the app answers every key.

Continue by ctrl+s, by Tab then Enter, and by the mouse (on the box and the button); each time the
session list must take `n` (plan), escape, F1 and ctrl+q. A handler that awaited a screen
switch away from its own screen froze the app here, so each path is bounded by a timeout
that turns a hang into a failure naming the path.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox

from facilitator.clock import FakeClock
from screens.app import FacilitatorApp
from screens.create_vault import RecoveryKeyScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.plan import PlanScreen
from tests.screens.conftest import PASSPHRASE, make_services
from tests.screens.helpers import settle, started, type_text

HANG_LIMIT = 120.0  # seconds; a frozen app never answers, a busy machine answers well within


async def _to_recovery_key(app: FacilitatorApp, pilot: Pilot[None]) -> None:
    await type_text(pilot, PASSPHRASE)
    await pilot.press("enter")
    await type_text(pilot, PASSPHRASE)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, RecoveryKeyScreen)


async def _continue(path: str, app: FacilitatorApp, pilot: Pilot[None]) -> None:
    if path == "tick-click":
        await pilot.click("#saved")
    else:
        await pilot.press("space")  # tick "I have saved the recovery key"
    assert app.screen.query_one("#saved", Checkbox).value
    if path == "ctrl+s":
        await pilot.press("ctrl+s")
    elif path == "tab-enter":
        await pilot.press("tab")
        assert app.screen.query_one("#continue", Button).has_focus
        await pilot.press("enter")
    else:
        await pilot.click("#continue")
    await settle(pilot)


async def _answers_every_key(app: FacilitatorApp, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, PlanScreen)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("ctrl+q")
    assert app.return_code == 0  # quitting: the key was taken


@pytest.mark.parametrize("path", ["ctrl+s", "tab-enter", "click", "tick-click"])
async def test_continue_from_the_recovery_key_leaves_a_working_app(
    clock: FakeClock, path: str
) -> None:
    services = make_services(clock, exists=False)

    async def journey() -> None:
        async with started(services) as (app, pilot):
            await _to_recovery_key(app, pilot)
            await _continue(path, app, pilot)
            await _answers_every_key(app, pilot)

    try:
        await asyncio.wait_for(journey(), HANG_LIMIT)
    except TimeoutError:
        pytest.fail(f"the app stopped answering after Continue by {path}")


async def test_continue_stays_until_the_key_is_confirmed(clock: FakeClock) -> None:
    services = make_services(clock, exists=False)
    async with started(services) as (app, pilot):
        await _to_recovery_key(app, pilot)
        assert app.screen.query_one("#continue", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.click("#continue")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryKeyScreen)
