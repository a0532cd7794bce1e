"""Snapshot tests of the summary screen at 100x30 and 80x24 (fixed data)."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from screens.summary import SummaryScreen
from tests.screens.run.harness import MemoryVault, ScreenApp, finished_session, make_services
from tests.screens.summary.harness import TranslatedApp


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_summary_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    session = finished_session(clock)
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: SummaryScreen(session))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_export_dialog(
    snap_compare: Any, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/ingrid")
    clock = FakeClock()
    session = finished_session(clock)
    app = TranslatedApp(make_services(MemoryVault(), clock), lambda: SummaryScreen(session))
    assert snap_compare(app, terminal_size=size, press=["e", "down", "down", "enter"])
