"""Provides `printable`: user data made safe to show on a terminal (no escapes, no bells).

Control characters, DEL, C1 controls, bidirectional overrides and lone surrogates become
visible escapes such as `\\x1b`, so a hostile title can neither drive the terminal nor end
the program with an encoding error. This is the second line of defence; input is checked too.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` on one line with every unsafe character shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Like `printable`, but newlines and tabs are kept (for multi-line output)."""
    return _UNSAFE_KEEP_LINES.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """True when `text` holds a character `printable` would escape."""
    return _UNSAFE.search(text) is not None


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def terminal_json(value: Any) -> str:
    """Indented JSON (non-ASCII kept) with every terminal-unsafe character as a `\\u` escape."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
