"""Provides the honest-numbers lines: ratings counted against people, and groups too small to show.

Suppression goes by head-count (facilitator.vocabulary.MIN_GROUP_SIZE), never by ratings, the
same rule the shared summary follows.
"""

from __future__ import annotations

from textual.dom import DOMNode

from facilitator.vocabulary import MIN_GROUP_SIZE
from screens.run.text import tr


def too_few_people(people: int | None) -> bool:
    """Whether a group's head-count is known and under the minimum that may be shown."""
    return people is not None and people < MIN_GROUP_SIZE


def people_line(node: DOMNode, ratings: int, people: int | None, stats_line: str) -> str:
    """'4 of 5 people · mean 2.5 · 1-4', or that too few people were there to show it.

    Short enough for the run screen's 34-column stats line in both languages.
    """
    if people is None:
        return stats_line
    counted = tr(node, "honest.n_of_people", ratings=ratings, people=people)
    if too_few_people(people):
        return counted + " · " + tr(node, "honest.hidden_under", n=MIN_GROUP_SIZE)
    return counted + " · " + stats_line.split(" · ", 1)[-1]
