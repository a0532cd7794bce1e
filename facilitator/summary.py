"""Provides the pure computations behind a session summary and a project's trends.

Per dimension and role group: how many rated, the mean and the spread, and the gap between
professionals and users/relatives; time used against time planned; notes grouped by
dimension and kind. Shared by the summary screen, history screen and reports.

Templates marked `distribution_only` (psychological safety) are never reduced to a mean:
their stats carry the count per scale point, no gap and no trend, and a group's result is
shown only once `min_respondents` people of that group answered.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.session import Action, Note, Rating, Session
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import ActionStatus, NoteKind, RoleGroup, RoundKind

GAP_GROUPS = (RoleGroup.PROFESSIONALS, RoleGroup.USERS_RELATIVES)
DEFAULT_SCALE = RatingScale(1, 5)


@dataclass(frozen=True)
class GroupStats:
    """How one role group rated one dimension: count, mean and spread (never who)."""

    group: RoleGroup
    count: int
    mean: float
    minimum: int
    maximum: int
    stdev: float
    counts: tuple[tuple[int, int], ...] = ()  # (scale point, how many chose it), ascending

    @property
    def spread(self) -> int:
        """Range of the ratings, maximum minus minimum."""
        return self.maximum - self.minimum

    def distribution(self, scale: RatingScale) -> tuple[tuple[int, int], ...]:
        """How many chose each point of `scale`, every point listed (zero when none chose it)."""
        chosen = dict(self.counts)
        return tuple((p, chosen.get(p, 0)) for p in range(scale.minimum, scale.maximum + 1))


@dataclass(frozen=True)
class DimensionStats:
    """A dimension's ratings per role group and the professionals/users gap."""

    dimension: str
    groups: tuple[GroupStats, ...]
    scale: RatingScale = DEFAULT_SCALE
    distribution_only: bool = False  # show counts per scale point, never a mean or a gap
    min_respondents: int = 1  # fewer people (or answers) in a group and its result is hidden
    people: tuple[tuple[RoleGroup, int], ...] = ()  # head count per group; empty: not known

    def of(self, group: RoleGroup) -> GroupStats | None:
        """The stats of one group, None when it did not rate."""
        for stats in self.groups:
            if stats.group == group:
                return stats
        return None

    def too_few(self, group: RoleGroup) -> bool:
        """Whether a group rated but has fewer people (or answers) than `min_respondents`.

        Suppression goes by people in the room: a group of two stays too few whatever its
        ratings say, so no one is singled out by a mean, a spread or a distribution.
        """
        stats = self.of(group)
        if stats is None:
            return False
        people = dict(self.people).get(group)
        few_people = people is not None and people < self.min_respondents
        return few_people or stats.count < self.min_respondents

    def hidden(self, group: RoleGroup) -> bool:
        """Whether a distribution-only group has too few people or answers to show."""
        return self.distribution_only and self.too_few(group)

    def distribution(self, group: RoleGroup) -> tuple[tuple[int, int], ...] | None:
        """A group's count per scale point; None when it did not rate or too few answered."""
        stats = self.of(group)
        if stats is None or self.hidden(group):
            return None
        return stats.distribution(self.scale)

    @property
    def count(self) -> int:
        """Everyone who rated this dimension."""
        return sum(s.count for s in self.groups)

    @property
    def gap(self) -> float | None:
        """Users/relatives mean minus professionals mean; None unless both rated (or no means)."""
        pros, users = (self.of(g) for g in GAP_GROUPS)
        if self.distribution_only or pros is None or users is None:
            return None
        return users.mean - pros.mean


@dataclass(frozen=True)
class RoundTime:
    """A round's planned minutes against the seconds it actually took."""

    round_id: str
    title: str
    planned_minutes: int
    used_seconds: int | None
    skipped: bool = False
    first_planned_minutes: int | None = None  # the plan before a rebalance; None: unchanged
    ended_early: bool = False  # cut short after it ran; never shown as skipped

    @property
    def difference_seconds(self) -> int | None:
        """Seconds over (positive) or under (negative) the plan; None when not run."""
        if self.used_seconds is None:
            return None
        return self.used_seconds - self.planned_minutes * 60


@dataclass(frozen=True)
class NoteGroup:
    """The notes of one kind captured in rounds about one dimension (None: no dimension)."""

    dimension: str | None
    kind: NoteKind
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class TrendPoint:
    """One session's mean rating of a dimension by a role group, for trend lines."""

    session_id: str
    mean: float
    count: int


