"""Provides Room: who joined (as random device tokens), the open round and its ballots.

Thread-safe: phones reach it from the server's thread, the facilitator from the app's.
Nothing about a device is kept but a random token and its role group, and only in memory.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from facilitator.clock import Clock
from facilitator.room.codes import (
    CodeLock,
    JoinOutcome,
    new_code,
    new_secret,
    new_token,
    normalise_code,
    same,
)
from facilitator.room.tally import ClosedRound, close_round
from facilitator.session import Session
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import RoleGroup

MAX_DEVICES = 300  # far above any room; stops a script filling memory with joins
MAX_NOTE_CHARS = 500


class RoomClosed(Exception):
    """The room was closed; it takes no more joins, votes or rounds."""


class NotRateable(ValueError):
    """The round has no dimension and scale, so it cannot be voted on."""


class VoteOutcome(StrEnum):
    """What became of one vote or note sent from a phone."""

    SAVED = "saved"
    NOT_OPEN = "not_open"  # no round is open, or the token is from another round or opening
    NO_GROUP = "no_group"
    OFF_SCALE = "off_scale"
    EMPTY = "empty"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class RoomRound:
    """The round open for voting as a phone shows it: title, prompt and scale."""

    round_id: str
    title: str
    prompt: str
    dimension: str
    scale: RatingScale


@dataclass(frozen=True)
class Ballot:
    """One device's view of the open round: its vote token, its current value, a note kept."""

    round: RoomRound
    vote_token: str
    value: int | None
    note_saved: bool


@dataclass
class _Opening:
    """One opening of a round: the tokens handed out and what each device sent."""

    round: RoomRound
    tokens: dict[str, str] = field(default_factory=dict)  # vote token -> device token
    by_device: dict[str, str] = field(default_factory=dict)  # device token -> vote token
    values: dict[str, int] = field(default_factory=dict)  # device token -> value
    notes: dict[str, str] = field(default_factory=dict)  # device token -> note


