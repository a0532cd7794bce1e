"""The room's anonymous notes on the summary screen (withheld) and in exports (redaction rules)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, Static

from facilitator.clock import FakeClock
from facilitator.session import Note, Session
from facilitator.vocabulary import NoteOrigin
from screens.confirm import ConfirmScreen
from screens.export_dialog import ExportDialog
from screens.summary import SummaryScreen
from tests.screens.helpers import settle
from tests.screens.run.harness import MemoryVault, finished_session, make_services
from tests.screens.summary.harness import TranslatedApp

SECRET = "nobody here asks the relatives before deciding"
FORMATS = ["md", "html", "csv", "json"]


def session_with_room_note(language: str = "en") -> Session:
    session = replace(finished_session(FakeClock()), language=language)
    note = Note("room-note", "resources", SECRET, origin=NoteOrigin.ROOM)
    return session.with_note(note)


def summary_app(session: Session, language: str = "en") -> TranslatedApp:
    services = make_services(MemoryVault(), FakeClock(), language=language)
    return TranslatedApp(services, lambda: SummaryScreen(session))


@pytest.mark.parametrize(("language", "withheld"), [("en", "withheld"), ("sv", "utelämnad")])
async def test_the_summary_screen_withholds_the_rooms_notes(language: str, withheld: str) -> None:
    app = summary_app(session_with_room_note(language), language)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = str(app.screen.query_one("#summary-notes", Static).render())
        assert withheld in shown and "relatives before deciding" not in shown
        assert "Meetings at 10 clash with care" in shown  # the facilitator's own notes stay


async def export(pilot: Pilot[None], fmt: str) -> str:
    """Open the dialog, choose `fmt`, ask to write; the warning's text (then confirm it)."""
    app = pilot.app
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, ExportDialog)
    await pilot.press(*["down"] * FORMATS.index(fmt), "enter")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen)
    question = str(app.screen.query_one("#question", Label).render())
    await pilot.press("y")
    await settle(pilot)
    return question


@pytest.mark.parametrize("fmt", ["md", "html"])
async def test_a_redacted_report_withholds_them_and_the_warning_need_not_say(
    home: Path, fmt: str
) -> None:
    session = session_with_room_note()
    app = summary_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        question = await export(pilot, fmt)
    written = next(home.iterdir()).read_text(encoding="utf-8")
    assert "anonymous" not in question
    assert "relatives before deciding" not in written and "withheld" in written


async def test_an_unredacted_export_warns_that_it_holds_them_in_clear(home: Path) -> None:
    session = session_with_room_note()
    app = summary_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        question = await export(pilot, "json")  # JSON is complete unless redaction is ticked
    assert "anonymous notes from the room (1)" in question
    data = json.loads(next(home.iterdir()).read_text(encoding="utf-8"))
    (room,) = [n for n in data["session"]["notes"] if n["id"] == "room-note"]
    assert room["text"] == SECRET and room["origin"] == "room"