def group_stats(group: RoleGroup, ratings: Iterable[Rating]) -> GroupStats | None:
    """Count, mean, range and population standard deviation of weighted ratings."""
    pairs = [(r.value, r.count) for r in ratings if r.role_group == group and r.count > 0]
    count = sum(c for _, c in pairs)
    if count == 0:
        return None
    mean = sum(v * c for v, c in pairs) / count
    variance = sum(c * (v - mean) ** 2 for v, c in pairs) / count
    counts: dict[int, int] = {}
    for value, people in pairs:
        counts[value] = counts.get(value, 0) + people
    return GroupStats(
        group=group,
        count=count,
        mean=mean,
        minimum=min(v for v, _ in pairs),
        maximum=max(v for v, _ in pairs),
        stdev=math.sqrt(variance),
        counts=tuple(sorted(counts.items())),
    )


def dimension_scale(session: Session, dimension: str) -> RatingScale:
    """The rating scale of a dimension's round, the 1-5 balance scale when none is set."""
    scales = (r.scale for r in session.template.rounds if r.dimension == dimension and r.scale)
    return next(scales, DEFAULT_SCALE)


def dimension_title(session: Session, dimension: str) -> str:
    """The title the template gives a dimension (its dimension round's title), else its id."""
    rounds = sorted(session.template.rounds, key=lambda r: r.kind is not RoundKind.DIMENSION)
    return next((r.title for r in rounds if r.dimension == dimension), dimension)


def dimension_stats(session: Session) -> tuple[DimensionStats, ...]:
    """Stats for every dimension of the session's template, in template order."""
    template = session.template
    result = []
    for dimension in template.dimensions:
        ratings = session.ratings_for(dimension)
        groups = tuple(stats for g in RoleGroup if (stats := group_stats(g, ratings)) is not None)
        result.append(
            DimensionStats(
                dimension=dimension,
                groups=groups,
                scale=dimension_scale(session, dimension),
                distribution_only=template.distribution_only_for(dimension),
                min_respondents=template.min_respondents,
                people=tuple((g, session.participants.of(g)) for g in RoleGroup),
            )
        )
    return tuple(result)


def round_times(session: Session) -> tuple[RoundTime, ...]:
    """Each round's planned minutes and used seconds, in session order."""
    titles = {r.id: r.title for r in session.template.rounds}
    return tuple(
        RoundTime(
            round_id=r.round_id,
            title=titles.get(r.round_id, r.round_id),
            planned_minutes=r.planned_minutes,
            used_seconds=r.actual_seconds,
            skipped=r.skipped,
            first_planned_minutes=(
                r.original_minutes if r.original_minutes != r.planned_minutes else None
            ),
            ended_early=r.ended_early,
        )
        for r in session.rounds
    )


def notes_by_dimension(session: Session) -> tuple[NoteGroup, ...]:
    """Non-empty notes grouped by their round's dimension, then by kind, in template order."""
    dimension_of = {r.id: r.dimension for r in session.template.rounds}
    order: list[str | None] = [*session.template.dimensions, None]
    groups = []
    for dimension in order:
        for kind in NoteKind:
            notes = tuple(
                n
                for n in session.notes
                if n.text.strip() and n.kind == kind and dimension_of.get(n.round_id) == dimension
            )
            if notes:
                groups.append(NoteGroup(dimension=dimension, kind=kind, notes=notes))
    return tuple(groups)


def open_actions(session: Session) -> tuple[Action, ...]:
    """Actions not yet done or dropped."""
    return tuple(
        a for a in session.actions if a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    )


def rating_trend(
    sessions: Sequence[Session], dimension: str, group: RoleGroup
) -> tuple[TrendPoint, ...]:
    """A group's mean rating of a dimension across sessions (given oldest first).

    Distribution-only ratings (psych-safety, check-in and check-out) never become a mean.
    """
    points = []
    for session in sessions:
        if session.template.distribution_only_for(dimension):
            continue
        stats = group_stats(group, session.ratings_for(dimension))
        if stats is not None:
            points.append(TrendPoint(session.id, stats.mean, stats.count))
    return tuple(points)


def minutes_used(seconds: int | None) -> str:
    """Seconds as m:ss for display, or an em dash when the round did not run."""
    if seconds is None:
        return "—"
    return f"{seconds // 60}:{seconds % 60:02d}"
