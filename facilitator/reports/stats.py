"""Provides report views over facilitator.summary: stats joined with the template's titles.

The numbers come from `facilitator.summary` (shared with the summary screen); this module
only adds what a printed report needs: dimension titles, scales, headings and the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from facilitator import summary
from facilitator.session import Note, Session
from facilitator.summary import dimension_scale, dimension_title
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import NoteKind, RoleGroup


@dataclass(frozen=True)
class DimensionView:
    """A dimension's statistics with the title and scale the template gives it."""

    stats: summary.DimensionStats
    title: str
    scale: RatingScale
    min_respondents: int = 1  # groups with fewer answers are hidden, so no one is singled out

    @property
    def dimension(self) -> str:
        """The dimension id."""
        return self.stats.dimension

    @property
    def distribution_only(self) -> bool:
        """Whether results may be shown only as counts per scale point, never as means."""
        return self.stats.distribution_only

    @property
    def gap(self) -> float | None:
        """Users and relatives' mean minus professionals' mean, when both groups are shown."""
        if self.distribution_only:
            return None
        users, staff = self.mean(RoleGroup.USERS_RELATIVES), self.mean(RoleGroup.PROFESSIONALS)
        return None if users is None or staff is None else users - staff

    @property
    def rated(self) -> bool:
        """Whether anyone rated this dimension."""
        return self.stats.count > 0

    def of(self, group: RoleGroup) -> summary.GroupStats | None:
        """One group's statistics, None when it did not rate or too few people or answers."""
        return None if self.hidden(group) else self.stats.of(group)

    def hidden(self, group: RoleGroup) -> bool:
        """Whether a group rated but had too few people (or answers) for its result to show."""
        stats = self.stats.of(group)
        if stats is None:
            return False
        return self.stats.too_few(group) or stats.count < self.min_respondents

    def mean(self, group: RoleGroup) -> float | None:
        """One group's mean, None when it did not rate, too few answered or means are barred."""
        stats = self.of(group)
        return None if stats is None or self.distribution_only else stats.mean

    def distribution(self, group: RoleGroup) -> tuple[tuple[int, int], ...] | None:
        """One group's count per scale point, None when it did not rate or too few answered."""
        stats = self.of(group)
        return None if stats is None else stats.distribution(self.scale)


@dataclass(frozen=True)
class NoteSection:
    """The notes about one dimension (None: other rounds), grouped by kind."""

    heading: str
    dimension: str | None
    by_kind: tuple[tuple[NoteKind, tuple[Note, ...]], ...]


def dimension_views(session: Session) -> tuple[DimensionView, ...]:
    """Every template dimension's statistics, in template order."""
    return tuple(
        DimensionView(
            d,
            dimension_title(session, d.dimension),
            dimension_scale(session, d.dimension),
            session.template.min_respondents,
        )
        for d in summary.dimension_stats(session)
    )


def note_sections(session: Session, general: str) -> tuple[NoteSection, ...]:
    """Notes by dimension and kind; notes from other rounds go under `general`."""
    sections: list[NoteSection] = []
    for group in summary.notes_by_dimension(session):
        if not sections or sections[-1].dimension != group.dimension:
            heading = dimension_title(session, group.dimension) if group.dimension else general
            sections.append(NoteSection(heading, group.dimension, ()))
        last = sections[-1]
        sections[-1] = NoteSection(
            last.heading, last.dimension, (*last.by_kind, (group.kind, group.notes))
        )
    return tuple(sections)


def round_dimension(session: Session, round_id: str) -> str | None:
    """The dimension a round belongs to, or None for opening, actions and other rounds."""
    return next((r.dimension for r in session.template.rounds if r.id == round_id), None)


def session_day(session: Session) -> date | None:
    """The day the session took place (scheduled start, else created)."""
    moment = session.scheduled_start or session.created
    return None if moment is None else moment.date()
