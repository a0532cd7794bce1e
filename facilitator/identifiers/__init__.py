"""Provides the identifier detector and redaction: what in a text may identify a person."""

from facilitator.identifiers.detector import detect, kinds_found
from facilitator.identifiers.kinds import Finding, Kind
from facilitator.identifiers.redact import placeholder, redact

__all__ = ["Finding", "Kind", "detect", "kinds_found", "placeholder", "redact"]
