"""Provides the glossary: per language, the preferred word per concept and its forbidden variants.

One word per concept keeps the catalog, the shipped templates and the reports speaking alike.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_CODE = re.compile(r"`[^`]*`|\{[^{}]*\}")


@dataclass(frozen=True)
class Term:
    """One concept: the word to use and the variants that must never appear."""

    concept: str
    preferred: str
    forbidden: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Misuse:
    """A forbidden variant found in a text."""

    concept: str
    preferred: str
    found: str


@cache
def glossary(language: str) -> tuple[Term, ...]:
    """The terms of `language`'s glossary file; none when the language has no glossary."""
    file = resources.files(__name__).joinpath(f"{language}.toml")
    if not file.is_file():
        return ()
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    return tuple(
        Term(
            concept=str(item["concept"]),
            preferred=str(item["preferred"]),
            forbidden=tuple(
                re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
                for pattern in item["forbidden"]
            ),
        )
        for item in data.get("terms", [])
    )


def misuses(text: str, language: str) -> list[Misuse]:
    """Every forbidden variant in `text`, code spans and placeholders aside."""
    prose = _CODE.sub(" ", text)
    found = []
    for term in glossary(language):
        for pattern in term.forbidden:
            for match in pattern.finditer(prose):
                found.append(Misuse(term.concept, term.preferred, match.group(0)))
    return found
