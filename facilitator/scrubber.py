"""Provides the fail-closed quote scrubber: it flags anything that may identify a person.

Everything the identifier detector finds (facilitator.identifiers), and on top of it, since a
quote leaves the machine: any web domain, any date-like or postcode-like digits, runs of 4+
digits and hidden characters. It errs on the side of flagging, never of letting through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.errors import Text
from facilitator.identifiers import detect

MAX_QUOTE = 280
# Kinds the identifier detector reports under another name here, or with a message of its own.
_DETECTED = {"number": "digits"}
_PHONE_DIGITS = 7
_OWN_MESSAGES = frozenset({"address", "vehicle", "account", "rare_detail"})

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


@dataclass(frozen=True)
class Finding:
    """Something that may identify a person: its kind and where it is in the text."""

    kind: str
    start: int
    end: int

    def excerpt(self, text: str) -> str:
        """The flagged part of `text`."""
        return text[self.start : self.end]


def _detected(text: str) -> list[Finding]:
    """The identifier detector's findings, under the scrubber's kind names."""
    return [
        Finding(_DETECTED.get(f.kind.value, f.kind.value), f.start, f.end) for f in detect(text)
    ]


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
    findings = _pattern_findings(text) + _detected(text)
    if len(text) > MAX_QUOTE:
        findings.append(Finding("too_long", MAX_QUOTE, len(text)))
    return tuple(sorted(set(findings), key=lambda f: (f.start, f.end, f.kind)))


def is_clean(text: str) -> bool:
    """Whether `text` passes the scrubber and may be shared."""
    return not scrub(text.strip()) and bool(text.strip())


def kinds_text(findings: Iterable[Finding]) -> Text:
    """What the findings are, in the reader's language: "a name, a date and a phone number"."""
    kinds = [f.kind for f in findings]
    parts = [
        Text.of(
            f"identifiers.kind.{kind}" if kind in _OWN_MESSAGES else f"errors.quote.{kind}",
            limit=MAX_QUOTE,
        )
        for kind in dict.fromkeys(kinds)
    ]
    if not parts:
        return Text.of("errors.quote.nothing")
    text = parts[0]
    for index, part in enumerate(parts[1:], start=2):
        text = Text.of(
            "errors.quote.last" if index == len(parts) else "errors.quote.list", a=text, b=part
        )
    return text
