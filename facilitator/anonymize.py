"""Provides AnonymizedSummary, the only thing the client may send, and its wire form.

Built field by field from controlled values (ids, enums, counts), so no free text, name or
exact date can reach the payload. A group is suppressed by its people: fewer than
MIN_GROUP_SIZE of them in the room (or fewer ratings than that) and it is left out entirely;
more ratings than people and the summary is refused.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from facilitator.codec import canonical_json
from facilitator.errors import InvalidInput, Text
from facilitator.session import Session
from facilitator.summary import group_stats
from facilitator.vocabulary import (
    MIN_GROUP_SIZE,
    REGIONS,
    CareSetting,
    NoteKind,
    Phase,
    RoleGroup,
    RoundKind,
    Tag,
)

SCHEMA = "facilitator.summary/2"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}\Z")
RATING_RANGE = (1, 7)
MAX_MINUTES = 600
# The server's realistic upper bounds (docs/wire-format.md): people per role group, notes
# and actions per session; spreads only for groups of MIN_SPREAD_PEOPLE or more.
MAX_PEOPLE = 60
MAX_NOTES = 300
MAX_ACTIONS = 60
MIN_SPREAD_PEOPLE = 5
SCALE_POINTS = 7
LIMITS = {"dimensions": 16, "rounds": 64, "ratings": 64, "note_counts": 256, "action_counts": 64}


class SummaryRefused(InvalidInput):
    """A session cannot be summarised for the wire; the message says why and what to do."""


@dataclass(frozen=True)
class TemplateRef:
    """Which template (and version) the session used."""

    id: str
    version: int


@dataclass(frozen=True)
class WireParticipants:
    """People per role group; None where fewer than MIN_GROUP_SIZE took part."""

    professionals: int | None
    users_relatives: int | None
    managers: int | None


@dataclass(frozen=True)
class GroupRating:
    """One role group's pooled rating of one dimension: a mean (and sd) or counts per point.

    Distribution-only templates carry `distribution` (ratings on points 1..7) and no mean;
    the spread is left out for groups under MIN_SPREAD_PEOPLE.
    """

    dimension: str
    role_group: RoleGroup
    mean: float | None
    spread: float | None
    count: int
    distribution: tuple[int, ...] | None = None


@dataclass(frozen=True)
class RoundDuration:
    """A round's kind, dimension and planned and used time in whole minutes."""

    kind: RoundKind
    dimension: str | None
    planned_minutes: int
    actual_minutes: int


@dataclass(frozen=True)
class NoteCount:
    """How many notes of one kind were captured for a dimension (None: not tied to one)."""

    dimension: str | None
    kind: NoteKind
    count: int


@dataclass(frozen=True)
class ActionCount:
    """How many actions target a dimension (None: not tied to one)."""

    dimension: str | None
    count: int


@dataclass(frozen=True)
class AnonymizedSummary:
    """A session reduced to controlled values; exactly the fields of docs/wire-format.md."""

    summary_id: str
    template: TemplateRef
    dimensions: tuple[str, ...]
    month: str
    region: str | None
    care_setting: CareSetting
    phase: Phase
    participants: WireParticipants
    ratings: tuple[GroupRating, ...]
    rounds: tuple[RoundDuration, ...]
    note_counts: tuple[NoteCount, ...]
    action_counts: tuple[ActionCount, ...]
    tags: tuple[Tag, ...]


def new_summary_id() -> str:
    """A random UUID (version 4), unrelated to any local id."""
    return str(uuid.uuid4())


def _check_id(value: str, what: str) -> str:
    if not ID_PATTERN.match(value):
        raise SummaryRefused("errors.summary.bad_id", what=Text.of(what), id=value[:60])
    return value


def _visible(count: int) -> int | None:
    if count > MAX_PEOPLE:
        raise SummaryRefused("errors.pooling.too_many_people", count=count, limit=MAX_PEOPLE)
    return count if count >= MIN_GROUP_SIZE else None


def _ratings(
    session: Session, dimensions: tuple[str, ...], shown: WireParticipants
) -> tuple[GroupRating, ...]:
    """Ratings of role groups whose head-count is shown, never more ratings than people."""
    out: list[GroupRating] = []
    low, high = RATING_RANGE
    for dimension in dimensions:
        ratings = session.ratings_for(dimension)
        for group in RoleGroup:
            stats = group_stats(group, ratings)
            if stats is None:
                continue
            if stats.count > session.participants.of(group):
                raise SummaryRefused(
                    "errors.ratings.exceed_people",
                    dimension=dimension,
                    count=stats.count,
                    group=Text.of(f"vocab.role_group.{group.value}"),
                    people=session.participants.of(group),
                )
            people = getattr(shown, group.value)
            if people is None or stats.count < MIN_GROUP_SIZE:
                continue
            if stats.minimum < low or stats.maximum > high:
                raise SummaryRefused(
                    "errors.summary.rating_range", dimension=dimension, low=low, high=high
                )
            if session.template.distribution_only_for(dimension):
                points = dict(stats.counts)
                out.append(
                    GroupRating(
                        dimension=dimension,
                        role_group=group,
                        mean=None,
                        spread=None,
                        count=stats.count,
                        distribution=tuple(points.get(p, 0) for p in range(1, SCALE_POINTS + 1)),
                    )
                )
                continue
            spread = float(round(stats.stdev, 2)) if stats.count >= MIN_SPREAD_PEOPLE else None
            out.append(
                GroupRating(
                    dimension=dimension,
                    role_group=group,
                    mean=float(round(stats.mean, 2)),
                    spread=spread,
                    count=stats.count,
                )
            )
    return tuple(out)


