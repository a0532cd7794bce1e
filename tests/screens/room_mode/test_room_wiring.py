"""The composition root hands the app room mode: a RoomService made on first use, off until asked."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli.compose import build_services
from facilitator.cli.context import CliContext
from facilitator.clock import FakeClock
from facilitator.paths import Locations
from sync.room import DEFAULT_PORT, RoomService


def test_build_services_offers_room_mode_closed(tmp_path: Path) -> None:
    args = argparse.Namespace(lang="en", plain=False, template=[])
    locations = Locations(vault=tmp_path / "vault", config=tmp_path / "config")
    services = build_services(args, CliContext(args, locations, environ={}), FakeClock())
    room = services.room
    assert room is not None and room.port == DEFAULT_PORT
    assert not room.is_open  # nothing is served until the facilitator opens a room
    assert isinstance(room.service, RoomService) and room.service is room.service
    addresses = room.addresses()
    assert addresses[-1] == "127.0.0.1" and room.default_address() == addresses[0]
    room.stop()  # stopping with no room open is harmless
    assert not room.is_open
