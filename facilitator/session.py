"""Provides the session value types: what a facilitator plans, captures and reviews.

Sessions never hold names: participants are counted per role group, ratings per group.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TypeVar

from facilitator.errors import InvalidInput, Text
from facilitator.templates.model import Template
from facilitator.vocabulary import (
    ActionStatus,
    CareSetting,
    NoteKind,
    NoteOrigin,
    Phase,
    RoleGroup,
    SessionStatus,
    Tag,
)


def new_id() -> str:
    """A fresh random identifier for a session, note, rating or action."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class ParticipantCounts:
    """How many people of each role group take part; never who."""

    professionals: int = 0
    users_relatives: int = 0
    managers: int = 0

    def of(self, group: RoleGroup) -> int:
        """The count for one role group."""
        return int(getattr(self, group.value))

    @property
    def total(self) -> int:
        """Everyone in the room."""
        return self.professionals + self.users_relatives + self.managers


class TooManyRatings(InvalidInput):
    """More ratings from a role group than people of that group take part in the session."""


@dataclass(frozen=True)
class RoundRecord:
    """A round as run: planned minutes (possibly rebalanced) and the time actually used.

    `original_minutes` keeps the plan from before a rebalance (None when never rebalanced),
    so reports can show the original plan beside the one the round was run with. A round cut
    short is `ended_early` when it ran (had time or content) and `skipped` only when it never did.
    """

    round_id: str
    planned_minutes: int
    actual_seconds: int | None = None
    skipped: bool = False
    original_minutes: int | None = None
    ended_early: bool = False

    @property
    def first_plan(self) -> int:
        """The minutes first planned for the round, before any rebalance."""
        return self.planned_minutes if self.original_minutes is None else self.original_minutes


@dataclass(frozen=True)
class Note:
    """Something said in the room, captured by the facilitator or sent anonymously by a phone.

    A note from the room (`origin` ROOM) is for the facilitator's eyes only: screens that may
    be on the projector, redacted exports and the sync summary withhold it.
    """

    id: str
    round_id: str
    text: str
    kind: NoteKind = NoteKind.OBSERVATION
    role_group: RoleGroup | None = None
    tags: tuple[Tag, ...] = ()
    created: datetime | None = None
    edited: datetime | None = None
    origin: NoteOrigin = NoteOrigin.FACILITATOR

    @property
    def anonymous(self) -> bool:
        """Whether a participant sent this note from the room, without a name."""
        return self.origin is NoteOrigin.ROOM


@dataclass(frozen=True)
class Rating:
    """`count` people of one role group placed a dimension at `value` on the round's scale."""

    id: str
    round_id: str
    dimension: str
    role_group: RoleGroup
    value: int
    count: int = 1


@dataclass(frozen=True)
class Action:
    """An agreed change: what, which role owns it, by when, and which dimension it targets."""

    id: str
    text: str
    owner_role: RoleGroup | None = None
    due: date | None = None
    dimension: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    round_id: str | None = None


@dataclass(frozen=True)
class ClockState:
    """A persisted RoundClock: enough to resume, paused, with the right time left."""

    round_index: int
    planned_seconds: float
    elapsed_seconds: float
    running: bool = False


