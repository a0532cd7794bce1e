"""Snapshot tests of the summary screen at 100x30 and 80x24 (fixed data)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from screens import export_dialog
from screens.export_dialog import TargetChecked
from screens.summary import SummaryScreen
from tests.screens.helpers import settle
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


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_export_plaintext_warning(
    snap_compare: Any, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/ingrid")
    # The folder need not exist for a picture of the question: the path check says it is free.
    monkeypatch.setattr(export_dialog, "check_target", lambda path, vault: TargetChecked(path))
    clock = FakeClock()
    session = finished_session(clock)
    app = TranslatedApp(make_services(MemoryVault(), clock), lambda: SummaryScreen(session))

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=steps)
