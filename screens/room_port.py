"""Provides RoomPort, what the run screen needs from the room server; screens never import sync.

The composition root passes a RoomMode whose factory makes a sync.room.RoomService.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from facilitator.room.ballots import Room, RoomRound
    from facilitator.room.tally import ClosedRound
    from facilitator.session import Session
    from facilitator.vocabulary import RoleGroup


class RoomInvitePort(Protocol):
    """How phones join: the QR address (with the secret), the short address and the code."""

    @property
    def join_url(self) -> str: ...
    @property
    def short_address(self) -> str: ...
    @property
    def code(self) -> str: ...


class RoomPort(Protocol):
    """One room at a time for a session: open, rounds, counts, close and stop."""

    @property
    def is_open(self) -> bool: ...
    @property
    def invite(self) -> RoomInvitePort: ...
    @property
    def room(self) -> Room: ...
    def open(self, session: Session, host: str = ..., port: int = ...) -> RoomInvitePort: ...
    def update_session(self, session: Session) -> None: ...
    def open_round(self, round_id: str, prompt: int = 0) -> RoomRound: ...
    def voted(self) -> dict[RoleGroup, int]: ...
    def close_round(self) -> ClosedRound | None: ...
    def renew_code(self) -> RoomInvitePort: ...
    def stop(self) -> None: ...


@dataclass
class RoomMode:
    """Room mode as the app has it: one room service, made on first use, and where to serve.

    The app keeps it so that locking can stop a room the run screen opened.
    """

    make: Callable[[], RoomPort]
    addresses: Callable[[], list[str]]  # local addresses to offer, the likeliest LAN one first
    port: int = 8765
    _service: RoomPort | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def service(self) -> RoomPort:
        """The room service, made on first use."""
        with self._lock:
            if self._service is None:
                self._service = self.make()
            return self._service

    @property
    def is_open(self) -> bool:
        """Whether a room is being served."""
        return self._service is not None and self._service.is_open

    def default_address(self) -> str:
        """The machine's LAN address when one is found, else loopback."""
        found = self.addresses()
        return found[0] if found else "127.0.0.1"

    def stop(self) -> None:
        """Stop serving (blocks while the server's thread ends: call from a thread worker)."""
        service = self._service
        if service is not None:
            service.stop()
