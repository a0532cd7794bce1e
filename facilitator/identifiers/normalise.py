"""Provides `fold`: the text the detector matches on, with a map back to the original.

Folding applies Unicode NFKC (full-width letters and digits, ligatures, odd spaces), composes
decomposed diacritics, maps Cyrillic and Greek letters that look Latin to Latin ones and drops
invisible characters, so "Аnna" with a Cyrillic A or "Ｊönköping" are matched like plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
) | frozenset(chr(c) for c in range(0x202A, 0x202F))
HOMOGLYPHS = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁһӏԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοαικνρτυχ",
    "ABESIJKMHOPCTXYaesijopcxydhlqwABEZHIKMNOPTYXoaikvptux",
)
_SPECIAL = re.compile(
    r"[\u0300-\u036f\u0370-\u03ff\u0400-\u052f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\ufeff]"
)
_ASCII_FOLD = str.maketrans("åäöáàâãéèêëíìîïóòôõúùûüýÿñçæøœß", "aaoaaaaeeeeiiiioooouuuuyyncæoœß")


@dataclass(frozen=True)
class Folded:
    """The folded text and, for each of its characters, the index of the original character."""

    text: str
    origin: tuple[int, ...] | None  # None: folding changed nothing, indexes are the same
    length: int  # of the original text

    def span(self, start: int, end: int, original: str) -> tuple[int, int]:
        """The original span of the folded span [start, end), with trailing marks included."""
        if self.origin is None:
            return start, end
        first = self.origin[start]
        last = self.origin[end - 1] + 1 if end > start else first
        while last < self.length and (
            unicodedata.combining(original[last]) or original[last] in INVISIBLE
        ):
            last += 1
        return first, last


def fold(text: str) -> Folded:
    """`text` normalised for matching; see the module docstring for what changes."""
    if unicodedata.is_normalized("NFKC", text) and not _SPECIAL.search(text):
        return Folded(text, None, len(text))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        if unicodedata.combining(char):
            if chars:
                composed = unicodedata.normalize("NFC", chars[-1] + char)
                if len(composed) == 1:
                    chars[-1] = composed
            continue
        for part in unicodedata.normalize("NFKC", char).translate(HOMOGLYPHS):
            chars.append(part)
            origin.append(index)
    return Folded("".join(chars), tuple(origin), len(text))


def key(word: str) -> str:
    """The lookup form of a word: case-folded, with a typographic apostrophe made plain."""
    return word.casefold().replace("’", "'")


def plain(word: str) -> str:
    """`key` with Swedish and other common diacritics left off: "Björn" becomes "bjorn"."""
    return key(word).translate(_ASCII_FOLD)
