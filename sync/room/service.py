"""Provides RoomService: what the app calls to run room mode, and RoomInvite to show phones.

Web libraries load only when a room opens, so startup and commands without a room never
import them. Call open() and stop() from a thread worker: they bind and join a thread.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.clock import Clock
from facilitator.room.ballots import Room, RoomRound
from facilitator.room.codes import format_code
from facilitator.room.tally import ClosedRound
from facilitator.session import Session
from facilitator.vocabulary import RoleGroup

if TYPE_CHECKING:
    from sync.room.server import RoomServer

DEFAULT_PORT = 8765
WILDCARDS = frozenset({"", "0.0.0.0", "::", "*"})  # noqa: S104 - listed to be refused


@dataclass(frozen=True)
class RoomInvite:
    """How phones join: the QR address (with the secret), the short address and the code."""

    join_url: str
    short_address: str
    code: str

    @property
    def shown_code(self) -> str:
        """The code as the projector shows it, in two groups of three."""
        return format_code(self.code)


class RoomNotOpen(RuntimeError):
    """A round was opened or closed with no room open."""


class RoomService:
    """Opens one room at a time for a session and stops it when the session ends or locks."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._server: RoomServer | None = None

    @property
    def is_open(self) -> bool:
        """Whether a room is being served."""
        return self._server is not None

    def open(
        self, session: Session, host: str = "127.0.0.1", port: int = DEFAULT_PORT
    ) -> RoomInvite:
        """Serve a new room for `session` on `host`:`port`; OSError when it cannot bind.

        `host` is one local address: a wildcard would serve every network the laptop is on.
        """
        from sync.room.server import RoomServer

        if host in WILDCARDS:
            raise ValueError(f"choose one local address, not {host!r}")

        with self._lock:
            if self._server is not None:
                self._server.stop()
                self._server = None
            room = Room(session, clock=self._clock)
            server = RoomServer(room, host, port)
            server.start()
            self._server = server
            return self._invite(server)

    def _invite(self, server: RoomServer) -> RoomInvite:
        origin = server.origin
        # Upper case keeps the QR code in its compact alphanumeric mode.
        join_url = f"{origin}/J/{server.room.secret}".upper()
        return RoomInvite(join_url, f"{server.host}:{server.port}", server.room.code)

    @property
    def invite(self) -> RoomInvite:
        """How to join the room being served."""
        return self._invite(self._served())

    def _served(self) -> RoomServer:
        server = self._server
        if server is None:
            raise RoomNotOpen("no room")
        return server

    @property
    def room(self) -> Room:
        """The room being served."""
        return self._served().room

    def update_session(self, session: Session) -> None:
        """Follow the facilitator's edits (participant counts, template labels)."""
        self.room.update_session(session)

    def open_round(self, round_id: str, prompt: int = 0) -> RoomRound:
        """Open voting on a round that has a dimension and a scale, showing prompt `prompt`."""
        return self.room.open_round(round_id, prompt)

    def voted(self) -> dict[RoleGroup, int]:
        """How many have voted per role group in the open round; never the values."""
        return self.room.voted()

    def close_round(self) -> ClosedRound | None:
        """Close voting: the round's tally, its ratings and its anonymous notes."""
        return self.room.close_round()

    def renew_code(self) -> RoomInvite:
        """A new code after a lockout; the QR address stays the same."""
        self.room.renew_code()
        return self.invite

    def stop(self) -> None:
        """Stop serving and forget the room (devices, tokens, open votes and notes)."""
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop()


def local_addresses() -> list[str]:
    """IPv4 addresses this machine answers on, loopback last, for the facilitator to choose."""
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if address not in found and not address.startswith("127."):
            found.append(address)
    return [*found, "127.0.0.1"]