def _whole_minutes(seconds: int | None) -> int:
    if seconds is None:
        return 0
    return min(MAX_MINUTES, (seconds + 30) // 60)


def _rounds(session: Session, dimensions: tuple[str, ...]) -> tuple[RoundDuration, ...]:
    by_id = {r.id: r for r in session.template.rounds}
    out = []
    for record in session.rounds:
        template_round = by_id.get(record.round_id)
        if template_round is None:
            continue
        dimension = template_round.dimension if template_round.dimension in dimensions else None
        out.append(
            RoundDuration(
                kind=template_round.kind,
                dimension=dimension,
                planned_minutes=min(MAX_MINUTES, max(0, record.planned_minutes)),
                actual_minutes=0 if record.skipped else _whole_minutes(record.actual_seconds),
            )
        )
    return tuple(out)


def _note_counts(session: Session, dimensions: tuple[str, ...]) -> tuple[NoteCount, ...]:
    dimension_of = {r.id: r.dimension for r in session.template.rounds}
    tally: dict[tuple[str | None, NoteKind], int] = {}
    for note in session.notes:
        if not note.text.strip() or note.anonymous:  # the room's own notes stay on this machine
            continue
        dimension = dimension_of.get(note.round_id)
        key = (dimension if dimension in dimensions else None, note.kind)
        tally[key] = tally.get(key, 0) + 1
    order: list[str | None] = [*dimensions, None]
    return tuple(
        NoteCount(dimension=d, kind=k, count=min(tally[(d, k)], MAX_NOTES))
        for d in order
        for k in NoteKind
        if (d, k) in tally
    )


def _action_counts(session: Session, dimensions: tuple[str, ...]) -> tuple[ActionCount, ...]:
    tally: dict[str | None, int] = {}
    for action in session.actions:
        key = action.dimension if action.dimension in dimensions else None
        tally[key] = tally.get(key, 0) + 1
    order: list[str | None] = [*dimensions, None]
    return tuple(ActionCount(d, min(tally[d], MAX_ACTIONS)) for d in order if d in tally)


def _check_limits(summary: AnonymizedSummary) -> None:
    for field_name, limit in LIMITS.items():
        size = len(getattr(summary, field_name))
        if size > limit:
            raise SummaryRefused(
                "errors.summary.too_many",
                count=size,
                what=Text.of(f"errors.summary.field_{field_name}"),
                limit=limit,
            )


def build_summary(
    session: Session,
    *,
    region: str | None,
    tags: Iterable[Tag] | None = None,
    summary_id: str | None = None,
) -> AnonymizedSummary:
    """The anonymized summary of `session`; SummaryRefused when it cannot be shared safely."""
    template = session.template
    _check_id(template.id, "errors.summary.template_id")
    if not 1 <= template.version <= 10_000:
        raise SummaryRefused("errors.summary.template_version", version=template.version)
    dimensions = tuple(_check_id(d, "errors.summary.dimension_id") for d in template.dimensions)
    if region is not None and region not in REGIONS:
        raise SummaryRefused("errors.summary.unknown_region", region=region[:40])
    if session.created is None:
        raise SummaryRefused("errors.summary.no_month")
    sid = summary_id if summary_id is not None else new_summary_id()
    try:
        parsed = uuid.UUID(sid)
    except ValueError:
        raise SummaryRefused("errors.summary.not_uuid") from None
    people = session.participants
    shown = WireParticipants(
        professionals=_visible(people.professionals),
        users_relatives=_visible(people.users_relatives),
        managers=_visible(people.managers),
    )
    summary = AnonymizedSummary(
        summary_id=str(parsed),
        template=TemplateRef(template.id, template.version),
        dimensions=dimensions,
        month=f"{session.created.year:04d}-{session.created.month:02d}",
        region=region,
        care_setting=session.care_setting,
        phase=session.phase,
        participants=shown,
        ratings=_ratings(session, dimensions, shown),
        rounds=_rounds(session, dimensions),
        note_counts=_note_counts(session, dimensions),
        action_counts=_action_counts(session, dimensions),
        tags=tuple(sorted(set(session.tags if tags is None else tags), key=lambda t: t.value)),
    )
    _check_limits(summary)
    return summary


def to_wire(summary: AnonymizedSummary) -> dict[str, Any]:
    """The summary as the JSON object of docs/wire-format.md."""
    p = summary.participants
    return {
        "schema": SCHEMA,
        "summary_id": summary.summary_id,
        "template": {"id": summary.template.id, "version": summary.template.version},
        "dimensions": list(summary.dimensions),
        "month": summary.month,
        "region": summary.region,
        "care_setting": summary.care_setting.value,
        "phase": summary.phase.value,
        "participants": {
            "professionals": p.professionals,
            "users_relatives": p.users_relatives,
            "managers": p.managers,
        },
        "ratings": [
            {
                "dimension": r.dimension,
                "role_group": r.role_group.value,
                "mean": r.mean,
                "spread": r.spread,
                "count": r.count,
                "distribution": None if r.distribution is None else list(r.distribution),
            }
            for r in summary.ratings
        ],
        "rounds": [
            {
                "kind": r.kind.value,
                "dimension": r.dimension,
                "planned_minutes": r.planned_minutes,
                "actual_minutes": r.actual_minutes,
            }
            for r in summary.rounds
        ],
        "note_counts": [
            {"dimension": n.dimension, "kind": n.kind.value, "count": n.count}
            for n in summary.note_counts
        ],
        "action_counts": [
            {"dimension": a.dimension, "count": a.count} for a in summary.action_counts
        ],
        "tags": [t.value for t in summary.tags],
    }


def payload_bytes(summary: AnonymizedSummary) -> bytes:
    """The exact bytes sent: canonical JSON of `to_wire`, UTF-8."""
    return canonical_json(to_wire(summary)).encode("utf-8")
