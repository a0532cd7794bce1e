"""Pilot tests of the history screen: trends per dimension and group, last open actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.widgets import Sparkline

from facilitator.clock import FakeClock
from screens.history import HistoryScreen
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    finished_session,
    make_services,
    screen_text,
)


def project_vault(clock: FakeClock) -> MemoryVault:
    vault = MemoryVault()
    for index in range(3):
        session = finished_session(clock, f"s{index}", shift=index * 0.5)
        vault.save_session(session)
        clock.wall += timedelta(days=30)
    return vault


async def open_history(app: ScreenApp, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_history_shows_trends_and_open_actions() -> None:
    clock = FakeClock()
    vault = project_vault(clock)
    app = ScreenApp(make_services(vault, clock), lambda: HistoryScreen("Esther Höglandet"))
    async with app.run_test(size=(100, 50)) as pilot:
        await open_history(app, pilot)
        text = screen_text(app)
        assert "Resources" in text and "Professionals" in text
        assert "2.2  2.5  3.2" in text
        assert "Send papers a week ahead" in text
        assert "Managers  no ratings" in text or "no ratings" in text
        assert len(app.screen.query(Sparkline)) == 9


async def test_history_of_an_empty_project() -> None:
    clock = FakeClock()
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: HistoryScreen("Nobody"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert "No sessions in this project yet." in screen_text(app)
