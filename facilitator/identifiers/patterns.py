"""Provides the pattern half of the detector: numbers, addresses, e-mail, web and dates.

Every pattern runs on folded text (see normalise.py). Years on their own, clock times, plain
counts and well-known service numbers (112, 1177, 113 13, 114 14) are not identifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from facilitator.identifiers import spelled
from facilitator.identifiers.kinds import Kind
from facilitator.identifiers.spelled import valid_personal

Span = tuple[Kind, int, int]

SERVICE_NUMBERS = frozenset({"112", "1177", "11313", "11414", "116111", "116123", "999", "911"})
SERVICE_DOMAINS = frozenset(
    {
        "1177.se",
        "112.se",
        "nhs.uk",
        "gov.uk",
        "krisinformation.se",
        "socialstyrelsen.se",
        "skr.se",
        "fass.se",
        "vardgivare.se",
        "who.int",
        "nice.org.uk",
    }
)
_I = re.IGNORECASE
_SEP = r"[ \t\-./]?"
PERSONAL = re.compile(
    rf"(?<![\d.,])(?:(?:19|20){_SEP})?\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}[ \t]*[\-–+]?[ \t]*"
    rf"\d{{2}}{_SEP}\d{{2}}(?![\d])"
)
_AT = r"(?:\s*[@＠]\s*|\s*[(\[{<]\s*(?:at|snabel-?a)\s*[)\]}>]\s*|\s+(?:at|snabel-?a)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{<]\s*(?:dot|punkt)\s*[)\]}>]\s*|\s+(?:dot|punkt)\s+)"
_TLD = r"(?:se|com|org|net|nu|uk|co|io|eu|info|gov|edu|nhs|dk|no|fi|de|me|int)"
_LABEL = r"[\w+\-]+"
# A lookbehind makes each pattern start only where a label starts; the leftmost match is the same.
EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+\s*[@＠]\s*[\w\-]+(?:\s*\.\s*[\w\-]+)+", _I)
EMAIL_WORDS = re.compile(
    rf"(?<![\w+\-]){_LABEL}(?:{_DOT}{_LABEL})*{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}\b", _I
)
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,}")
URL = re.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"]+"
    rf"|\b[\w\-]+(?:\.[\w\-]+)*\.(?:{_TLD}|app|sg|au|ie|nz|ca)\b(?:/[^\s<>\"]*)?",
    _I,
)
PHONE = re.compile(
    r"(?:\+|\b00)\s*\d[\d \t().\-/]{5,}\d"
    r"|(?<![\d.,:])\(?0\d{1,4}\)?[ \t]*[\-–/.]?[ \t]*\d[\d \t\-.]{4,}\d"
    r"|\(\d{3}\)\s*\d{3}[\s\-]\d{4}\b"
    r"|\b\d{3}-\d{4}\b(?![\-\d])"
)
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|mars|march|apr(?:il)?|maj|may|jun[ie]?|jul[iy]?"
    r"|aug(?:usti|ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ORDINALS = (
    r"första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
)
# The digit-led forms sit behind one lookahead so a word start that is a letter skips them.
DATE = re.compile(
    rf"\b(?=\d)(?:(?:19|20)\d{{2}}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\b"
    rf"|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\d{{2}}\b"
    rf"|(?:0?[1-9]|[12]\d|3[01])(?::e|:a|st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{_MONTHS})\b\.?"
    rf"(?:\s+(?:19|20)\d{{2}}\b)?)"
    rf"|\b(?:{_ORDINALS})\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|\b(?:{_MONTHS})\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d{{2}}\b)?"
    rf"|\b(?:den|the|on|från|till|sedan|since|from|until|före|efter|innan|before|after|by|fram)\s+"
    rf"(?P<v>(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2]))\b(?![/\d])",
    _I,
)
POSTCODE_SE = re.compile(
    r"(?:\b(?:SE|S)-\s?\d{3}\s?\d{2}\b"
    r"|\b(?:postnummer|postnr\.?|postcode|postkod):?\s+(?P<v>\d{3}\s?\d{2})\b"
    r"|\b\d{3}\s\d{2}(?=\s+[A-ZÅÄÖ][a-zåäöé]+))",
    _I,
)
POSTCODE_UK = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_STREET_SV = (
    r"(?:gatan|gata|vägen|väg|gränd|gränden|torget|torg|stigen|backen|allén|allé|leden"
    r"|platsen|plan|promenaden|kajen)"
)
ADDRESS_SV = re.compile(
    rf"\b[A-ZÅÄÖa-zåäöé][a-zåäöé\-]{{1,30}}{_STREET_SV}\s+\d{{1,4}}(?:\s?[A-Za-z]\b)?"
    rf"(?:,?\s*(?:lgh|lägenhet)\s*\d{{1,4}})?"
    rf"|\b(?:lgh|lägenhet|lägenhetsnummer)\.?\s*(?:nr\.?\s*)?\d{{3,4}}\b",
)
STREET_CUED = re.compile(
    rf"\b(?:bor|bodde|flyttade|flyttat|flyttar|adressen)\s+(?:på|till|i|är)\s+"
    rf"(?P<v>[A-ZÅÄÖa-zåäö][a-zåäöé\-]{{1,30}}{_STREET_SV})\b"
)
_STREET_EN = (
    r"Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Way|Crescent|Court|Ct|Place|Pl"
    r"|Terrace|Gardens|Grove|Square|Sq|Hill|Row|Walk|Mews|Park|Parade|Rise|View|Green"
)
ADDRESS_EN = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z']+\s+){{1,3}}(?:{_STREET_EN})\b\.?"
    rf"|\b\d{{1,4}}[a-z]?\s+(?:[a-z']+\s+){{1,2}}(?:street|road|lane|avenue|drive|crescent|terrace)\b"
    rf"|\b(?:[Ff]lat|[Aa]partment|[Aa]pt\.?|[Uu]nit)\s+\d{{1,4}}[A-Za-z]?\b",
)
GPS = re.compile(
    r"-?\b\d{1,3}[.,]\d{3,}\s*[,;]?\s*[NSEWNÖV]?\s*-?\d{1,3}[.,]\d{3,}\b[NSEWÖV]?"
    r"|\b\d{1,3}\s*°\s*\d{1,2}(?:[.,]\d+)?\s*['′]?\s*(?:\d{1,2}(?:[.,]\d+)?\s*[\"″])?\s*[NSEWÖV]\b"
    r"|\b[NSEWÖV]\s*\d{1,3}\s*°\s*\d{1,2}(?:[.,]\d+)?\s*['′]?",
)
VEHICLE = re.compile(
    r"\b[A-HJ-PR-UW-Z]{3}\s?\d{2}[A-HJ-PR-UW-Z\d]\b"
    r"|\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b"
    r"|\b(?:reg|regnr|reg\.nr|registreringsnummer|registration|plate|skylt):?\s+"
    r"(?P<v>[a-z]{3}\s?\d{2}[a-z\d])\b",
    re.IGNORECASE,
)
_ACCOUNT_CUE = (
    r"bankgiro|bankgironummer|bg|plusgiro|plusgironummer|pg|kontonummer|kontonr|konto"
    r"|account(?: number| no\.?)?|clearingnummer|clearing|sort code|iban|swish|bank"
)
ACCOUNT = re.compile(
    rf"\b(?:{_ACCOUNT_CUE})(?::|\s)\s*(?:nr\.?\s*)?(?:är\s+|is\s+)?"
    rf"(?P<v>\d[\d \-,.]{{2,30}}\d)",
    _I,
)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z\d]{4}){2,7}(?:\s?[A-Z\d]{1,4})?\b")
SORT_CODE = re.compile(r"\b\d{2}-\d{2}-\d{2}\b")
CARD = re.compile(r"\b\d{4}[ \-]\d{4}[ \-]\d{4}[ \-]\d{4}\b")
_NUMBER_CUE = (
    r"nr|nummer|number|no|id|ärende|ärendenummer|journalnummer|journal|case|ref|referens"
    r"|reference|patient-id|patientnummer|nhs number|nhs no|hospital number|medlemsnummer"
    r"|kundnummer|passnummer|passport"
)
NUMBER_CUED = re.compile(
    rf"\b(?:{_NUMBER_CUE})\.?:?\s+(?:är\s+|is\s+)?(?P<v>[A-Z]{{0,3}}\d[\d \-]{{2,20}}\d|\d{{3,}})",
    _I,
)
LONG_NUMBER = re.compile(r"(?<![\d.,])\d(?:\d| (?=\d{3}\b)){5,}(?![\d])")
_UNIT_AFTER = re.compile(
    r"\s*(?:kr\b|kronor|sek|£|\$|€|pounds|dollars|euro|patients|patienter|personer|people"
    r"|besök|visits|steg|steps|invånare|inhabitants|residents|%|procent|percent|timmar|hours"
    r"|minuter|minutes|dagar|days)",
    _I,
)


def _value(match: re.Match[str]) -> tuple[int, int]:
    """The span of the named group `v` when the pattern has one and it matched, else the match."""
    if "v" in match.re.groupindex and match.group("v") is not None:
        return match.span("v")
    return match.span()


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


_DIGIT = re.compile(r"\d")
# What the word-only forms need: an e-mail's "at", a web address's dot, "första maj".
_AT_CUE = re.compile(r"[@＠]|(?<![^\s(\[{<])(?:at|snabel-?a)(?![^\s)\]}>])", _I)
_URL_CUE = re.compile(r"[\w\-]\.[\w\-]|://|www\.", _I)
_ORDINAL_DATE = re.compile(rf"\b(?:{_ORDINALS})\s+(?:of\s+)?(?:{_MONTHS})\b", _I)


def spans(text: str) -> Iterator[Span]:
    """Every pattern finding in the folded `text`, overlaps included.

    Each pattern runs only when the text holds what any of its matches needs (enough digits,
    an "@" or "at", a dot inside a word), so a note without them costs a few searches.
    """
    digits = len(_DIGIT.findall(text))
    if digits >= 10:
        yield from _personal(text)
    yield from spelled.spans(text)
    if _AT_CUE.search(text):
        for pattern in (EMAIL, EMAIL_WORDS):
            for match in pattern.finditer(text):
                yield Kind.EMAIL, match.start(), match.end()
        for match in HANDLE.finditer(text):
            yield Kind.URL, match.start(), match.end()
    if _URL_CUE.search(text):
        for match in URL.finditer(text):
            found = match.group().rstrip(".,;:!?)»”\"'")
            if found.casefold().removeprefix("www.") not in SERVICE_DOMAINS:
                yield Kind.URL, match.start(), match.start() + len(found)
    if digits or _ORDINAL_DATE.search(text):
        for match in DATE.finditer(text):
            yield Kind.DATE, *_value(match)
    for match in STREET_CUED.finditer(text):
        yield Kind.ADDRESS, *_value(match)
    if digits:
        yield from _numbered(text, digits)


def _personal(text: str) -> Iterator[Span]:
    """Personal identity and coordination numbers (ten digits starting 0 read as a phone)."""
    for match in PERSONAL.finditer(text):
        digits = _digits(match.group())
        if not valid_personal(digits):
            continue
        dashed = re.search(r"[\-–+]\s*\d{2}\D?\d{2}$", match.group())
        phone = len(digits) == 10 and digits.startswith("0") and not dashed
        yield Kind.PHONE if phone else Kind.PERSONAL_NUMBER, match.start(), match.end()


# The fewest digits a match of each pattern holds.
_LEAST_DIGITS = (
    (PHONE, 7),
    (POSTCODE_SE, 5),
    (POSTCODE_UK, 2),
    (ADDRESS_SV, 1),
    (ADDRESS_EN, 1),
    (GPS, 8),
    (VEHICLE, 2),
    (ACCOUNT, 2),
    (IBAN, 2),
    (SORT_CODE, 6),
    (CARD, 16),
    (NUMBER_CUED, 2),
    (LONG_NUMBER, 5),
)


def _numbered(text: str, digits: int) -> Iterator[Span]:
    """The findings that hold digits: phones, postcodes, addresses, accounts, other numbers."""
    run = {
        pattern
        for pattern, least in _LEAST_DIGITS
        if digits >= least or (pattern is GPS and "°" in text)
    }
    if PHONE in run:
        for match in PHONE.finditer(text):
            found = _digits(match.group())
            if 7 <= len(found) <= 15 and found not in SERVICE_NUMBERS:
                yield Kind.PHONE, match.start(), match.end()
    for pattern in (POSTCODE_SE, POSTCODE_UK):
        for match in pattern.finditer(text) if pattern in run else ():
            if _digits(match.group()) not in SERVICE_NUMBERS:
                yield Kind.POSTCODE, *_value(match)
    for pattern in (ADDRESS_SV, ADDRESS_EN, GPS):
        for match in pattern.finditer(text) if pattern in run else ():
            yield Kind.ADDRESS, *_value(match)
    for match in VEHICLE.finditer(text) if VEHICLE in run else ():
        yield Kind.VEHICLE, *_value(match)
    for match in ACCOUNT.finditer(text) if ACCOUNT in run else ():
        yield Kind.ACCOUNT, *match.span("v")
    for pattern in (IBAN, SORT_CODE, CARD):
        for match in pattern.finditer(text) if pattern in run else ():
            yield Kind.ACCOUNT, match.start(), match.end()
    for match in NUMBER_CUED.finditer(text) if NUMBER_CUED in run else ():
        if _digits(match.group("v")) not in SERVICE_NUMBERS:
            yield Kind.NUMBER, *match.span("v")
    for match in LONG_NUMBER.finditer(text) if LONG_NUMBER in run else ():
        found = _digits(match.group())
        if found in SERVICE_NUMBERS or _UNIT_AFTER.match(text, match.end()):
            continue
        yield Kind.NUMBER, match.start(), match.end()
