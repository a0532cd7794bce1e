"""Provides a best-effort map from field paths (`rounds[2].minutes`) to TOML lines.

tomllib keeps no positions, so this scans headers and keys line by line; good enough to
point a template author at the right place, and never an error when it cannot.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"^(\s*)((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)
_PART = re.compile(r"[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'")
_INDEX = re.compile(r"\[\d+\]")


def _parts(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _PART.findall(dotted)]


class KeyLines:
    """Where each table header and key of a TOML text sits (1-based line and column)."""

    def __init__(self, text: str) -> None:
        self._where: dict[str, tuple[int, int]] = {}
        arrays: dict[str, int] = {}
        table = ""
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            quotes = line.count('"""') + line.count("'''")
            if in_multiline:
                in_multiline = quotes % 2 == 0
                continue
            header = _HEADER.match(line)
            if header:
                table = self._header(header.group(1) == "[[", _parts(header.group(2)), arrays)
                self._where.setdefault(table, (number, line.index("[") + 1))
                continue
            key = _KEY.match(line)
            if key:
                path = ".".join([table, *_parts(key.group(2))] if table else _parts(key.group(2)))
                self._where.setdefault(path, (number, len(key.group(1)) + 1))
            in_multiline = quotes % 2 == 1

    @staticmethod
    def _header(is_array: bool, parts: list[str], arrays: dict[str, int]) -> str:
        path = ""
        for i, part in enumerate(parts):
            path = f"{path}.{part}" if path else part
            last = i == len(parts) - 1
            if last and is_array:
                arrays[path] = arrays.get(path, -1) + 1
            if path in arrays:
                path = f"{path}[{arrays[path]}]"
        return path

    def find(self, field: str) -> tuple[int, int] | None:
        """Line and column of `field`, or of its nearest enclosing key or table."""
        path = field
        while path:
            if path in self._where:
                return self._where[path]
            path = _parent(path)
        return None


def _parent(path: str) -> str:
    if path.endswith("]") and _INDEX.search(path):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]
