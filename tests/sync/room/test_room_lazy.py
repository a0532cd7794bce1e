"""Room mode loads its web libraries only when a room opens; its pages follow the language."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from sync.room import RoomService, local_addresses
from tests.facilitator.room.sessions import fake_clock, room_session
from tests.sync.room.phones import Phone

WEB = ("starlette", "uvicorn", "limits", "segno", "httpx")


def test_importing_room_mode_loads_no_web_library() -> None:
    code = (
        "import sys, sync.room, facilitator.room, facilitator.room.qr\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_local_addresses_end_with_loopback() -> None:
    addresses = local_addresses()
    assert addresses[-1] == "127.0.0.1" and len(set(addresses)) == len(addresses)


@pytest.fixture
def swedish() -> Iterator[RoomService]:
    rooms = RoomService(fake_clock())
    rooms.open(room_session(language="sv"), "127.0.0.1", 0)
    yield rooms
    rooms.stop()


def test_pages_are_in_the_sessions_language(swedish: RoomService) -> None:
    phone = Phone(swedish.invite)
    front = phone.client.get("/")
    assert '<html lang="sv">' in front.text and "Rumskod" in front.text
    assert "Vilken grupp tillhör du?" in phone.scan().text
    phone.pick("users_relatives")
    swedish.open_round("resources")
    page = phone.ballot().text
    assert "Resurser" in page and "Din skattning" in page
    assert "Patienter, brukare och närstående" in page
    phone.close()


def test_opening_a_second_room_stops_the_first(swedish: RoomService) -> None:
    first = swedish.invite
    second = swedish.open(room_session(), "127.0.0.1", 0)
    assert second.join_url != first.join_url
    phone = Phone(first)
    with pytest.raises(Exception):  # noqa: B017 - refused connection, whatever httpx calls it
        phone.client.get("/")
    phone.close()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", ""])
def test_a_room_never_listens_on_every_address(host: str) -> None:
    rooms = RoomService(fake_clock())
    with pytest.raises(ValueError, match="one local address"):
        rooms.open(room_session(), host, 0)
    assert not rooms.is_open
