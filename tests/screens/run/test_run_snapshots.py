"""Snapshot tests of the run screen and the presenter view at 100x30 and 80x24 (fixed data)."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.session import Note, Rating
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.factory import make_app
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from tests.screens.conftest import make_services as app_services
from tests.screens.conftest import seed
from tests.screens.helpers import settle
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services, planned_session

SIZES = [(100, 30), (80, 24)]


def snapshot_app(clock: FakeClock) -> ScreenApp:
    """The run screen in round two with notes, a rating and a running-down timer."""
    session = planned_session(clock)
    session = session.with_note(
        Note(
            "n1",
            "resources",
            "Relatives get papers the day before",
            NoteKind.OBSERVATION,
            RoleGroup.USERS_RELATIVES,
        )
    )
    session = session.with_note(Note("n2", "resources", "Who books the room?", NoteKind.QUESTION))
    session = session.with_rating(
        Rating("r1", "resources", "resources", RoleGroup.PROFESSIONALS, 2, 3)
    )
    return ScreenApp(make_services(MemoryVault(), clock), lambda: RunScreen(session))


async def _into_round_two(pilot: Any, clock: FakeClock) -> None:
    run = pilot.app.screen
    run.query_one(NoteEditor).cursor_blink = False
    await pilot.press("f9", "f5")
    clock.advance(7 * 60 + 25)
    run.tick()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_run_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    assert snap_compare(
        snapshot_app(clock),
        terminal_size=size,
        run_before=lambda pilot: _into_round_two(pilot, clock),
    )


@pytest.mark.parametrize("size", SIZES)
def test_run_screen_times_up(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def overrun(pilot: Any) -> None:
        await _into_round_two(pilot, clock)
        clock.advance(6 * 60)
        pilot.app.screen.tick()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(snapshot_app(clock), terminal_size=size, run_before=overrun)


@pytest.mark.parametrize("size", SIZES)
def test_presenter_view(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def present(pilot: Any) -> None:
        await _into_round_two(pilot, clock)
        await pilot.press("f2", "right")
        await pilot.pause()

    assert snap_compare(snapshot_app(clock), terminal_size=size, run_before=present)


@pytest.mark.parametrize("size", SIZES)
def test_run_screen_plain(snap_compare: Any, size: tuple[int, int], clock: FakeClock) -> None:
    """Accessible mode: focus, tab, kind and group marked in words; a milestone in the log."""
    services = app_services(clock, plain=True)
    planned = seed(services, clock)[2]
    app = make_app(services)

    async def five_minutes_left(pilot: Any) -> None:
        await settle(pilot)
        app.push_screen(RunScreen(planned))
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        run.query_one(NoteEditor).cursor_blink = False
        await pilot.press("f9", "f5", "ctrl+t")
        clock.advance(7 * 60 + 1)
        run.tick()
        await pilot.pause()  # the toast arrives as a message
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=five_minutes_left)
