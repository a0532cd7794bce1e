"""Provides `needs_typing_hint`: whether a note just filed holds a likely direct identifier."""

from __future__ import annotations

from facilitator.identifiers.detector import detect
from facilitator.identifiers.kinds import Kind

# The kinds that point at one person without doubt; names and dates are too common to nag.
HINTED = frozenset({Kind.PERSONAL_NUMBER, Kind.PHONE, Kind.EMAIL})


def needs_typing_hint(text: str) -> bool:
    """Whether `text` holds a likely personal identity number, phone number or e-mail address."""
    return any(finding.kind in HINTED for finding in detect(text))
