"""Pilot tests of the handout and after-letter buttons on the summary: warn, write, redact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.session import Action, Note
from facilitator.vocabulary import NoteKind
from screens.confirm import ConfirmScreen
from screens.summary import SummaryScreen
from tests.screens.helpers import settle
from tests.screens.run.harness import MemoryVault, finished_session, make_services
from tests.screens.summary.harness import TranslatedApp

SECRET_NOTE = "Anna Lindqvist 19450312-1234 said the bus never came"


def _app() -> tuple[TranslatedApp, object]:
    session = finished_session(FakeClock())
    note = Note(id="n-secret", round_id=session.rounds[1].round_id, text=SECRET_NOTE)
    action = Action(id="a-named", text="Call Anna Lindqvist on 070-123 45 67 about transport")
    session = replace(
        session,
        title="Follow-up with Anna Lindqvist",
        notes=(*session.notes, replace(note, kind=NoteKind.OBSERVATION)),
        actions=(*session.actions, action),
    )
    services = make_services(MemoryVault(), FakeClock(), language="en")
    return TranslatedApp(services, lambda: SummaryScreen(session)), session


@pytest.mark.parametrize("which", ["handout", "letter"])
async def test_the_button_warns_then_writes_a_redacted_page(home: Path, which: str) -> None:
    app, _session = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        button = app.screen.query_one(f"#{which}")
        button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(f"#{which}")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    (written,) = home.iterdir()
    assert "lindqvist" not in written.name
    html = written.read_text(encoding="utf-8")
    assert "Lindqvist" not in html and "070-123 45 67" not in html
    assert "19450312-1234" not in html and "bus never came" not in html
    assert written.stat().st_mode & 0o777 == 0o600
    assert app.announced == [f"Exported to {written}."]
    if which == "letter":
        assert "[phone]" in html and "about transport" in html


async def test_saying_no_writes_nothing(home: Path) -> None:
    app, _session = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#letter").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#letter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    assert list(home.iterdir()) == []
