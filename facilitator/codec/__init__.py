"""Provides conversion of sessions and templates to and from plain JSON-safe dicts.

One strict reader (`facilitator.reader.Reader`) serves the vault, export and import, so
hostile input is refused with a located one-line message (`session.notes[3].text: ...`).
"""

from facilitator.codec.envelope import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MAX_IMPORT_BYTES,
    canonical_json,
    export_session_json,
    import_session_json,
    parse_json_document,
)
from facilitator.codec.session_codec import MAX_TEXT, session_from_dict, session_to_dict
from facilitator.codec.template_codec import template_from_dict, template_to_dict

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "MAX_IMPORT_BYTES",
    "MAX_TEXT",
    "canonical_json",
    "export_session_json",
    "import_session_json",
    "parse_json_document",
    "session_from_dict",
    "session_to_dict",
    "template_from_dict",
    "template_to_dict",
]