class Room:
    """A session's room: the join secret and code, the devices and one round open at a time."""

    def __init__(self, session: Session, *, clock: Clock) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._session = session
        self.secret = new_secret()
        self.code = new_code()
        self._code_lock = CodeLock()
        self._devices: dict[str, RoleGroup | None] = {}
        self._open: _Opening | None = None
        self.closed = False

    @property
    def language(self) -> str:
        """The session's language, which the phones are served in."""
        return self._session.language

    @property
    def session(self) -> Session:
        """The session the room belongs to (participant counts, template, language)."""
        return self._session

    def update_session(self, session: Session) -> None:
        """Follow the facilitator's edits (participant counts, template labels)."""
        with self._lock:
            self._session = session

    def role_label(self, group: RoleGroup) -> str:
        """The template's own name for a role group, or "" to use the catalog's."""
        return self._session.template.role_label(group.value)

    # ----- joining ---------------------------------------------------------------------

    def join_with_secret(self, secret: str) -> str | None:
        """A new device token when `secret` is the room's, else None."""
        with self._lock:
            if self.closed or not same(secret.strip().upper(), self.secret):
                return None
            return self._new_device()

    def join_with_code(self, typed: str) -> tuple[JoinOutcome, str | None]:
        """Join with the six-character code: the outcome, and a device token when joined."""
        with self._lock:
            if self.closed or self._code_lock.locked:
                return JoinOutcome.LOCKED, None
            if not same(normalise_code(typed), self.code):
                self._code_lock.miss()
                return (JoinOutcome.LOCKED if self._code_lock.locked else JoinOutcome.WRONG), None
            token = self._new_device()
            return (JoinOutcome.JOINED, token) if token else (JoinOutcome.FULL, None)

    @property
    def code_locked(self) -> bool:
        """Whether too many wrong codes locked the code."""
        with self._lock:
            return self._code_lock.locked

    def renew_code(self) -> str:
        """A fresh code that takes tries again (after a lockout); the old one stops working."""
        with self._lock:
            self.code = new_code()
            self._code_lock = CodeLock()
            return self.code

    def _new_device(self) -> str | None:
        if len(self._devices) >= MAX_DEVICES:
            return None
        token = new_token()
        self._devices[token] = None
        return token

    def knows(self, device: str) -> bool:
        """Whether `device` joined this room (and the room is still open)."""
        with self._lock:
            return not self.closed and device in self._devices

    def group_of(self, device: str) -> RoleGroup | None:
        """The role group a device picked, or None."""
        with self._lock:
            return self._devices.get(device)

    def choose_group(self, device: str, group: RoleGroup) -> bool:
        """Set a device's role group; False when the device is unknown."""
        with self._lock:
            if self.closed or device not in self._devices:
                return False
            self._devices[device] = group
            return True

    # ----- voting ----------------------------------------------------------------------

    def open_round(self, round_id: str, prompt: int = 0) -> RoomRound:
        """Open `round_id` for voting, showing prompt number `prompt` of the round.

        Any other open round's tokens stop working, without a tally.
        """
        with self._lock:
            if self.closed:
                raise RoomClosed(round_id)
            template = self._session.template.round(round_id)
            if template.dimension is None or template.scale is None:
                raise NotRateable(round_id)
            prompts = template.prompts
            shown = prompts[min(max(prompt, 0), len(prompts) - 1)] if prompts else ""
            room_round = RoomRound(
                round_id, template.title, shown, template.dimension, template.scale
            )
            self._open = _Opening(room_round)
            return room_round

    @property
    def open(self) -> RoomRound | None:
        """The round open for voting, or None."""
        with self._lock:
            return None if self._open is None else self._open.round

    def ballot(self, device: str) -> Ballot | None:
        """The device's ballot for the open round (a vote token made on first sight), or None."""
        with self._lock:
            opening = self._open
            if self.closed or opening is None or device not in self._devices:
                return None
            token = opening.by_device.get(device)
            if token is None:
                token = new_token()
                opening.by_device[device] = token
                opening.tokens[token] = device
            return Ballot(opening.round, token, opening.values.get(device), device in opening.notes)

    def vote(self, device: str, vote_token: str, value: int | None, note: str = "") -> VoteOutcome:
        """Record (or change) a device's value and note for the open round."""
        note = _clean(note)
        with self._lock:
            opening = self._open
            if self.closed or opening is None or opening.tokens.get(vote_token) != device:
                return VoteOutcome.NOT_OPEN
            if self._devices.get(device) is None:
                return VoteOutcome.NO_GROUP
            if value is None and not note:
                return VoteOutcome.EMPTY
            if value is not None and not opening.round.scale.contains(value):
                return VoteOutcome.OFF_SCALE
            if len(note) > MAX_NOTE_CHARS:
                return VoteOutcome.TOO_LONG
            if value is not None:
                opening.values[device] = value
            if note:
                opening.notes[device] = note
            return VoteOutcome.SAVED

    def voted(self) -> dict[RoleGroup, int]:
        """How many devices of each role group voted in the open round; never the values."""
        with self._lock:
            counts = dict.fromkeys(RoleGroup, 0)
            if self._open is not None:
                for device in self._open.values:
                    group = self._devices.get(device)
                    if group is not None:
                        counts[group] += 1
            return counts

    def close_round(self) -> ClosedRound | None:
        """Close the open round: its tally, ratings and notes; its tokens stop working."""
        with self._lock:
            opening, self._open = self._open, None
            if opening is None:
                return None
            votes: dict[RoleGroup, list[int]] = {}
            for device, value in opening.values.items():
                group = self._devices.get(device)
                if group is not None:
                    votes.setdefault(group, []).append(value)
            return close_round(
                opening.round.round_id,
                opening.round.dimension,
                votes,
                opening.notes.values(),
                session=self._session,
                closed_at=self._clock.now(),
            )

    def close(self) -> None:
        """Close the room: every device, token, vote and note is forgotten."""
        with self._lock:
            self.closed = True
            self._open = None
            self._devices.clear()


def _clean(note: str) -> str:
    """A note with control characters (other than line breaks) removed and ends trimmed."""
    kept = (c for c in note.replace("\r\n", "\n") if c == "\n" or unicodedata.category(c)[0] != "C")
    return "".join(kept).strip()
