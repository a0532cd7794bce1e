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
        assert "2 of 4 people · mean 3.0 · 2-4" in screen_text(app)
        await pilot.click("#rating-managers")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#rating-stats-managers").render())
        assert line == "1 of 1 people · hidden: under 3"
        assert line in screen_text(app)  # whole, not cut
