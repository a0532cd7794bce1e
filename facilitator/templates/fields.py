"""Provides FieldCheck: a template file's parsed TOML read through the codec's one Reader.

The Reader raises on the first problem; FieldCheck notes each as a Finding (worded for
`templates check`) and reads on, so one pass over a template reports everything wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from facilitator.reader import FieldInvalid, Reader, text_value
from facilitator.templates.problems import Finding

LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
_T = TypeVar("_T")
_KEYS = {  # the Reader's problem -> the template_check catalog key
    "expected_object": "must_be_table",
    "expected_text": "must_be_text",
    "expected_integer": "must_be_integer",
    "expected_bool": "must_be_bool",
    "expected_list": "must_be_list",
    "control_characters": "integrity.control_characters",
}


def _finding(error: FieldInvalid) -> Finding:
    """The Reader's problem as `templates check` words it."""
    facts = error.facts
    if error.problem == "out_of_range":
        low = facts["value"] < facts["low"]
        key, params = ("at_least", facts["low"]) if low else ("at_most", facts["high"])
        return Finding(error.where, key, (("limit", params),))
    if error.problem == "too_long":
        return Finding(
            error.where, "too_long", (("length", facts["length"]), ("limit", facts["limit"]))
        )
    if error.problem == "too_many":
        return Finding(
            error.where, "too_many", (("count", facts["count"]), ("limit", facts["limit"]))
        )
    return Finding(error.where, _KEYS.get(error.problem, error.problem))


def _reader(data: Mapping[str, object], key: str, path: str) -> Reader:
    """A Reader of `data` placed so that its `key` is at `path`."""
    return Reader(data, path.removesuffix(key).removesuffix("."))


class FieldCheck:
    """Collects findings while reading a template's parsed TOML."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, field: str, key: str, **params: str | int) -> None:
        """Note one problem."""
        self.findings.append(Finding(field, key, tuple(params.items())))

    def read(self, read: Callable[[], _T]) -> _T | None:
        """What `read` returns, or None with its problem noted."""
        try:
            return read()
        except FieldInvalid as error:
            self.findings.append(_finding(error))
            return None

    def _present(self, data: Mapping[str, object], key: str, path: str, required: bool) -> bool:
        if key in data:
            return True
        if required:
            self.add(path, "missing")
        return False

    def table(
        self, data: Mapping[str, object], key: str, path: str, *, required: bool = True
    ) -> Mapping[str, object] | None:
        """A sub-table."""
        if not self._present(data, key, path, required):
            return None
        table = self.read(lambda: _reader(data, key, path).table(key))
        return None if table is None else table.data

    def text(
        self,
        data: Mapping[str, object],
        key: str,
        path: str,
        *,
        max_len: int,
        required: bool = True,
    ) -> str | None:
        """A string no longer than `max_len`, not blank, without control characters."""
        if not self._present(data, key, path, required):
            return None
        return self.read(
            lambda: _reader(data, key, path).text(key, max_len=max_len, blank=False, clean=True)
        )

    def text_value(self, value: object, path: str, max_len: int) -> str | None:
        """`value` when it is a string no longer than `max_len`, not blank, without controls."""
        return self.read(lambda: text_value(value, path, max_len, blank=False, clean=True))

    def identifier(self, data: Mapping[str, object], key: str, path: str) -> str | None:
        """A short lower-case id such as `power-balance`."""
        if not self._present(data, key, path, True):
            return None
        return self.read(lambda: _reader(data, key, path).identifier(key))

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
        if not self._present(data, key, path, required):
            return None
        return self.read(lambda: _reader(data, key, path).integer(key, low=low, high=high))

    def flag(self, data: Mapping[str, object], key: str, path: str) -> bool | None:
        """An optional true/false."""
        if key not in data:
            return None
        return self.read(lambda: _reader(data, key, path).flag(key))

    def array(
        self, data: Mapping[str, object], key: str, path: str, *, limit: int, required: bool
    ) -> Sequence[object] | None:
        """A list of at most `limit` entries."""
        if not self._present(data, key, path, required):
            return None
        return self.read(lambda: _reader(data, key, path).array(key, limit=limit))

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
