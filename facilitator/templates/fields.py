"""Provides FieldCheck: reads parsed TOML values and records every problem, never raising.

Each reader returns the value or None and notes a Finding with the field path, so one
pass over a template reports everything wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from facilitator.templates.problems import Finding

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class FieldCheck:
    """Collects findings while reading a template's parsed TOML."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, field: str, key: str, **params: str | int) -> None:
        """Note one problem."""
        self.findings.append(Finding(field, key, tuple(params.items())))

    def table(
        self, data: Mapping[str, object], key: str, path: str, *, required: bool = True
    ) -> Mapping[str, object] | None:
        """A sub-table."""
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, "missing")
            return None
        if not isinstance(value, Mapping):
            self.add(path, "must_be_table")
            return None
        return value

    def text(
        self,
        data: Mapping[str, object],
        key: str,
        path: str,
        *,
        max_len: int,
        required: bool = True,
    ) -> str | None:
        """A string no longer than `max_len`."""
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, "missing")
            return None
        return self.text_value(value, path, max_len)

    def text_value(self, value: object, path: str, max_len: int) -> str | None:
        """`value` when it is a string no longer than `max_len`."""
        if not isinstance(value, str):
            self.add(path, "must_be_text")
            return None
        if len(value) > max_len:
            self.add(path, "too_long", length=len(value), limit=max_len)
            return None
        if not value.strip():
            self.add(path, "empty")
            return None
        if _CONTROL.search(value):
            self.add(path, "integrity.control_characters")
            return None
        return value

    def identifier(self, data: Mapping[str, object], key: str, path: str) -> str | None:
        """A short lower-case id such as `power-balance`."""
        value = self.text(data, key, path, max_len=64)
        if value is not None and not ID_PATTERN.match(value):
            self.add(path, "bad_id")
            return None
        return value

    def integer(
        self,
        data: Mapping[str, object],
        key: str,
        path: str,
        *,
        low: int,
        high: int,
        required: bool = True,
    ) -> int | None:
        """A whole number in `low..high`."""
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, "missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, "must_be_integer")
            return None
        if value < low:
            self.add(path, "at_least", limit=low)
            return None
        if value > high:
            self.add(path, "at_most", limit=high)
            return None
        return value

    def flag(self, data: Mapping[str, object], key: str, path: str) -> bool | None:
        """An optional true/false."""
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            self.add(path, "must_be_bool")
            return None
        return value

    def array(
        self, data: Mapping[str, object], key: str, path: str, *, limit: int, required: bool
    ) -> Sequence[object] | None:
        """A list of at most `limit` entries."""
        value = data.get(key)
        if value is None:
            if required:
                self.add(path, "missing")
            return None
        if not isinstance(value, list):
            self.add(path, "must_be_list")
            return None
        if len(value) > limit:
            self.add(path, "too_many", count=len(value), limit=limit)
            return None
        return value

    def texts(
        self, data: Mapping[str, object], key: str, path: str, *, limit: int, max_len: int
    ) -> tuple[str, ...] | None:
        """An optional list of strings."""
        items = self.array(data, key, path, limit=limit, required=False)
        if items is None:
            return None if key in data else ()
        values = [self.text_value(item, f"{path}[{i}]", max_len) for i, item in enumerate(items)]
        return tuple(v for v in values if v is not None) if None not in values else None

    def only(self, data: Mapping[str, object], path: str, allowed: Sequence[str]) -> None:
        """Note every key of `data` that is not in `allowed` (a typo such as `minuts`)."""
        for key in data:
            if key not in allowed:
                self.add(f"{path}.{key}" if path else key, "unknown_field")
