"""Provides parsing of what the facilitator types into the ratings and actions forms.

Pure functions raising EntryRefused with a catalog key, so the form can say why and keep the text.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from facilitator.templates.model import RatingScale

_TOKEN = re.compile(r"^(-?\d+)(?:[x*×](\d+))?$")


class EntryRefused(ValueError):
    """Typed input that cannot be used; `key` and `params` name the reason for the user."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def parse_ratings(text: str, scale: RatingScale) -> tuple[tuple[int, int], ...]:
    """'2 3 3 4' or '3x2, 4' as (value, count) pairs on `scale`, lowest value first."""
    counts: Counter[int] = Counter()
    for token in text.replace(",", " ").split():
        match = _TOKEN.match(token)
        if match is None:
            raise EntryRefused("run.rating.not_number", token=token)
        value = int(match.group(1))
        count = int(match.group(2) or 1)
        if not scale.contains(value):
            raise EntryRefused(
                "run.rating.outside", value=value, low=scale.minimum, high=scale.maximum
            )
        if count < 1 or count > 10_000:
            raise EntryRefused("run.rating.bad_count", token=token)
        counts[value] += count
    return tuple(sorted(counts.items()))


def parse_due(text: str, today: date) -> date | None:
    """A due date typed as YYYY-MM-DD (or empty); refused when malformed or in the past."""
    text = text.strip()
    if not text:
        return None
    try:
        due = date.fromisoformat(text)
    except ValueError:
        raise EntryRefused("run.action.bad_date", text=text) from None
    if due < today:
        raise EntryRefused("run.action.past_date", text=text)
    return due


def ratings_text(values: tuple[tuple[int, int], ...]) -> str:
    """(value, count) pairs back as the compact text the form accepts."""
    return " ".join(f"{v}x{c}" if c > 1 else str(v) for v, c in values)
