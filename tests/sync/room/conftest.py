"""Fixtures: a room served on loopback on a free port, stopped after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.room import RoomService
from tests.facilitator.room.sessions import fake_clock, room_session


@pytest.fixture
def service() -> Iterator[RoomService]:
    """A room for the test session served on 127.0.0.1 on a free port."""
    rooms = RoomService(fake_clock())
    rooms.open(room_session(), "127.0.0.1", 0)
    yield rooms
    rooms.stop()