@dataclass(frozen=True)
class Session:
    """One reflection session with its template snapshot and everything captured in it."""

    id: str
    title: str
    template: Template
    project: str = ""
    care_setting: CareSetting = CareSetting.OTHER
    phase: Phase = Phase.DO
    language: str = "en"
    region: str | None = None
    participants: ParticipantCounts = field(default_factory=ParticipantCounts)
    users_speak_first: bool = False
    status: SessionStatus = SessionStatus.PLANNED
    created: datetime | None = None
    updated: datetime | None = None
    scheduled_start: datetime | None = None
    rounds: tuple[RoundRecord, ...] = ()
    current_round: int = 0
    clock: ClockState | None = None
    notes: tuple[Note, ...] = ()
    ratings: tuple[Rating, ...] = ()
    actions: tuple[Action, ...] = ()
    tags: tuple[Tag, ...] = ()
    draft: Note | None = None  # the note being typed: saved, but not filed

    @classmethod
    def plan(
        cls, title: str, template: Template, *, created: datetime, **fields: object
    ) -> Session:
        """A new planned session whose rounds follow the template's timings."""
        rounds = tuple(RoundRecord(r.id, r.minutes) for r in template.rounds)
        return cls(
            id=new_id(),
            title=title,
            template=template,
            created=created,
            updated=created,
            rounds=rounds,
            **fields,  # type: ignore[arg-type]
        )

    @property
    def planned_minutes(self) -> int:
        """Total planned minutes across rounds."""
        return sum(r.planned_minutes for r in self.rounds)

    def notes_in(self, round_id: str) -> tuple[Note, ...]:
        """Notes captured in one round."""
        return tuple(n for n in self.notes if n.round_id == round_id)

    def ratings_for(self, dimension: str, group: RoleGroup | None = None) -> tuple[Rating, ...]:
        """Ratings of a dimension, optionally of one role group."""
        return tuple(
            r
            for r in self.ratings
            if r.dimension == dimension and (group is None or r.role_group == group)
        )

    def has_content_in(self, round_id: str) -> bool:
        """Whether any note, rating or action was captured in the round."""
        return (
            any(n.round_id == round_id for n in self.notes)
            or any(r.round_id == round_id for r in self.ratings)
            or any(a.round_id == round_id for a in self.actions)
        )

    def with_round_closed(self, index: int, seconds: float, *, cut_short: bool) -> Session:
        """This session with round `index` closed after `seconds`.

        A round cut short that ran (a second or more, or anything captured) is ended early;
        only a round that never ran is skipped, so reports never hide a round that happened.
        """
        record = self.rounds[index]
        ran = seconds >= 1 or self.has_content_in(record.round_id)
        closed = replace(
            record,
            actual_seconds=round(seconds),
            skipped=cut_short and not ran,
            ended_early=cut_short and ran,
        )
        rounds = (*self.rounds[:index], closed, *self.rounds[index + 1 :])
        return replace(self, rounds=rounds)

    def with_note(self, note: Note) -> Session:
        """This session with `note` added, or replaced when its id exists."""
        return replace(self, notes=_upsert(self.notes, note))

    def rated_by(self, dimension: str, group: RoleGroup) -> int:
        """How many of `group` rated `dimension` (ratings weighted by their count)."""
        return sum(max(r.count, 0) for r in self.ratings_for(dimension, group))

    def with_rating(self, rating: Rating) -> Session:
        """This session with `rating` added, or replaced when its id exists.

        Raises TooManyRatings when the group's ratings of the dimension would outnumber the
        people of that group in the session, so every count stands for people in the room.
        """
        updated = replace(self, ratings=_upsert(self.ratings, rating))
        rated = updated.rated_by(rating.dimension, rating.role_group)
        people = self.participants.of(rating.role_group)
        if rated > people:
            raise TooManyRatings(
                "errors.ratings.too_many",
                count=rated,
                people=people,
                group=Text.of(f"vocab.role_group.{rating.role_group.value}"),
            )
        return updated

    def with_action(self, action: Action) -> Session:
        """This session with `action` added, or replaced when its id exists."""
        return replace(self, actions=_upsert(self.actions, action))

    def with_draft(self, draft: Note | None) -> Session:
        """This session holding `draft` as the half-typed note (None or empty text: no draft)."""
        return replace(self, draft=draft if draft is not None and draft.text else None)

    def without(self, item_id: str) -> Session:
        """This session with the note, rating or action `item_id` removed."""
        return replace(
            self,
            notes=tuple(n for n in self.notes if n.id != item_id),
            ratings=tuple(r for r in self.ratings if r.id != item_id),
            actions=tuple(a for a in self.actions if a.id != item_id),
        )


_Item = TypeVar("_Item", Note, Rating, Action)


def _upsert(items: tuple[_Item, ...], item: _Item) -> tuple[_Item, ...]:
    updated = list(items)
    for index, existing in enumerate(updated):
        if existing.id == item.id:
            updated[index] = item
            return tuple(updated)
    updated.append(item)
    return tuple(updated)
