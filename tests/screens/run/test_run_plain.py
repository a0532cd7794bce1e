"""Pilot tests of accessible (plain) mode on the run screen: focus, choices and time as text.

Runs the real FacilitatorApp, so milestones go through its announcer into the on-screen log.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from facilitator.clock import FakeClock
from screens.announcements import Announcements
from screens.app import FacilitatorApp
from screens.presenter import PresenterScreen
from screens.run import RunScreen
from tests.screens.conftest import make_services, seed
from tests.screens.helpers import settle, started
from tests.screens.run.harness import screen_text, type_text


@asynccontextmanager
async def planned_run(
    clock: FakeClock, *, plain: bool
) -> AsyncIterator[tuple[FacilitatorApp, Pilot[None]]]:
    """The real app on the run screen of the seeded planned session."""
    services = make_services(clock, plain=plain)
    planned = seed(services, clock)[2]
    async with started(services) as (app, pilot):
        app.push_screen(RunScreen(planned))
        await settle(pilot)
        yield app, pilot


async def milestone(pilot: Pilot[None], run: RunScreen, clock: FakeClock, seconds: float) -> str:
    """Move the clock on and tick; once its toast has come and been cleared, the screen's text."""
    clock.advance(seconds)
    run.tick()
    await pilot.pause()  # the toast arrives as a message
    pilot.app.clear_notifications()
    await pilot.pause()
    return screen_text(pilot.app)


async def test_plain_mode_says_focus_tab_kind_group_and_milestones_in_words(
    clock: FakeClock,
) -> None:
    async with planned_run(clock, plain=True) as (app, pilot):
        run = app.screen
        assert isinstance(run, RunScreen)
        text = screen_text(app)
        assert "▶ Focus: the note you are writing (Enter files it)" in text
        assert "▶ Notes" in text and "▶ Ratings" not in text
        assert "[x] Observation · Insight" in text
        assert "[x] Anyone · Professionals" in text

        await pilot.press("ctrl+t", "ctrl+g")
        text = screen_text(app)
        assert "Observation · [x] Insight" in text
        assert "Anyone · [x] Professionals" in text

        await pilot.press("ctrl+r")  # the opening round has no rating
        text = screen_text(app)
        assert "▶ Ratings" in text and "▶ Notes" not in text
        assert "▶ Focus: the ratings tab (this round has no rating)" in text

        await pilot.press("f9", "ctrl+r")  # resources: rated, 12 minutes
        assert "▶ Focus: ratings from Professionals" in screen_text(app)
        await pilot.press("tab")
        assert "▶ Focus: ratings from Patients, users and relatives" in screen_text(app)
        await pilot.press("ctrl+n")
        assert "▶ Focus: the note you are writing" in screen_text(app)

        await pilot.press("f5")
        text = await milestone(pilot, run, clock, 7 * 60 + 1)
        assert "▶ Running" in text and "under 5 min left" in text
        assert text.count("Five minutes left in this round.") == 1  # the log, no toast
        assert run.query_one(Announcements).lines[-1] == "Five minutes left in this round."

        clock.advance(4 * 60)
        run.tick()
        assert "under 1 min left" in screen_text(app)
        text = await milestone(pilot, run, clock, 61)
        assert "TIME'S UP" in text and "Time's up for this round." in text

        await pilot.press("f2")
        assert isinstance(app.screen, PresenterScreen)
        assert "TIME'S UP" in screen_text(app)


async def test_outside_plain_mode_the_run_screen_keeps_its_compact_lines(
    clock: FakeClock,
) -> None:
    async with planned_run(clock, plain=False) as (app, _pilot):
        text = screen_text(app)
        assert "Ctrl+T kind: Observation · Ctrl+G from: Anyone" in text
        assert "▶ Focus" not in text and "[x]" not in text


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_plain_mode_keeps_the_notes_lists_buttons_and_selected_row_in_view(
    clock: FakeClock, size: tuple[int, int], language: str
) -> None:
    services = make_services(clock, plain=True, language=language)
    planned = seed(services, clock)[2]
    async with started(services, size=size) as (app, pilot):
        app.push_screen(RunScreen(planned))
        await settle(pilot)
        for text in ("Relatives get the papers the day before the meeting", "Bus", "Room"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("tab")  # the list, newest note selected
        await settle(pilot)
        run = app.screen
        footer_top = run.query_one("#run-footer").region.y
        options = run.query_one("#note-list-options", OptionList)
        for button in ("#note-list-edit", "#note-list-delete"):
            region = run.query_one(button).region
            assert region.height == 1 and region.bottom <= footer_top, (button, region)
        assert options.region.height >= 2 and options.region.bottom <= footer_top
        assert options.highlighted == 2 and "Room" in screen_text(app)  # newest, in view
