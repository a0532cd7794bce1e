"""Fixtures for deterministic screen tests: fake clock, fixed templates, UTC, memory vault."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from facilitator.clock import FakeClock
from facilitator.session import ParticipantCounts, Session
from facilitator.templates.model import RatingScale, RoundTemplate, Template
from facilitator.vocabulary import RoundKind, SessionStatus
from screens.services import Services, UiSettings
from tests.screens.fakes import memory_services

PASSPHRASE = "correct horse battery staple"

_ROUNDS = {
    "en": [
        ("opening", RoundKind.OPENING, "Opening", None, 5),
        ("resources", RoundKind.DIMENSION, "Resources", "resources", 12),
        ("attitudes", RoundKind.DIMENSION, "Attitudes", "attitudes", 12),
        ("perceptions", RoundKind.DIMENSION, "Perceptions", "perceptions", 12),
        ("interplay", RoundKind.INTERPLAY, "Interplay and actions", None, 10),
    ],
    "sv": [
        ("opening", RoundKind.OPENING, "Inledning", None, 5),
        ("resources", RoundKind.DIMENSION, "Resurser", "resources", 12),
        ("attitudes", RoundKind.DIMENSION, "Attityder", "attitudes", 12),
        ("perceptions", RoundKind.DIMENSION, "Uppfattningar", "perceptions", 12),
        ("interplay", RoundKind.INTERPLAY, "Samspel och åtgärder", None, 10),
    ],
}
_NAMES = {"en": "Power balance reflection", "sv": "Maktbalans i samskapande"}


def fixed_templates(language: str) -> list[Template]:
    """One fixed template per language, so snapshots do not follow content edits."""
    lang = language if language in _ROUNDS else "en"
    scale = RatingScale(1, 5, "professionals", "users and relatives", "shared")
    rounds = tuple(
        RoundTemplate(
            id=rid,
            kind=kind,
            title=title,
            purpose="",
            prompts=("What is best for Esther?",),
            minutes=minutes,
            dimension=dim,
            scale=scale if dim else None,
        )
        for rid, kind, title, dim, minutes in _ROUNDS[lang]
    )
    return [Template("power-balance", 1, lang, _NAMES[lang], rounds=rounds)]


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors stay shown: a blink landing between key and screenshot made snapshots flaky."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def utc_timezone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Planned end times render in UTC whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when a test says so."""
    return FakeClock(wall=datetime(2026, 11, 26, 9, 0, tzinfo=UTC))


def make_services(
    clock: FakeClock,
    *,
    exists: bool = True,
    language: str = "en",
    plain: bool = False,
    autolock_minutes: float = 0.0,
) -> Services:
    """In-memory services; `exists` gives a locked vault with PASSPHRASE.

    Auto-lock is off unless a test asks for it: tests jump the fake clock by minutes, and the
    app's real one-second check would otherwise lock at a moment that depends on load.
    """
    return memory_services(
        clock=clock,
        settings=UiSettings(language=language, plain=plain, autolock_minutes=autolock_minutes),
        templates=fixed_templates,
        passphrase=PASSPHRASE if exists else None,
    )


@pytest.fixture
def services(clock: FakeClock) -> Services:
    """A locked, empty in-memory vault."""
    return make_services(clock)


def seed(services: Services, clock: FakeClock) -> list[Session]:
    """Unlock the vault and store four sessions in two projects, oldest first."""
    vault = services.unlock_vault(PASSPHRASE)
    services.vault = vault
    template = fixed_templates(services.settings.language)[0]
    base = datetime(2026, 11, 2, 13, 0, tzinfo=UTC)
    rows = [
        ("Discharge planning, kick-off", "Safer discharge", SessionStatus.FINISHED, 0),
        ("Discharge planning, follow-up", "Safer discharge", SessionStatus.IN_PROGRESS, 7),
        ("Home care meeting formats", "Esther café north", SessionStatus.PLANNED, 14),
        ("Medication review with relatives", "Safer discharge", SessionStatus.PLANNED, 21),
    ]
    sessions = []
    for title, project, status, days in rows:
        when = base + timedelta(days=days)
        clock.wall = when
        session = Session.plan(
            title,
            template,
            created=when,
            project=project,
            participants=ParticipantCounts(4, 3, 1),
        )
        session = replace(session, status=status)
        vault.save_session(session)
        sessions.append(session)
    clock.wall = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    return sessions


def seeded(clock: FakeClock, *, language: str = "en", plain: bool = False) -> Services:
    """Unlocked in-memory services holding the four sessions of `seed`."""
    services = make_services(clock, language=language, plain=plain)
    seed(services, clock)
    return services
