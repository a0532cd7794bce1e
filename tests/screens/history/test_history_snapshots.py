"""Snapshot tests of the history screen at 100x30 and 80x24 (fixed data)."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from screens.history import HistoryScreen
from tests.screens.history.test_history_screen import project_vault
from tests.screens.run.harness import ScreenApp, make_services


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_history_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = ScreenApp(
        make_services(project_vault(clock), clock), lambda: HistoryScreen("Esther Höglandet")
    )

    async def loaded(pilot: Any) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=loaded)
