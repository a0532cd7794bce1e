"""Snapshots of room mode: the run screen with voting open, the presenter with the QR code.

The run screen holds a typed note and an anonymous one from the room, which it shows hidden.

A real RoomService serves on a free loopback port; it reports a fixed address, secret and code
so the pictures do not change from run to run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from facilitator.clock import FakeClock
from screens.room_port import RoomMode
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from screens.run.room import RoomPanel
from sync.room import RoomInvite, RoomService
from sync.room.server import RoomServer
from tests.screens.helpers import settle
from tests.screens.room_mode.harness import free_port, room_services
from tests.screens.room_mode.test_room_layout import with_notes
from tests.screens.run.harness import ScreenApp
from tests.sync.room.phones import Phone

SIZES = [(100, 30), (80, 24)]
LANGUAGES = ["en", "sv"]
SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SHOWN = "192.168.100.200:8765"
VOTERS = ["professionals"] * 4 + ["users_relatives"] * 3 + ["managers"]


class FixedInviteRooms(RoomService):
    """A real room service whose invite shows a fixed LAN address instead of loopback's port."""

    def _invite(self, server: RoomServer) -> RoomInvite:
        return RoomInvite(f"HTTP://{SHOWN}/J/{SECRET}", SHOWN, server.room.code)


@pytest.fixture(autouse=True)
def fixed_codes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr("facilitator.room.ballots.new_secret", lambda: SECRET)
    monkeypatch.setattr("facilitator.room.ballots.new_code", lambda: "K7MQ2P")
    yield


def room_app(language: str) -> tuple[ScreenApp, RoomMode]:
    clock = FakeClock()
    services, session = room_services(clock, language)
    session = with_notes(session)  # a typed note and an anonymous one, shown hidden
    port = free_port()
    services.room = RoomMode(lambda: FixedInviteRooms(clock), lambda: ["127.0.0.1"], port)
    return ScreenApp(services, lambda: RunScreen(session)), services.room


async def _open_room(pilot: Any) -> RoomPanel:
    run = pilot.app.screen
    run.query_one(NoteEditor).cursor_blink = False
    await pilot.press("ctrl+v")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    return run.query_one(RoomPanel)


async def _voting_open(pilot: Any, mode: RoomMode) -> None:
    panel = await _open_room(pilot)
    await pilot.press("ctrl+v")
    await settle(pilot)
    port = pilot.app.services.room.port
    for group in VOTERS:
        phone = Phone(RoomInvite(f"HTTP://127.0.0.1:{port}/J/{SECRET}", f"127.0.0.1:{port}", ""))
        try:
            phone.scan()
            phone.pick(group)
            phone.vote(3)
        finally:
            phone.close()
    panel.poll()
    await settle(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_run_screen_with_voting_open(
    snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    app, mode = room_app(language)
    try:
        assert snap_compare(app, terminal_size=size, run_before=lambda p: _voting_open(p, mode))
    finally:
        mode.stop()


async def _presenter(pilot: Any) -> None:
    await _open_room(pilot)
    await pilot.press("f2")
    await settle(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_presenter_with_the_qr_code(
    snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    app, mode = room_app(language)
    try:
        assert snap_compare(app, terminal_size=size, run_before=_presenter)
    finally:
        mode.stop()


async def _reveal(pilot: Any, mode: RoomMode) -> None:
    await _voting_open(pilot, mode)
    await pilot.press("ctrl+v", "f2")
    await settle(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_presenter_reveals_the_votes(
    snap_compare: Any, size: tuple[int, int], language: str
) -> None:
    app, mode = room_app(language)
    try:
        assert snap_compare(app, terminal_size=size, run_before=lambda p: _reveal(p, mode))
    finally:
        mode.stop()
