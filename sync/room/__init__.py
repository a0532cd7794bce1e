"""Provides room mode's network side: the local web server phones vote through.

Importing this package loads no web library; RoomService.open() does, when a room opens.
"""

from facilitator.clock import Clock
from sync.room.service import DEFAULT_PORT, RoomInvite, RoomService, local_addresses

__all__ = ["DEFAULT_PORT", "RoomInvite", "RoomService", "local_addresses", "make_room_service"]


def make_room_service(clock: Clock) -> RoomService:
    """The room service the composition root hands the app."""
    return RoomService(clock)
