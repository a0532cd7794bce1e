"""Pilot tests of the history screen: trends per dimension and group, last open actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.widgets import Static

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
        assert "Send papers a week ahead" in text
        trends = str(app.screen.query_one("#history-trends", Static).render())
        assert "Resources · scale 1–5" in trends
        days = [(clock.wall - timedelta(days=30 * n)).date().isoformat() for n in (3, 2, 1)]
        rows = trends.splitlines()
        axis = next(line for line in rows if days[0] in line)
        assert axis.split() == days
        professionals = next(line for line in rows if line.startswith("Professionals"))
        # One fixed 1-5 scale: a row scaled to itself would run from ▁ to █ here.
        assert professionals.split()[1:] == ["▃", "2.2", "▄", "2.5", "▅", "3.2"]
        # Two users and relatives, one manager: too few people, so nothing is shown.
        users = next(line for line in rows if line.startswith("Patients, users and rel"))
        assert users.split()[4:] == ["–", "–", "–"]


async def test_history_of_an_empty_project() -> None:
    clock = FakeClock()
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: HistoryScreen("Nobody"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert "No sessions in this improvement work yet." in screen_text(app)


async def test_history_in_swedish_translates_dimensions_and_keeps_one_scale() -> None:
    clock = FakeClock()
    vault = project_vault(clock)
    services = make_services(vault, clock, language="sv")
    app = ScreenApp(services, lambda: HistoryScreen("Esther Höglandet"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        trends = str(app.screen.query_one("#history-trends", Static).render())
        assert "Resurser" in trends and "Attityder" in trends and "Resources" not in trends
        assert "Resurser · skala 1–5" in trends
        assert "2,2" in trends and "Personal" in trends


async def test_a_narrow_terminal_shows_the_latest_sessions_and_says_so() -> None:
    clock = FakeClock()
    vault = MemoryVault()
    for index in range(8):
        vault.save_session(finished_session(clock, f"s{index}"))
        clock.wall += timedelta(days=7)
    app = ScreenApp(make_services(vault, clock), lambda: HistoryScreen("Esther Höglandet"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        trends = str(app.screen.query_one("#history-trends", Static).render())
        assert "The latest 4 of 8 sessions" in trends
        last_day = (clock.wall - timedelta(days=7)).date().isoformat()
        assert last_day in trends
        table = [line for line in trends.splitlines() if line.startswith((" ", "Professionals"))]
        assert table and max(len(line.rstrip()) for line in table) <= 78
