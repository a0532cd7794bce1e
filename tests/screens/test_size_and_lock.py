"""Pilot tests that the size guard catches any shrink and the lock says why it locked."""

from __future__ import annotations

import pytest
from textual.widgets import Label

from facilitator.clock import FakeClock
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.lock import LockScreen
from screens.plan import PlanScreen
from screens.too_small import TooSmallScreen
from tests.screens.conftest import PASSPHRASE, seeded
from tests.screens.helpers import settle, started, type_text

SHRINKS = [
    [(80, 24), (79, 24)],
    [(80, 24), (80, 23)],
    [(99, 23)],
    [(79, 30)],
    [(79, 24), (80, 24), (79, 24)],
]


@pytest.mark.parametrize("steps", SHRINKS)
@pytest.mark.parametrize(
    ("keys", "under"), [((), HomeScreen), (("f1",), HelpScreen), (("n",), PlanScreen)]
)
async def test_any_shrink_below_80x24_shows_the_notice(
    clock: FakeClock, steps: list[tuple[int, int]], keys: tuple[str, ...], under: type
) -> None:
    """One resize event per step, with no settling between them, as a dragged window sends."""
    async with started(seeded(clock), *keys) as (app, pilot):
        assert isinstance(app.screen, under)
        for width, height in steps:
            await pilot.resize_terminal(width, height)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        width, height = steps[-1]
        assert f"{width}×{height}" in str(app.screen.query_one("#too-small-text").render())
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, under)


async def test_ctrl_l_says_the_user_locked(clock: FakeClock) -> None:
    async with started(seeded(clock), "ctrl+l") as (app, pilot):
        assert isinstance(app.screen, LockScreen)
        reason = str(app.screen.query_one("#lock-reason", Label).render())
        assert reason == "You locked Facilitator. Type your passphrase to continue."
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_idle_lock_says_how_long_it_waited(clock: FakeClock) -> None:
    services = seeded(clock)
    services.settings.autolock_minutes = 10
    async with started(services) as (app, pilot):
        clock.advance(10 * 60)
        app.check_autolock()
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        reason = str(app.screen.query_one("#lock-reason", Label).render())
        assert reason.startswith("Facilitator locked itself after 10 min without use.")


async def test_lock_reasons_in_swedish(clock: FakeClock) -> None:
    services = seeded(clock, language="sv")
    services.settings.autolock_minutes = 2.5
    async with started(services, "ctrl+l") as (app, pilot):
        assert "Du låste Facilitator." in str(app.screen.query_one("#lock-reason").render())
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        clock.advance(200)
        app.check_autolock()
        await pilot.pause()
        reason = str(app.screen.query_one("#lock-reason").render())
        assert "låste sig efter 2,5 min utan aktivitet" in reason
