"""Provides a small app, services and fixed sessions for the run, summary and history tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen

from facilitator.clock import FakeClock
from facilitator.errors import SessionNotFound, VaultWriteFailed
from facilitator.session import Action, Note, ParticipantCounts, Rating, Session
from facilitator.templates.builtin import default_template
from facilitator.vocabulary import NoteKind, RoleGroup, SessionStatus
from screens.i18n import ui_translator
from screens.services import Services, UiSettings
from tests.screens.fakes import UnsetSync


class MemoryVault:
    """A dict standing in for the vault; `failing` makes every save raise."""

    def __init__(self) -> None:
        self.sessions: dict[str, Session] = {}
        self.failing = False
        self.saves = 0

    def save_session(self, session: Session) -> None:
        if self.failing:
            raise VaultWriteFailed("the disk is full; free some space.")
        self.saves += 1
        self.sessions[session.id] = session

    def load_session(self, session_id: str) -> Session:
        try:
            return self.sessions[session_id]
        except KeyError:
            raise SessionNotFound(session_id) from None

    def list_sessions(self) -> list[Any]:
        from facilitator.vault.model import SessionSummary

        return [SessionSummary.of(s) for s in self.sessions.values()]


def make_services(
    vault: Any, clock: FakeClock, *, language: str = "en", **settings: Any
) -> Services:
    """Services around `vault` and `clock`, as the composition root would build them."""
    return Services(
        clock=clock,
        settings=UiSettings(language=language, **settings),
        vault_dir=None,
        create_vault=lambda passphrase: (vault, "recovery"),
        unlock_vault=lambda passphrase: vault,
        vault_exists=lambda: True,
        templates=lambda language: [default_template(language)],
        verify_passphrase=lambda passphrase: None,
        recover_vault=lambda key, passphrase: vault,
        save_settings=lambda settings: None,
        sync=UnsetSync(),
        vault=vault,
    )


class ScreenApp(App[None]):
    """Pushes one screen over an empty base; records announcements and bells."""

    def __init__(self, services: Services, screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.services = services
        self.translator = ui_translator(services.settings.language)  # what AppScreen reads
        self.autolock_suspended = False
        self.announced: list[str] = []
        self.announcements: list[str] = []  # what the Announcements log starts with
        self.bells = 0
        self._make_screen = screen

    @property
    def plain(self) -> bool:
        """Whether accessible mode is on, as FacilitatorApp says."""
        return self.services.settings.plain

    def on_mount(self) -> None:
        self.push_screen(self._make_screen())

    def announce(self, text: str) -> None:
        self.announced.append(text)

    def bell(self) -> None:
        self.bells += 1


def planned_session(clock: FakeClock, language: str = "en", **fields: Any) -> Session:
    """A planned power-balance session with fixed ids, users and relatives speaking first."""
    session = Session.plan(
        "Esther: discharge planning",
        default_template(language),
        created=clock.now(),
        project="Esther Höglandet",
        participants=ParticipantCounts(professionals=4, users_relatives=2, managers=1),
        users_speak_first=True,
        language=language,
        **fields,
    )
    return replace(session, id="session-1")


def finished_session(clock: FakeClock, session_id: str = "session-1", shift: float = 0) -> Session:
    """A finished session with notes, ratings per group, actions and times (fixed data)."""
    session = planned_session(clock)
    rounds = tuple(
        replace(r, actual_seconds=r.planned_minutes * 60 + (90 if i == 1 else -30))
        for i, r in enumerate(session.rounds)
    )
    session = replace(session, id=session_id, rounds=rounds, status=SessionStatus.FINISHED)
    ratings = [
        ("resources", RoleGroup.PROFESSIONALS, 2, 3),
        ("resources", RoleGroup.PROFESSIONALS, 3, 1),
        ("resources", RoleGroup.USERS_RELATIVES, 1, 2),
        ("attitudes", RoleGroup.PROFESSIONALS, 3, 4),
        ("attitudes", RoleGroup.USERS_RELATIVES, 4, 2),
        ("attitudes", RoleGroup.MANAGERS, 3, 1),
        ("perceptions", RoleGroup.PROFESSIONALS, 2, 4),
        ("perceptions", RoleGroup.USERS_RELATIVES, 2, 1),
        ("perceptions", RoleGroup.USERS_RELATIVES, 4, 1),
    ]
    for dim, group, value, count in ratings:
        v = max(1, min(5, round(value + shift)))
        session = session.with_rating(
            Rating(f"{dim}.{group.value}.{value}", dim, dim, group, v, count)
        )
    notes = [
        (
            "resources",
            NoteKind.OBSERVATION,
            RoleGroup.USERS_RELATIVES,
            "Meetings at 10 clash with care",
        ),
        ("resources", NoteKind.INSIGHT, None, "Information arrives late for relatives"),
        ("attitudes", NoteKind.QUESTION, RoleGroup.PROFESSIONALS, "Do we expect only feedback?"),
        ("perceptions", NoteKind.PARKING_LOT, None, "Transport budget: ask the region"),
        ("opening", NoteKind.OBSERVATION, None, "Esther wants to go home before Christmas"),
    ]
    for i, (round_id, kind, note_group, text) in enumerate(notes):
        session = session.with_note(Note(f"n{i}", round_id, text, kind, note_group))
    session = session.with_action(
        Action(
            "a1",
            "Send papers a week ahead",
            RoleGroup.PROFESSIONALS,
            date(2026, 12, 10),
            "resources",
        )
    )
    return session.with_action(
        Action(
            "a2",
            "Relative co-chairs next meeting",
            RoleGroup.USERS_RELATIVES,
            date(2027, 1, 15),
            "perceptions",
        )
    )


KEY_NAMES = {
    " ": "space",
    "-": "minus",
    ".": "full_stop",
    ":": "colon",
    ",": "comma",
    "?": "question_mark",
}


async def type_text(pilot: Any, text: str) -> None:
    """Press the keys that type `text` (as a person would)."""
    await pilot.press(*(KEY_NAMES.get(c, c) for c in text))


def screen_text(app: App[Any], screen: Screen[Any] | None = None) -> str:
    """Everything visible on screen (or on `screen`, drawn alone) as plain text."""
    import html
    import re

    if screen is not None and screen is not app.screen:
        from rich.console import Console

        console = Console(width=app.size.width, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(*[w.render() for w in screen.query("Static")])
        return console.export_text()
    svg = app.export_screenshot()
    rows = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return html.unescape(" ".join(rows)).replace("\xa0", " ")


async def burst(pilot: Any, *keys: str) -> None:
    """Deliver keys as one terminal read does (a fast typist, tmux, a macro), then settle.

    `pilot.press` waits for the app to go idle after every key, which hides races between
    a key and the messages the previous keys posted; this does not wait in between.
    """
    app = pilot.app
    for key in keys:
        char = next((c for c, name in KEY_NAMES.items() if name == key), key)
        app._driver.send_message(events.Key(key, char if len(char) == 1 else None))
    for _ in range(3):
        await pilot.pause()


def keys_of(text: str) -> list[str]:
    """The key names that type `text`."""
    return [KEY_NAMES.get(c, c) for c in text]
