"""Snapshots of the run screen's lists, parking-lot field and edit dialog, in English and Swedish."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.session import Action, Note, ParticipantCounts, Rating, Session
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.factory import make_app
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from tests.screens.conftest import PASSPHRASE, fixed_templates
from tests.screens.conftest import make_services as app_services
from tests.screens.helpers import settle
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services

SIZES = [(100, 30), (80, 24)]
LANGUAGES = ["en", "sv"]
TEXTS = {
    "en": ("Relatives get papers the day before", "Who books the room?", "Bus pass", "Send papers a week ahead"),
    "sv": ("Närstående får papperen dagen före", "Vem bokar rummet?", "Färdtjänst", "Skicka papperen en vecka före"),
}  # fmt: skip


def capture_session(language: str, clock: FakeClock) -> Session:
    """The resources round with two notes, a parked note, ratings and an action."""
    first, second, parked, action = TEXTS[language]
    session = Session.plan(
        "Esther",
        fixed_templates(language)[0],
        created=clock.now(),
        participants=ParticipantCounts(professionals=4, users_relatives=2, managers=1),
        language=language,
    )
    session = replace(session, id="session-1", current_round=1)
    session = session.with_note(
        Note("n1", "resources", first, NoteKind.OBSERVATION, RoleGroup.USERS_RELATIVES)
    )
    session = session.with_note(Note("n2", "resources", second, NoteKind.QUESTION))
    session = session.with_note(Note("n3", "resources", parked, NoteKind.PARKING_LOT))
    session = session.with_rating(
        Rating("r1", "resources", "resources", RoleGroup.PROFESSIONALS, 2, 3)
    )
    session = session.with_rating(
        Rating("r2", "resources", "resources", RoleGroup.USERS_RELATIVES, 4, 2)
    )
    return session.with_action(
        Action("a1", action, RoleGroup.PROFESSIONALS, date(2026, 12, 10), "resources")
    )


def capture_app(language: str) -> ScreenApp:
    """The run screen showing `capture_session`."""
    clock = FakeClock()
    session = capture_session(language, clock)
    services = make_services(MemoryVault(), clock, language=language)
    return ScreenApp(services, lambda: RunScreen(session))


def showing(*keys: str, click: str | None = None) -> Any:
    async def run_before(pilot: Any) -> None:
        pilot.app.screen.query_one(NoteEditor).cursor_blink = False
        await pilot.press(*keys)
        if click:
            await pilot.click(click)
        await pilot.pause()

    return run_before


VIEWS = {
    "notes": showing("tab"),  # the list focused, the newest note selected
    "ratings": showing("ctrl+r"),
    "parking": showing("ctrl+f"),
    "edit": showing(click="#note-list-edit"),
}


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_capture_views(snap_compare: Any, size: tuple[int, int], language: str, view: str) -> None:
    assert snap_compare(capture_app(language), terminal_size=size, run_before=VIEWS[view])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_plain_notes_list_keeps_its_buttons(
    snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    """Accessible mode (the app's log, the longer kind and group lines) keeps Edit and Delete."""
    clock = FakeClock()
    services = app_services(clock, language=language, plain=True)
    services.vault = services.unlock_vault(PASSPHRASE)
    app = make_app(services)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        app.push_screen(RunScreen(capture_session(language, clock)))
        await settle(pilot)
        app.screen.query_one(NoteEditor).cursor_blink = False
        await pilot.press("tab")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
