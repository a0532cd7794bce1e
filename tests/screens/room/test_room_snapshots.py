"""Snapshots of the presenter view (running and paused) at 100x30 and 80x24, English and Swedish."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from screens.run import RunScreen
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services, planned_session

SIZES = [(100, 30), (80, 24)]
LANGUAGES = ["en", "sv"]


def presenter_app(clock: FakeClock, language: str) -> ScreenApp:
    session = planned_session(clock, language)
    services = make_services(MemoryVault(), clock, language=language)
    return ScreenApp(services, lambda: RunScreen(session))


async def _presenter(pilot: Any, clock: FakeClock, running: bool) -> None:
    await pilot.press("f9", "f2", "space")
    clock.advance(7 * 60 + 25)
    if not running:
        await pilot.press("space")
    pilot.app.screen.tick()
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("running", [True, False], ids=["running", "paused"])
def test_presenter(snap_compare: Any, size: tuple[int, int], language: str, running: bool) -> None:
    clock = FakeClock()
    assert snap_compare(
        presenter_app(clock, language),
        terminal_size=size,
        run_before=lambda pilot: _presenter(pilot, clock, running),
    )
