"""Snapshots of moving between rounds at 100x30 and 80x24: undo offer, finish question, help."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from screens.factory import make_app
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from tests.screens.conftest import make_services as app_services
from tests.screens.conftest import seed
from tests.screens.helpers import settle

SIZES = [(100, 30), (80, 24)]


def _app_at_round_two(clock: FakeClock, *keys: str) -> tuple[Any, Any]:
    """The whole app on a planned session's run screen, in round two, then `keys`."""
    services = app_services(clock)
    planned = seed(services, clock)[2]
    app = make_app(services)

    async def steps(pilot: Any) -> None:
        await settle(pilot)
        app.push_screen(RunScreen(planned))
        await settle(pilot)
        run = app.screen
        run.query_one(NoteEditor).cursor_blink = False
        await pilot.press("f5")
        clock.advance(3 * 60)
        await pilot.press("f9")
        clock.advance(65)
        run.tick()
        await pilot.press(*keys)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    return app, steps


@pytest.mark.parametrize("size", SIZES)
def test_undo_offer(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app, steps = _app_at_round_two(clock, "f9")
    assert snap_compare(app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_finish_question(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app, steps = _app_at_round_two(clock, "f9", "f9", "f9", "f9")
    assert snap_compare(app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
def test_run_help(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app, steps = _app_at_round_two(clock, "f1")
    assert snap_compare(app, terminal_size=size, run_before=steps)
