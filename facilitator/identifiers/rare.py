"""Provides rare details to review: ages over 95 and a place named next to a diagnosis.

These cannot be caught reliably (a 103-year-old on a named ward, the only patient with a
named diagnosis in a small municipality); the detector flags the likeliest forms for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from facilitator.identifiers.kinds import Kind

_AGE = r"(?:9[6-9]|1[01]\d)"
AGE = re.compile(
    rf"\b{_AGE}\s*(?:-\s*)?(?:år(?:s|ing|ige|iga)?|åring(?:en)?|year[s\-]*(?:old)?|yrs?)\b"
    rf"|\b(?:aged|age|ålder|åldern|fyllde|fyller|turned|turns)\s+{_AGE}\b",
    re.IGNORECASE,
)
_DIAGNOSES = (
    r"als|ms|huntingtons?|cystisk fibros|cystic fibrosis|motor neurone disease|mnd|hiv|aids"
    r"|parkinsons?|duchenne|tourettes?|downs? syndrom(?:e)?|rett|prader-willi|hemofili"
    r"|haemophilia|hemophilia|sickle cell|sicklecellanemi|creutzfeldt-jakob|cjd|tuberkulos"
    r"|tuberculosis|lepra|leprosy|ebola|mpox|apa-koppor|spinal muskelatrofi|sma|fabrys?"
    r"|pompes?|gauchers?|ehlers-danlos|marfans?|wilsons sjukdom|wilson's disease"
)
DIAGNOSIS = re.compile(rf"\b(?:{_DIAGNOSES})\b", re.IGNORECASE)
PLACE = re.compile(
    r"\b(?:i|in|på|on|från|from|at|vid|near|nära|utanför|outside)\s+"
    r"(?P<v>[A-ZÅÄÖ][a-zåäöé]+(?:[\s\-][A-ZÅÄÖ][a-zåäöé]+)?)"
)
_NEAR = 60


def spans(text: str) -> Iterator[tuple[Kind, int, int]]:
    """Ages over 95, and places named within a few words of a diagnosis, in folded `text`."""
    for match in AGE.finditer(text):
        yield Kind.RARE_DETAIL, match.start(), match.end()
    places = [match.span("v") for match in PLACE.finditer(text)]
    if not places:
        return
    diagnoses = [
        m.span() for m in DIAGNOSIS.finditer(text) if not m.group().islower() or len(m.group()) > 3
    ]
    if not diagnoses:
        return
    for start, end in places:
        if any(
            abs(start - d_end) < _NEAR or abs(d_start - end) < _NEAR for d_start, d_end in diagnoses
        ):
            yield Kind.RARE_DETAIL, start, end
