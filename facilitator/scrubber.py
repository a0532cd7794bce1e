"""Provides the fail-closed quote scrubber: it flags anything that may identify a person.

Personal identity and coordination numbers, phone numbers, e-mail addresses, URLs, dates,
postcodes, runs of 4+ digits, hidden characters and names from the shipped name lists. Any
finding blocks sending; it errs on the side of flagging, never of letting something through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from facilitator.errors import Text

MAX_QUOTE = 280
NAME_FILES = ("sv_first.txt", "sv_surnames.txt", "en_first.txt", "en_surnames.txt")
# "Esther" is the ESTHER network's symbolic person, named in every session; never a real one.
SYMBOLIC = frozenset({"esther", "ester"})
SAYING = frozenset(
    {
        "sa",
        "sade",
        "säger",
        "tycker",
        "tyckte",
        "menar",
        "menade",
        "berättade",
        "frågade",
        "ville",
        "vill",
        "har",
        "hade",
        "är",
        "var",
        "kom",
        "ringde",
        "skrev",
        "said",
        "says",
        "told",
        "asked",
        "thinks",
        "thought",
        "felt",
        "feels",
        "wants",
        "wanted",
        "has",
        "had",
        "is",
        "was",
        "called",
        "wrote",
        "came",
    }
)

_SEP = r"[\s\-–—+./]?"
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:s|ch)?|apr(?:il)?|maj|may|jun(?:i|e)?"
    r"|jul(?:i|y)?|aug(?:usti|ust)?|sep(?:t|tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?"
)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "personal_number",
        re.compile(
            rf"(?<!\d)(?:\d{{2}})?\d{{2}}{_SEP}(?:0[1-9]|1[0-2]){_SEP}(?:[0-3]\d|[6-9]\d)"
            rf"\s*[\-–—+./]?\s*\d{{4}}(?!\d)"
        ),
    ),
    ("email", re.compile(r"[\w.+\-]+\s*(?:@|\(at\)|\[at\])\s*[\w\-]+(?:\.[\w\-]+)+|@")),
    (
        "url",
        re.compile(
            r"(?i)\b(?:https?://|ftp://|www\.)\S+"
            r"|\b[\w\-]+(?:\.[\w\-]+)*\.(?:se|nu|com|org|net|uk|io|eu|info|gov|edu|dk|no|fi"
            r"|de|sg|co|nhs|app|me)\b(?:/\S*)?"
        ),
    ),
    ("phone", re.compile(r"(?:\+|\b00)\s*\d[\d\s().\-/]{5,}\d|\b0\d[\d\s().\-/]{5,}\d")),
    (
        "date",
        re.compile(
            rf"(?i)\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b"
            rf"|\b\d{{1,2}}\.\d{{1,2}}\.(?:\d{{2,4}}\b)?"
            rf"|\b\d{{1,2}}(?::e|:a|st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:\s+\d{{2,4}})?"
            rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
        ),
    ),
    ("postcode", re.compile(r"(?i)\b\d{3}\s\d{2}\b|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b")),
    ("digits", re.compile(r"\d{4,}")),
    ("hidden_character", re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")),
)
_WORD = re.compile(r"[^\W\d_]+(?:['’]s\b)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“”»«(\-–•*])\s*$")
_PHONE_DIGITS = 7


@dataclass(frozen=True)
class Finding:
    """Something that may identify a person: its kind and where it is in the text."""

    kind: str
    start: int
    end: int

    def excerpt(self, text: str) -> str:
        """The flagged part of `text`."""
        return text[self.start : self.end]


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(all names, names that are also ordinary words), lower-cased, from the package data."""
    package = resources.files("facilitator.scrubber_names")

    def words(name: str) -> set[str]:
        text = package.joinpath(name).read_text(encoding="utf-8")
        lines = (line for line in text.splitlines() if not line.startswith("#"))
        return {w.casefold() for line in lines for w in line.split()}

    names: set[str] = set()
    for name in NAME_FILES:
        names |= words(name)
    return frozenset(names - SYMBOLIC), frozenset(words("ambiguous.txt"))


def name_count() -> int:
    """How many distinct names the scrubber knows."""
    return len(_name_lists()[0])


def _base(word: str) -> list[str]:
    """The word and, for a possible genitive (Annas, Anna's), the name before the s."""
    lowered = word.casefold().replace("’", "'")
    candidates = [lowered]
    if lowered.endswith("'s"):
        candidates.append(lowered[:-2])
    elif lowered.endswith("s") and len(lowered) > 3:
        candidates.append(lowered[:-1])
    return candidates


def _name_findings(text: str) -> list[Finding]:
    names, ambiguous = _name_lists()
    words = list(_WORD.finditer(text))
    out = []
    for index, match in enumerate(words):
        word = match.group()
        hits = [c for c in _base(word) if c in names or c in ambiguous]
        if not hits:
            continue
        if any(c not in ambiguous for c in hits):
            out.append(Finding("name", match.start(), match.end()))
            continue
        if not word[0].isupper():
            continue
        at_start = bool(_SENTENCE_START.search(text[: match.start()]))
        following = words[index + 1].group().casefold() if index + 1 < len(words) else ""
        if not at_start or following in SAYING or following in names:
            out.append(Finding("name", match.start(), match.end()))
    return out


def _pattern_findings(text: str) -> list[Finding]:
    out = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "phone" and sum(c.isdigit() for c in match.group()) < _PHONE_DIGITS:
                continue
            out.append(Finding(kind, match.start(), match.end()))
    return out


def scrub(text: str) -> tuple[Finding, ...]:
    """Everything in `text` that may identify someone, in order; empty means safe to share."""
    findings = _pattern_findings(text) + _name_findings(text)
    if len(text) > MAX_QUOTE:
        findings.append(Finding("too_long", MAX_QUOTE, len(text)))
    return tuple(sorted(set(findings), key=lambda f: (f.start, f.end, f.kind)))


def is_clean(text: str) -> bool:
    """Whether `text` passes the scrubber and may be shared."""
    return not scrub(text.strip()) and bool(text.strip())


def kinds_text(findings: Iterable[Finding]) -> Text:
    """What the findings are, in the reader's language: "a name, a date and a phone number"."""
    kinds = [f.kind for f in findings]
    parts = [Text.of(f"errors.quote.{kind}", limit=MAX_QUOTE) for kind in dict.fromkeys(kinds)]
    if not parts:
        return Text.of("errors.quote.nothing")
    text = parts[0]
    for index, part in enumerate(parts[1:], start=2):
        text = Text.of(
            "errors.quote.last" if index == len(parts) else "errors.quote.list", a=text, b=part
        )
    return text
