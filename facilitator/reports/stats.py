"""Provides the per-dimension, per-role-group rating statistics and timings that reports show.

Pure functions over a Session: the triangle, the tables and the trends all read from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from facilitator.session import Note, Session
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import NoteKind, RoleGroup, RoundKind

DEFAULT_SCALE = RatingScale(1, 5)


@dataclass(frozen=True)
class GroupStats:
    """One role group's answers on one dimension: how many, the mean and the spread."""

    group: RoleGroup
    count: int
    mean: float | None
    minimum: int | None
    maximum: int | None
    distribution: tuple[tuple[int, int], ...] = ()  # (value, how many answered it)


@dataclass(frozen=True)
class DimensionStats:
    """A dimension's ratings per role group, with its title and scale from the template."""

    dimension: str
    title: str
    scale: RatingScale
    groups: tuple[GroupStats, ...]

    def of(self, group: RoleGroup) -> GroupStats:
        """The statistics of one role group."""
        return next(g for g in self.groups if g.group == group)

    @property
    def gap(self) -> float | None:
        """Users and relatives' mean minus professionals' mean; the finding the model looks for."""
        users = self.of(RoleGroup.USERS_RELATIVES).mean
        staff = self.of(RoleGroup.PROFESSIONALS).mean
        return None if users is None or staff is None else users - staff

    @property
    def rated(self) -> bool:
        """Whether anyone rated this dimension."""
        return any(g.count for g in self.groups)


@dataclass(frozen=True)
class RoundTiming:
    """A round's planned minutes and the seconds actually used."""

    round_id: str
    title: str
    planned_minutes: int
    used_seconds: int | None
    skipped: bool


def dimension_title(session: Session, dimension: str) -> str:
    """The title the template gives a dimension (its dimension round's title), else its id."""
    for r in session.template.rounds:
        if r.dimension == dimension and r.kind is RoundKind.DIMENSION:
            return r.title
    for r in session.template.rounds:
        if r.dimension == dimension:
            return r.title
    return dimension


def dimension_scale(session: Session, dimension: str) -> RatingScale:
    """The rating scale of a dimension's round, the 1-5 balance scale when none is set."""
    for r in session.template.rounds:
        if r.dimension == dimension and r.scale is not None:
            return r.scale
    return DEFAULT_SCALE


def dimensions_of(session: Session) -> tuple[str, ...]:
    """The template's dimensions in order, then any rated dimension the template lacks."""
    seen = list(session.template.dimensions)
    for rating in session.ratings:
        if rating.dimension not in seen:
            seen.append(rating.dimension)
    return tuple(seen)


def group_stats(session: Session, dimension: str, group: RoleGroup) -> GroupStats:
    """Count-weighted mean, minimum, maximum and distribution of one group's ratings."""
    tally: dict[int, int] = {}
    for r in session.ratings_for(dimension, group):
        tally[r.value] = tally.get(r.value, 0) + r.count
    count = sum(tally.values())
    if not count:
        return GroupStats(group, 0, None, None, None)
    mean = sum(v * n for v, n in tally.items()) / count
    return GroupStats(group, count, mean, min(tally), max(tally), tuple(sorted(tally.items())))


def dimension_stats(session: Session) -> tuple[DimensionStats, ...]:
    """Statistics of every dimension of the session, in template order."""
    return tuple(
        DimensionStats(
            dimension=d,
            title=dimension_title(session, d),
            scale=dimension_scale(session, d),
            groups=tuple(group_stats(session, d, g) for g in RoleGroup),
        )
        for d in dimensions_of(session)
    )


def round_timings(session: Session) -> tuple[RoundTiming, ...]:
    """Planned against used time for every round of the session."""
    timings = []
    for record in session.rounds:
        try:
            title = session.template.round(record.round_id).title
        except KeyError:
            title = record.round_id
        timings.append(
            RoundTiming(
                record.round_id,
                title,
                record.planned_minutes,
                record.actual_seconds,
                record.skipped,
            )
        )
    return tuple(timings)


def round_dimension(session: Session, round_id: str) -> str | None:
    """The dimension a round belongs to, or None for opening, actions and other rounds."""
    try:
        return session.template.round(round_id).dimension
    except KeyError:
        return None


@dataclass(frozen=True)
class NoteSection:
    """The notes of one dimension (or of one other round), grouped by kind in vocabulary order."""

    heading: str
    dimension: str | None
    by_kind: tuple[tuple[NoteKind, tuple[Note, ...]], ...]


def note_sections(session: Session) -> tuple[NoteSection, ...]:
    """Notes by dimension and kind, sections in round order; rounds without notes are left out."""
    order: list[str] = []
    headings: dict[str, tuple[str, str | None]] = {}
    grouped: dict[str, list[Note]] = {}
    round_ids = [r.round_id for r in session.rounds] + [r.id for r in session.template.rounds]
    for note in session.notes:
        if note.round_id not in round_ids:
            round_ids.append(note.round_id)
    for round_id in round_ids:
        dimension = round_dimension(session, round_id)
        key = f"dimension:{dimension}" if dimension else f"round:{round_id}"
        if key not in headings:
            if dimension:
                headings[key] = (dimension_title(session, dimension), dimension)
            else:
                try:
                    headings[key] = (session.template.round(round_id).title, None)
                except KeyError:
                    headings[key] = (round_id, None)
            order.append(key)
    for note in session.notes:
        dimension = round_dimension(session, note.round_id)
        key = f"dimension:{dimension}" if dimension else f"round:{note.round_id}"
        grouped.setdefault(key, []).append(note)
    sections = []
    for key in order:
        notes = grouped.get(key, [])
        if not notes:
            continue
        by_kind = tuple(
            (kind, tuple(n for n in notes if n.kind is kind))
            for kind in NoteKind
            if any(n.kind is kind for n in notes)
        )
        sections.append(NoteSection(headings[key][0], headings[key][1], by_kind))
    return tuple(sections)


def session_day(session: Session) -> date | None:
    """The day the session took place (scheduled start, else created)."""
    moment = session.scheduled_start or session.created
    return None if moment is None else moment.date()
