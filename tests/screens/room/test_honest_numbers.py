"""The run screen's ratings line counts ratings against people and hides groups under three."""

from __future__ import annotations

from facilitator.clock import FakeClock
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
    type_text,
)


async def test_ratings_line_says_ratings_of_people_and_hides_small_groups() -> None:
    from screens.run import RunScreen

    clock = FakeClock()
    session = planned_session(clock)  # 4 professionals, 2 users and relatives, 1 manager
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9", "ctrl+r")
        await type_text(pilot, "2 4")
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#rating-stats-professionals").render())
        assert line == "2 ratings · 4 people\nmean 3.0 · 2-4"  # ratings and people apart
        assert all(part in screen_text(app) for part in line.split("\n"))
        await pilot.click("#rating-managers")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#rating-stats-managers").render())
        assert line == "1 rating · 1 person\nhidden: under 3"
        assert all(part in screen_text(app) for part in line.split("\n"))  # whole, not cut


async def test_swedish_ratings_line_counts_skattningar_and_personer_apart() -> None:
    from screens.run import RunScreen

    clock = FakeClock()
    session = planned_session(clock, language="sv")
    services = make_services(MemoryVault(), clock, language="sv")
    app = ScreenApp(services, lambda: RunScreen(session))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "ctrl+r")
        await type_text(pilot, "2 4 3")
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#rating-stats-professionals").render())
        assert line == "3 skattningar · 4 personer\nmedel 3,0 · 2–4"
        assert all(part in screen_text(app) for part in line.split("\n"))
