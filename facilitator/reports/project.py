"""Provides a project's history as data: each dimension's ratings per role group across
sessions (trends), and each action's dimension before and after it was agreed.

Pure functions over Session values, shared by the project report and the TUI's history.
Sessions of distribution-only templates (psychological safety) never yield a mean, so they
are left out of the trends and count as "not rated" before and after an action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.errors import SessionNotFound
from facilitator.followup import SessionStore, project_sessions, session_moment
from facilitator.session import Action, Session
from facilitator.summary import dimension_scale, dimension_title, group_stats
from facilitator.templates.model import RatingScale
from facilitator.vocabulary import RoleGroup

Means = tuple[tuple[RoleGroup, float | None], ...]


def group_means(session: Session, dimension: str) -> Means:
    """Each role group's mean rating of a dimension in one session; None where it did not
    rate, fewer people took part or answered than the template's minimum (so no one is
    singled out) or the template shows only distributions."""
    if session.template.distribution_only_for(dimension):
        return tuple((g, None) for g in RoleGroup)
    ratings = session.ratings_for(dimension)
    least = session.template.min_respondents
    people = session.participants
    return tuple(
        (
            g,
            None
            if (s := group_stats(g, ratings)) is None or min(s.count, people.of(g)) < least
            else s.mean,
        )
        for g in RoleGroup
    )


def _with_means(sessions: Sequence[Session]) -> list[Session]:
    return [s for s in sessions if not s.template.distribution_only]


def mean_of(means: Means, group: RoleGroup) -> float | None:
    """One group's value from a Means tuple."""
    return dict(means).get(group)


@dataclass(frozen=True)
class TrendPoint:
    """One session's means of one dimension, per role group."""

    session_id: str
    title: str
    day: date | None
    means: Means


@dataclass(frozen=True)
class DimensionTrend:
    """A dimension's means per role group, session by session (oldest first)."""

    dimension: str
    title: str
    scale: RatingScale
    points: tuple[TrendPoint, ...]

    def series(self, group: RoleGroup) -> tuple[float | None, ...]:
        """One group's means across the sessions, None where it did not rate."""
        return tuple(mean_of(p.means, group) for p in self.points)


def _dimensions(sessions: Sequence[Session]) -> list[str]:
    seen: list[str] = []
    for session in sessions:
        for dimension in (*session.template.dimensions, *(r.dimension for r in session.ratings)):
            if dimension not in seen:
                seen.append(dimension)
    return seen


def _latest_with(sessions: Sequence[Session], dimension: str) -> Session:
    having = [s for s in sessions if dimension in s.template.dimensions]
    return having[-1] if having else sessions[-1]


def _day(session: Session) -> date | None:
    moment = session_moment(session)
    return None if moment is None else moment.date()


def dimension_trends(sessions: Sequence[Session]) -> tuple[DimensionTrend, ...]:
    """Every dimension's trend across `sessions` (one project, oldest first)."""
    sessions = _with_means(sessions)
    if not sessions:
        return ()
    trends = []
    for dimension in _dimensions(sessions):
        latest = _latest_with(sessions, dimension)
        points = tuple(
            TrendPoint(s.id, s.title, _day(s), group_means(s, dimension)) for s in sessions
        )
        trends.append(
            DimensionTrend(
                dimension,
                dimension_title(latest, dimension),
                dimension_scale(latest, dimension),
                points,
            )
        )
    return tuple(trends)


@dataclass(frozen=True)
class ActionEffect:
    """An action and its dimension's means when it was agreed and at the next rated session."""

    dimension: str
    dimension_title: str
    action: Action
    agreed_in: TrendPoint
    after: TrendPoint | None


def action_effects(sessions: Sequence[Session]) -> tuple[ActionEffect, ...]:
    """Before and after for every action that targets a dimension, grouped by dimension."""
    effects = []
    for dimension in _dimensions(sessions):
        title = dimension_title(_latest_with(sessions, dimension), dimension)
        for index, session in enumerate(sessions):
            for action in session.actions:
                if action.dimension != dimension:
                    continue
                before = TrendPoint(
                    session.id, session.title, _day(session), group_means(session, dimension)
                )
                later = (s for s in _with_means(sessions[index + 1 :]) if s.ratings_for(dimension))
                nxt = next(later, None)
                after = (
                    None
                    if nxt is None
                    else TrendPoint(nxt.id, nxt.title, _day(nxt), group_means(nxt, dimension))
                )
                effects.append(ActionEffect(dimension, title, action, before, after))
    return tuple(effects)


def load_project(store: SessionStore, project: str) -> list[Session]:
    """Every session of `project` from the vault, oldest first; SessionNotFound when none."""
    ids = [s.id for s in store.list_sessions() if s.project == project]
    if not project or not ids:
        known = sorted({s.project for s in store.list_sessions() if s.project})
        if not known:
            raise SessionNotFound("errors.project.none", project=project)
        raise SessionNotFound("errors.project.empty", project=project, known=", ".join(known))
    return project_sessions([store.load_session(i) for i in ids], project)
