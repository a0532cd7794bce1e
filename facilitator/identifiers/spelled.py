"""Provides numbers read out in words ("noll sju noll ...", "nineteen forty-five ...").

A run of at least three number words that spells six digits or more is a personal identity
number when its digits make one, a phone number when they start with 0, else another number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from facilitator.identifiers.kinds import Kind

UNITS = {
    "noll": 0, "nolla": 0, "zero": 0, "oh": 0, "nought": 0,
    "ett": 1, "en": 1, "etta": 1, "one": 1,
    "två": 2, "tvåa": 2, "two": 2,
    "tre": 3, "trea": 3, "three": 3,
    "fyra": 4, "fyran": 4, "four": 4,
    "fem": 5, "femma": 5, "five": 5,
    "sex": 6, "sexa": 6, "six": 6,
    "sju": 7, "sjua": 7, "seven": 7,
    "åtta": 8, "åtta'": 8, "eight": 8,
    "nio": 9, "nia": 9, "nine": 9,
}  # fmt: skip
TEENS = {
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
    "åttio": 80, "nittio": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
REPEAT = {"double": 2, "dubbel": 2, "dubbla": 2, "triple": 3, "trippel": 3}


def _alternatives(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT = _alternatives(UNITS)
_TOKEN = (
    rf"(?:(?:{_alternatives(TENS)})(?:-?(?:{_UNIT}))?|{_alternatives(TEENS)}"
    rf"|(?:{_alternatives(REPEAT)})\s+(?:{_UNIT})|{_UNIT})"
)
RUN = re.compile(rf"\b{_TOKEN}(?:[\s,\-–]+{_TOKEN}){{2,}}\b", re.IGNORECASE)
TOKEN = re.compile(_TOKEN, re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
# Every token of a run holds one of these as a whole run of letters ("fyrtiofem" included).
NUMBER_WORDS = frozenset(
    {*UNITS, *TEENS, *TENS, *REPEAT, *(tens + unit for tens in TENS for unit in UNITS)}
)


def _digits(token: str) -> str:
    """The digits one number word stands for: "fyrtiofem" is 45, "double zero" 00."""
    word = token.casefold()
    for repeat, times in REPEAT.items():
        if word.startswith(repeat):
            return str(UNITS[word.split()[-1]]) * times
    if word in UNITS:
        return str(UNITS[word])
    if word in TEENS:
        return str(TEENS[word])
    for tens, value in TENS.items():
        if word.startswith(tens):
            rest = word[len(tens) :].lstrip("-")
            return str(value + UNITS.get(rest, 0))
    return ""


def valid_personal(digits: str) -> bool:
    """Ten or twelve digits whose date part is a real month and a day (or day + 60)."""
    if len(digits) == 12:
        if digits[:2] not in ("19", "20"):
            return False
        digits = digits[2:]
    if len(digits) != 10:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def kind_of(digits: str) -> Kind | None:
    """What a run of digits read out in words most likely is."""
    if digits.startswith("0") and len(digits) >= 7:
        return Kind.PHONE
    if valid_personal(digits) or valid_personal(digits[1:]):
        return Kind.PERSONAL_NUMBER
    if len(digits) >= 6:
        return Kind.NUMBER
    return None


def spans(text: str) -> Iterator[tuple[Kind, int, int]]:
    """Numbers spelled out in words in the folded `text`."""
    words = _LETTERS.findall(text)
    if sum(1 for word in words if word.casefold() in NUMBER_WORDS) < 3:
        return
    for match in RUN.finditer(text):
        digits = "".join(_digits(t.group()) for t in TOKEN.finditer(match.group()))
        kind = kind_of(digits)
        if kind is not None:
            yield kind, match.start(), match.end()
