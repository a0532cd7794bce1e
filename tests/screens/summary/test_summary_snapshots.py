"""Snapshot tests of the summary screen at 100x30 and 80x24 (fixed data)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.session import Rating
from facilitator.templates import default_template
from facilitator.templates.modules import CHECK_IN, CHECK_OUT, with_modules
from facilitator.vocabulary import RoleGroup
from screens import export_dialog
from screens.messages import TargetChecked
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
def test_summary_screen_swedish(snap_compare: Any, size: tuple[int, int]) -> None:
    clock = FakeClock()
    session = replace(finished_session(clock), template=default_template("sv"), language="sv")
    services = make_services(MemoryVault(), clock, language="sv")
    app = ScreenApp(services, lambda: SummaryScreen(session))
    assert snap_compare(app, terminal_size=size)


def test_summary_with_check_in_and_check_out(snap_compare: Any) -> None:
    clock = FakeClock()
    session = finished_session(clock)
    session = replace(session, template=with_modules(session.template, [CHECK_IN, CHECK_OUT]))
    for i, value in enumerate((6, 6, 5, 3)):
        session = session.with_rating(
            Rating(f"in{i}", "raising-problems", "raising-problems", RoleGroup.PROFESSIONALS, value)
        )
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: SummaryScreen(session))

    async def to_modules(pilot: Pilot[None]) -> None:
        app.screen.query_one("#module-ratings").scroll_visible(animate=False, top=True)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=to_modules)


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
