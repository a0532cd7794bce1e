"""Provides the export envelope: a session as a versioned JSON document, and reading one back.

Untrusted bytes are size-, encoding- and depth-checked before the strict reader sees them.
"""

from __future__ import annotations

import json

from facilitator.codec.session_codec import session_from_dict, session_to_dict
from facilitator.errors import InvalidInput
from facilitator.reader import Reader
from facilitator.session import Session

EXPORT_FORMAT = "facilitator.session"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def canonical_json(data: object) -> str:
    """Deterministic JSON: sorted keys, no spaces; identical input gives identical text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def export_session_json(session: Session) -> str:
    """The versioned JSON export of one session, pretty and deterministic."""
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "session": session_to_dict(session),
    }
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def parse_json_document(raw: bytes, what: str) -> object:
    """Parse untrusted JSON bytes, refusing oversized, non-UTF-8 or absurdly nested input."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise InvalidInput(
            "errors.import.too_large", where=what, limit=MAX_IMPORT_BYTES // (1024 * 1024)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("errors.import.not_utf8", where=what) from None
    from facilitator.import_checks import bounded_int

    try:
        return json.loads(text, parse_int=bounded_int, parse_constant=_no_constant)
    except RecursionError:
        raise InvalidInput("errors.import.too_deep", where=what) from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "errors.import.not_json",
            where=what,
            line=error.lineno,
            column=error.colno,
            detail=error.msg,
        ) from None


def _no_constant(name: str) -> float:
    raise InvalidInput("errors.import.not_json", where="import file", line=1, column=1, detail=name)


def import_session_json(raw: bytes, what: str = "import file") -> Session:
    """A session from bytes written by `export_session_json`; InvalidInput when not."""
    document = parse_json_document(raw, what)
    r = Reader(document, what)
    fmt = r.raw("format", None)
    if fmt != EXPORT_FORMAT:
        raise InvalidInput("errors.import.not_export", where=what, format=EXPORT_FORMAT)
    version = r.raw("version", None)
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput("errors.import.version_not_integer", where=what)
    if version > EXPORT_VERSION:
        raise InvalidInput("errors.import.newer", where=what, version=version)
    if version < 1:
        raise InvalidInput("errors.import.unknown_version", where=what, version=version)
    from facilitator.import_checks import check_session, check_text

    check_text(r.raw("session"), "session")
    session = session_from_dict(r.raw("session"), "session")
    check_session(session)
    return session
