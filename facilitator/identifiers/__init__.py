"""Provides the identifier detector and redaction: what in a text may identify a person."""

from facilitator.identifiers.detector import detect, forget, kinds_found
from facilitator.identifiers.kinds import Finding, Kind
from facilitator.identifiers.redact import placeholder, redact

__all__ = ["Finding", "Kind", "detect", "forget", "kinds_found", "placeholder", "redact"]
