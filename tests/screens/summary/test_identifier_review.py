"""The export dialog's identifier count, redaction choice and review list (Pilot and snapshots)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, SelectionList, Static

from facilitator.clock import FakeClock
from facilitator.session import Note, Session
from screens.export_dialog import ExportDialog
from screens.identifier_review import IdentifierReview
from screens.summary import SummaryScreen
from tests.screens.helpers import settle
from tests.screens.run.harness import MemoryVault, finished_session, make_services
from tests.screens.summary.harness import TranslatedApp

NOTES = {
    "en": [
        "Anna Lindqvist said nobody asked her before the discharge",
        "Her daughter left 070-123 45 67 with the night staff",
        "Rose felt the meeting at 10 suited only the staff",
        "Anna Lindqvist wants the minutes sent to anna.l@example.se",
    ],
    "sv": [
        "Anna Lindqvist sa att ingen frågade henne före utskrivningen",
        "Dottern lämnade 070-123 45 67 till nattpersonalen",
        "Rose tyckte att mötet klockan 10 passade bara personalen",
        "Anna Lindqvist vill ha protokollet till anna.l@example.se",
    ],
}


def _session(language: str) -> Session:
    session = finished_session(FakeClock())
    round_id = session.notes[0].round_id
    notes = tuple(Note(f"id-{index}", round_id, text) for index, text in enumerate(NOTES[language]))
    return replace(session, language=language, notes=session.notes + notes)


def _app(language: str = "en") -> TranslatedApp:
    services = make_services(MemoryVault(), FakeClock(), language=language)
    session = _session(language)
    return TranslatedApp(services, lambda: SummaryScreen(session))


async def _dialog(pilot: Pilot[None]) -> ExportDialog:
    await pilot.press("e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def _found(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#identifiers-found", Static).render())


async def test_the_dialog_counts_findings_and_redacts_markdown_by_default(home: Path) -> None:
    async with _app().run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        assert _found(dialog).startswith("5 possible identifiers found")
        assert dialog.query_one("#redact", Checkbox).value is True
        assert not dialog.query_one("#review", Button).disabled
        await pilot.press("down", "down", "down", "enter")  # JSON stays complete by default
        assert dialog.query_one("#redact", Checkbox).value is False
        await pilot.press("up", "up", "enter")  # HTML is redacted by default again
        assert dialog.query_one("#redact", Checkbox).value is True


async def test_the_review_list_shows_each_finding_in_context_and_keeps_what_is_ticked(
    home: Path,
) -> None:
    async with _app().run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        await pilot.click("#review")
        await settle(pilot)
        review = pilot.app.screen
        assert isinstance(review, IdentifierReview)
        listing = review.query_one("#review-list", SelectionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert prompts[0].startswith("a name: Anna Lindqvist said nobody")
        assert any("Rose" in p and "felt the meeting" in p for p in prompts)
        assert any(p.startswith("a phone number:") and "070-123 45 67" in p for p in prompts)
        assert "(2 times)" in prompts[0]  # the same name twice is one entry
        rose = next(i for i, p in enumerate(prompts) if p.startswith("a name: Rose"))
        listing.highlighted = rose
        await pilot.press("space")
        await pilot.click("#review-done")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert dialog.kept == frozenset({"Rose"})
        assert "1 kept as written" in _found(dialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    written = next(home.glob("*.md")).read_text(encoding="utf-8")
    assert "Rose felt the meeting" in written
    assert "[name] said nobody asked" in written
    assert "[phone]" in written and "070-123 45 67" not in written
    assert "anna.l@example.se" not in written


async def test_turning_redaction_off_writes_the_notes_as_typed(home: Path) -> None:
    async with _app().run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        await pilot.click("#redact")
        assert dialog.query_one("#redact", Checkbox).value is False
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert "070-123 45 67" in next(home.glob("*.md")).read_text(encoding="utf-8")


async def test_cancelling_the_review_keeps_nothing(home: Path) -> None:
    async with _app().run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        await pilot.click("#review")
        await settle(pilot)
        await pilot.press("space", "escape")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert dialog.kept == frozenset()


@pytest.mark.parametrize("language", ["en", "sv"])
def test_export_dialog_with_identifiers(
    snap_compare: Any, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/ingrid")
    assert snap_compare(_app(language), terminal_size=(80, 24), press=["e"])


@pytest.mark.parametrize("language", ["en", "sv"])
def test_identifier_review_list(
    snap_compare: Any, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/ingrid")

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await settle(pilot)
        await pilot.click("#review")
        await settle(pilot)

    assert snap_compare(_app(language), terminal_size=(80, 24), run_before=steps)
