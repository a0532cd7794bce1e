"""Tests that ratings never outnumber people and that what is shown is suppressed by people."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.reports.project import group_means
from facilitator.reports.stats import dimension_views
from facilitator.session import ParticipantCounts, Rating, Session, TooManyRatings
from facilitator.summary import dimension_stats
from facilitator.vocabulary import RoleGroup
from tests.facilitator.fixtures import sample_session


def _bare(people: ParticipantCounts) -> Session:
    return replace(sample_session(), ratings=(), participants=people)


def test_a_group_cannot_have_more_ratings_than_people() -> None:
    session = _bare(ParticipantCounts(5, 3, 2))
    session = session.with_rating(Rating("a", "resources", "resources", RoleGroup.MANAGERS, 2))
    session = session.with_rating(Rating("b", "resources", "resources", RoleGroup.MANAGERS, 3))
    with pytest.raises(TooManyRatings) as refused:
        session.with_rating(Rating("c", "resources", "resources", RoleGroup.MANAGERS, 4))
    assert refused.value.render("en") == (
        "Managers: 3 ratings, but only 2 take part; "
        "lower the count or correct the head count in the plan"
    )
    assert refused.value.render("sv").startswith("Chefer: 3 skattningar, men bara 2 deltar")
    assert session.rated_by("resources", RoleGroup.MANAGERS) == 2


def test_a_weighted_rating_counts_every_person_it_stands_for() -> None:
    session = _bare(ParticipantCounts(5, 3, 1))
    with pytest.raises(TooManyRatings):
        session.with_rating(
            Rating("a", "resources", "resources", RoleGroup.PROFESSIONALS, 2, count=26)
        )


def test_replacing_a_rating_counts_only_its_new_value() -> None:
    session = _bare(ParticipantCounts(3, 0, 0))
    first = Rating("a", "resources", "resources", RoleGroup.PROFESSIONALS, 2, count=3)
    session = session.with_rating(first).with_rating(replace(first, count=2))
    assert session.rated_by("resources", RoleGroup.PROFESSIONALS) == 2


def test_each_dimension_has_its_own_head_count() -> None:
    session = _bare(ParticipantCounts(0, 2, 0))
    for dimension in ("resources", "attitudes", "perceptions"):
        session = session.with_rating(
            Rating(dimension, dimension, dimension, RoleGroup.USERS_RELATIVES, 3, count=2)
        )
    assert len(session.ratings) == 3


@given(
    people=st.integers(0, 8),
    counts=st.lists(st.integers(1, 5), max_size=10),
)
def test_no_sequence_of_ratings_outnumbers_the_group(people: int, counts: list[int]) -> None:
    session = _bare(ParticipantCounts(professionals=people))
    for index, count in enumerate(counts):
        rating = Rating(f"r{index}", "resources", "resources", RoleGroup.PROFESSIONALS, 3, count)
        before = session.rated_by("resources", RoleGroup.PROFESSIONALS)
        fits = before + count <= people
        try:
            session = session.with_rating(rating)
            assert fits
        except TooManyRatings:
            assert not fits
        assert session.rated_by("resources", RoleGroup.PROFESSIONALS) <= people


def test_summary_stats_hide_a_group_of_two_even_with_older_excess_ratings() -> None:
    """A session saved before the cap: 3 manager ratings for 2 managers stay hidden."""
    session = _bare(ParticipantCounts(4, 3, 2))
    ratings = tuple(
        Rating(f"m{i}", "resources", "resources", RoleGroup.MANAGERS, 4) for i in range(3)
    ) + tuple(
        Rating(f"p{i}", "resources", "resources", RoleGroup.PROFESSIONALS, 2) for i in range(3)
    )
    session = replace(session, ratings=ratings)
    resources = next(s for s in dimension_stats(session) if s.dimension == "resources")
    assert resources.too_few(RoleGroup.MANAGERS)
    assert not resources.too_few(RoleGroup.PROFESSIONALS)
    view = next(v for v in dimension_views(session) if v.dimension == "resources")
    assert view.hidden(RoleGroup.MANAGERS) and view.of(RoleGroup.MANAGERS) is None
    assert view.mean(RoleGroup.PROFESSIONALS) == 2.0
    means = dict(group_means(session, "resources"))
    assert means[RoleGroup.MANAGERS] is None and means[RoleGroup.PROFESSIONALS] == 2.0


def test_a_distribution_of_two_people_is_hidden() -> None:
    session = replace(sample_session(), ratings=(), participants=ParticipantCounts(2, 0, 0))
    session = replace(
        session,
        template=replace(session.template, distribution_only=True),
        ratings=(Rating("p", "resources", "resources", RoleGroup.PROFESSIONALS, 2, 3),),
    )
    resources = next(s for s in dimension_stats(session) if s.dimension == "resources")
    assert resources.hidden(RoleGroup.PROFESSIONALS)
    assert resources.distribution(RoleGroup.PROFESSIONALS) is None
