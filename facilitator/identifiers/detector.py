"""Provides `detect`: every possible identifier in a text, typed, with its original span."""

from __future__ import annotations

from functools import lru_cache

from facilitator.identifiers import names, patterns, rare
from facilitator.identifiers.kinds import PRIORITY, Finding, Kind
from facilitator.identifiers.normalise import fold

_RANK = {kind: rank for rank, kind in enumerate(PRIORITY)}


@lru_cache(maxsize=4096)
def detect(text: str) -> tuple[Finding, ...]:
    """The possible identifiers in `text`, in order, overlapping ones merged into one.

    Remembered per text: an export reviews its notes, then redacts the same notes.
    """
    folded = fold(text)
    raw = [*patterns.spans(folded.text), *names.spans(folded.text), *rare.spans(folded.text)]
    located = sorted(
        (folded.span(start, end, text), kind) for kind, start, end in raw if end > start
    )
    merged: list[Finding] = []
    for (start, end), kind in located:
        if merged and _joins_name(merged[-1], kind, start, text):
            merged[-1] = Finding(Kind.NAME, merged[-1].start, max(merged[-1].end, end))
        elif merged and start < merged[-1].end:
            last = merged[-1]
            best = min(last.kind, kind, key=_RANK.__getitem__)
            merged[-1] = Finding(best, last.start, max(last.end, end))
        else:
            merged.append(Finding(kind, start, end))
    return tuple(merged)


def _joins_name(last: Finding, kind: Kind, start: int, text: str) -> bool:
    """Whether a name follows the previous name with only a space between ("Anna Lindqvist")."""
    return (
        kind is Kind.NAME
        and last.kind is Kind.NAME
        and start >= last.end
        and text[last.end : start] in (" ", "-")
    )


def kinds_found(text: str) -> frozenset[Kind]:
    """Which kinds of identifier `text` holds."""
    return frozenset(f.kind for f in detect(text))


def forget() -> None:
    """Drop the remembered texts and words, e.g. when the app locks: they are notes."""
    detect.cache_clear()
    names.forget_words()
