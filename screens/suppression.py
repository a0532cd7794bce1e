"""Provides the honest-numbers rule shared by screens: groups too small to show.

Suppression goes by head-count (facilitator.vocabulary.MIN_GROUP_SIZE), never by ratings, the
same rule the shared summary follows.
"""

from __future__ import annotations

from facilitator.vocabulary import MIN_GROUP_SIZE


def too_few_people(people: int | None) -> bool:
    """Whether a group's head-count is known and under the minimum that may be shown."""
    return people is not None and people < MIN_GROUP_SIZE
