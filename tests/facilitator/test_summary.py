"""Tests of the pure summary computations: group stats, gaps, times, note groups, trends."""

from __future__ import annotations

import pytest

from facilitator.clock import FakeClock
from facilitator.session import Rating
from facilitator.summary import (
    dimension_stats,
    group_stats,
    minutes_used,
    notes_by_dimension,
    open_actions,
    rating_trend,
    round_times,
)
from facilitator.vocabulary import NoteKind, RoleGroup
from tests.screens.run.harness import finished_session


def test_group_stats_weights_by_count() -> None:
    ratings = [
        Rating("a", "r", "d", RoleGroup.PROFESSIONALS, 2, 3),
        Rating("b", "r", "d", RoleGroup.PROFESSIONALS, 4, 1),
        Rating("c", "r", "d", RoleGroup.MANAGERS, 5, 1),
    ]
    stats = group_stats(RoleGroup.PROFESSIONALS, ratings)
    assert stats is not None
    assert (stats.count, stats.mean, stats.minimum, stats.maximum) == (4, 2.5, 2, 4)
    assert stats.spread == 2
    assert stats.stdev == pytest.approx(0.866, abs=0.001)
    assert group_stats(RoleGroup.USERS_RELATIVES, ratings) is None


def test_dimension_stats_and_gap() -> None:
    session = finished_session(FakeClock())
    stats = {s.dimension: s for s in dimension_stats(session)}
    assert list(stats) == ["resources", "attitudes", "perceptions"]
    assert stats["resources"].gap == pytest.approx(1 - 2.25)
    assert stats["attitudes"].gap == pytest.approx(1.0)
    assert stats["attitudes"].count == 7
    assert stats["perceptions"].of(RoleGroup.MANAGERS) is None


def test_times_notes_actions_and_trend() -> None:
    clock = FakeClock()
    session = finished_session(clock)
    times = round_times(session)
    assert [t.difference_seconds for t in times] == [-30, 90, -30, -30, -30]
    assert minutes_used(times[1].used_seconds) == "13:30"
    assert minutes_used(None) == "—"
    groups = notes_by_dimension(session)
    assert [(g.dimension, g.kind) for g in groups] == [
        ("resources", NoteKind.OBSERVATION),
        ("resources", NoteKind.INSIGHT),
        ("attitudes", NoteKind.QUESTION),
        ("perceptions", NoteKind.PARKING_LOT),
        (None, NoteKind.OBSERVATION),
    ]
    assert [a.id for a in open_actions(session)] == ["a1", "a2"]
    later = finished_session(clock, "session-2", shift=1)
    trend = rating_trend([session, later], "resources", RoleGroup.PROFESSIONALS)
    assert [round(p.mean, 2) for p in trend] == [2.25, 3.25]


def test_distribution_only_stats_count_each_scale_point_and_hide_small_groups() -> None:
    from tests.facilitator.reports.fixtures import make_psych_session

    session = make_psych_session("en")
    stats = {s.dimension: s for s in dimension_stats(session)}
    raising = stats["raising-problems"]
    assert raising.distribution_only and raising.min_respondents == 3
    assert (raising.scale.minimum, raising.scale.maximum) == (1, 7)
    assert raising.distribution(RoleGroup.PROFESSIONALS) == (
        (1, 0), (2, 0), (3, 1), (4, 0), (5, 2), (6, 1), (7, 0),
    )  # fmt: skip
    assert raising.hidden(RoleGroup.USERS_RELATIVES)
    assert raising.distribution(RoleGroup.USERS_RELATIVES) is None
    assert raising.gap is None  # both groups rated, but a distribution has no gap
    assert stats["asking-for-help"].distribution(RoleGroup.USERS_RELATIVES) == (
        (1, 0), (2, 0), (3, 0), (4, 0), (5, 3), (6, 0), (7, 0),
    )  # fmt: skip
    check_out = stats["felt-free"]
    assert [p for p, _ in check_out.distribution(RoleGroup.PROFESSIONALS) or ()] == [1, 2, 3, 4, 5]
    assert check_out.hidden(RoleGroup.MANAGERS)
    assert rating_trend([session], "raising-problems", RoleGroup.PROFESSIONALS) == ()


def test_mean_templates_are_not_hidden_by_the_distribution_rule() -> None:
    session = finished_session(FakeClock())
    for stats in dimension_stats(session):
        assert not stats.distribution_only
        assert not any(stats.hidden(g.group) for g in stats.groups)
