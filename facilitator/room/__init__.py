"""Provides room mode's domain: a room, its devices, per-round ballots and their tally.

Pure Python with no web imports; the network side (sync.room) serves it to phones.
"""

from facilitator.room.ballots import Room, RoomRound, VoteOutcome
from facilitator.room.codes import JoinOutcome, format_code, normalise_code
from facilitator.room.tally import ClosedRound, GroupTally

__all__ = [
    "ClosedRound",
    "GroupTally",
    "JoinOutcome",
    "Room",
    "RoomRound",
    "VoteOutcome",
    "format_code",
    "normalise_code",
]
