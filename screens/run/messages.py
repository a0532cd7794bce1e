"""Provides the messages the run screen's widgets post up to the screen, all declared here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from facilitator.esther import EstherCard
from facilitator.vocabulary import RoleGroup

if TYPE_CHECKING:
    from screens.room_port import RoomInvitePort


@dataclass
class NoteCommitted(Message):
    """The facilitator finished a note (Enter); a fresh draft begins."""


@dataclass
class DraftChanged(Message):
    """The draft note's text changed."""


@dataclass
class RatingsEntered(Message):
    """A role group's ratings for the current round: (value, count) pairs."""

    group: RoleGroup
    values: tuple[tuple[int, int], ...]


@dataclass
class ActionEntered(Message):
    """A validated new action."""

    text: str
    owner_role: RoleGroup | None
    due: date | None
    dimension: str | None


@dataclass
class Problem(Message):
    """Something the facilitator typed was refused; show why, keep what they typed."""

    text: str


@dataclass
class EstherLoaded(Message):
    """The improvement work's Esther card was read from the vault."""

    card: EstherCard


@dataclass
class NoteParked(Message):
    """A note typed into the parking lot's own field: filed as parked at once."""

    text: str


@dataclass
class EditRequested(Message):
    """Edit the filed note, rating or action `item_id` (from a filed list)."""

    item_id: str


@dataclass
class DeleteRequested(Message):
    """Delete the filed note, rating or action `item_id` (from a filed list)."""

    item_id: str


@dataclass
class RoomAddressesFound(Message):
    """The local addresses the room panel offers, looked up off the UI thread."""

    addresses: list[str]


@dataclass
class RoomOpened(Message):
    """The room is served; phones can join."""

    invite: RoomInvitePort


@dataclass
class RoomOpenFailed(Message):
    """The room could not be opened on the chosen address and port."""

    address: str


@dataclass
class RoomStopped(Message):
    """The room was stopped."""
