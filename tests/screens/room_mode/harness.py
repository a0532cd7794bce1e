"""Provides the room mode Pilot set-up: the real app, a real RoomService on loopback, phones."""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import UTC, datetime

from facilitator.clock import FakeClock
from facilitator.session import ParticipantCounts, Session
from screens.room_port import RoomMode
from screens.run.room import RoomPanel
from screens.services import Services
from sync.room import RoomService
from tests.screens.conftest import fixed_templates, make_services, seed
from tests.sync.room.phones import Phone

PEOPLE = ParticipantCounts(professionals=4, users_relatives=3, managers=3)


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def room_services(
    clock: FakeClock, language: str = "en", *, plain: bool = False
) -> tuple[Services, Session]:
    """Unlocked in-memory services with room mode on loopback, and a session in round two."""
    services = make_services(clock, language=language, plain=plain)
    seed(services, clock)
    services.room = RoomMode(lambda: RoomService(clock), lambda: ["127.0.0.1"], free_port())
    template = fixed_templates(language)[0]
    session = Session.plan(
        "Room session",
        template,
        created=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        project="Safer discharge",
        participants=PEOPLE,
        language=language,
    )
    session = replace(session, id="room-session", current_round=1)
    assert services.vault is not None
    services.vault.save_session(session)
    return services, session


def lock_the_code(panel: RoomPanel) -> str:
    """Ten wrong codes from one phone, which lock the room's code; returns that code."""
    old = panel.code()[0]
    phone = Phone(panel.invite)  # type: ignore[arg-type]
    try:
        for _ in range(10):
            phone.type_code("222222" if old != "222222" else "333333")
    finally:
        phone.close()
    panel.poll()
    return old
