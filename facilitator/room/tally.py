"""Provides the tally of a closed round: counts per role group and the ratings it becomes.

A group is revealed only when at least the minimum number of people take part and answered,
so nobody in the room can tell how a small group voted.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from facilitator.session import Note, Rating, Session, new_id
from facilitator.vocabulary import MIN_GROUP_SIZE, NoteKind, NoteOrigin, RoleGroup


@dataclass(frozen=True)
class GroupTally:
    """One role group's votes in a closed round: how many, which values, and whether to show."""

    group: RoleGroup
    voters: int
    people: int
    distribution: tuple[tuple[int, int], ...]  # (value, how many chose it), lowest first
    recorded: bool  # turned into ratings (never more raters than people of the group)
    shown: bool  # may be revealed to the room

    @property
    def withheld_reason(self) -> str | None:
        """Why the group is not shown: "more_than_people", "too_few" or None."""
        if not self.recorded and self.voters:
            return "more_than_people"
        return None if self.shown or not self.voters else "too_few"


@dataclass(frozen=True)
class ClosedRound:
    """What a closed round leaves: per-group tallies, the ratings and the anonymous notes."""

    round_id: str
    dimension: str
    groups: tuple[GroupTally, ...]
    ratings: tuple[Rating, ...]
    notes: tuple[Note, ...]

    @property
    def raters(self) -> int:
        """How many votes became ratings."""
        return sum(r.count for r in self.ratings)

    def applied_to(self, session: Session) -> Session:
        """`session` holding this round's ratings and notes.

        The room's ratings stand in for ratings of the same round, dimension and groups typed
        before, so the room's count is never added to a show of hands. Raises TooManyRatings
        (a clear message) when ratings of other rounds of the dimension would then outnumber
        the people of a group.
        """
        groups = {r.role_group for r in self.ratings}
        kept = tuple(
            r
            for r in session.ratings
            if not (
                r.round_id == self.round_id
                and r.dimension == self.dimension
                and r.role_group in groups
            )
        )
        updated = replace(session, ratings=kept)
        for rating in self.ratings:
            updated = updated.with_rating(rating)
        for note in self.notes:
            updated = updated.with_note(note)
        return updated


def close_round(
    round_id: str,
    dimension: str,
    votes: Mapping[RoleGroup, Iterable[int]],
    notes: Iterable[str],
    *,
    session: Session,
    closed_at: datetime,
) -> ClosedRound:
    """The tally of one round's votes per group and its notes, shuffled so order tells nothing."""
    minimum = max(MIN_GROUP_SIZE, session.template.min_respondents)
    groups: list[GroupTally] = []
    ratings: list[Rating] = []
    for group in RoleGroup:
        values = Counter(votes.get(group, ()))
        voters = sum(values.values())
        people = session.participants.of(group)
        recorded = 0 < voters <= people
        shown = recorded and people >= minimum and voters >= minimum
        distribution = tuple(sorted(values.items()))
        groups.append(GroupTally(group, voters, people, distribution, recorded, shown))
        if recorded:
            ratings.extend(
                Rating(new_id(), round_id, dimension, group, value, count)
                for value, count in distribution
            )
    texts = list(notes)
    secrets.SystemRandom().shuffle(texts)
    anonymous = tuple(
        Note(
            new_id(),
            round_id,
            text,
            NoteKind.OBSERVATION,
            created=closed_at,
            origin=NoteOrigin.ROOM,
        )
        for text in texts
    )
    return ClosedRound(round_id, dimension, tuple(groups), tuple(ratings), anonymous)
