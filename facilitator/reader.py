"""Provides Reader, the one validating reader of untrusted parsed data (JSON or TOML).

Sessions, template snapshots and template files are all read through it, so a field is
checked one way everywhere. A problem raises FieldInvalid naming the field's path
(`session.notes[3].text`); the session codec lets it through as a one-line InvalidInput,
the template checker collects it and reads on, so one pass reports everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar, cast

from facilitator.errors import InvalidInput, Text

MAX_SHORT = 500
MAX_ITEMS = 100_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")
_MISSING: Any = object()


class FieldInvalid(InvalidInput):
    """One field is wrong: `problem` names what, `where` the field, `facts` the numbers.

    The message is the export reader's line (errors.import.<problem>); the template checker
    words the same problem its own way from `problem` and `facts`.
    """

    def __init__(self, problem: str, where: str, **facts: Any) -> None:
        self.problem = problem
        self.where = where
        self.facts = facts
        super().__init__(f"errors.import.{problem}", where=where, **_worded(problem, facts))


def _worded(problem: str, facts: dict[str, Any]) -> dict[str, object]:
    """The parameters of an errors.import line: kinds named, limits grouped by thousands."""
    params: dict[str, object] = dict(facts)
    if "found" in params:
        params["found"] = kind_of(params["found"])
    if problem in ("too_long", "too_many"):
        params = {"limit": f"{facts['limit']:,}"}
    return params


def kind_of(value: object) -> Text | str:
    """What kind of value `value` is, in words (`a list`, `text`)."""
    kind = {
        dict: "object",
        list: "list",
        str: "text",
        bool: "bool",
        int: "number",
        float: "number",
        type(None): "null",
    }.get(type(value))
    return type(value).__name__ if kind is None else Text.of(f"errors.import.kind_{kind}")


def text_value(
    value: object, where: str, max_len: int, *, blank: bool = True, clean: bool = False
) -> str:
    """`value` when it is text of at most `max_len` characters (see `Reader.text`)."""
    if not isinstance(value, str):
        raise FieldInvalid("expected_text", where, found=value)
    if len(value) > max_len:
        raise FieldInvalid("too_long", where, length=len(value), limit=max_len)
    if not blank and not value.strip():
        raise FieldInvalid("empty", where)
    if clean and _CONTROL.search(value):
        raise FieldInvalid("control_characters", where)
    return value


def text_item(
    max_len: int, *, blank: bool = True, clean: bool = False
) -> Callable[[object, str], str]:
    """A reader of one list entry that must be text (see `text_value`)."""

    def read(value: object, where: str) -> str:
        return text_value(value, where, max_len, blank=blank, clean=clean)

    return read


@cache
def members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """Each member of `enum` by value, built once per enum (reading is on every field)."""
    return {member.value: member for member in enum}


class Reader:
    """Reads one mapping strictly, naming the path of anything wrong."""

    __slots__ = ("data", "path")

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise FieldInvalid("expected_object", path, found=data)
        self.data: Mapping[str, object] = data
        self.path = path

    def at(self, key: str) -> str:
        """The path of `key` in this mapping."""
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, default: object = _MISSING) -> object:
        """The value of `key` unchecked; `default` (or a `missing` problem) when absent."""
        if key not in self.data:
            if default is _MISSING:
                raise FieldInvalid("missing", self.at(key))
            return default
        return self.data[key]

    def table(self, key: str) -> Reader:
        """The mapping under `key`, read the same way."""
        return Reader(self.raw(key), self.at(key))

    def text(
        self,
        key: str,
        *,
        max_len: int = MAX_SHORT,
        default: str | None = None,
        blank: bool = True,
        clean: bool = False,
    ) -> str:
        """Text of at most `max_len` characters (`blank`: may be empty; `clean`: no controls)."""
        value = self.raw(key, _MISSING if default is None else default)
        if (
            isinstance(value, str)
            and len(value) <= max_len
            and (blank or value.strip())
            and not (clean and _CONTROL.search(value))
        ):
            return value
        return text_value(value, self.at(key), max_len, blank=blank, clean=clean)  # names it

    def opt_text(self, key: str, *, max_len: int = MAX_SHORT) -> str | None:
        """Text, or None when absent or null."""
        if self.raw(key, None) is None:
            return None
        return self.text(key, max_len=max_len)

    def identifier(self, key: str) -> str:
        """A short lower-case id such as `power-balance`."""
        value = self.text(key, max_len=64, blank=False, clean=True)
        if not ID_PATTERN.match(value):
            raise FieldInvalid("bad_id", self.at(key))
        return value

    def integer(self, key: str, *, low: int, high: int, default: int | None = None) -> int:
        """A whole number in `low..high` (true and false are not numbers)."""
        value = self.raw(key, _MISSING if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldInvalid("expected_integer", self.at(key), found=value)
        if not low <= value <= high:
            raise FieldInvalid("out_of_range", self.at(key), value=value, low=low, high=high)
        return value

    def opt_integer(self, key: str, *, low: int, high: int) -> int | None:
        """A whole number, or None when absent or null."""
        if self.raw(key, None) is None:
            return None
        return self.integer(key, low=low, high=high)

    def number(self, key: str, *, low: float, high: float) -> float:
        """A number in `low..high`."""
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldInvalid("expected_number", self.at(key), found=value)
        if not low <= value <= high:
            raise FieldInvalid("out_of_range", self.at(key), value=value, low=low, high=high)
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        """True or false."""
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise FieldInvalid("expected_bool", self.at(key), found=value)
        return value

    def enum(self, key: str, enum: type[_E], default: _E | None = None) -> _E:
        """One of `enum`'s values."""
        value = self.raw(key, _MISSING if default is None else default.value)
        known = members(enum)
        if not isinstance(value, str) or value not in known:
            raise FieldInvalid("one_of", self.at(key), allowed=", ".join(known))
        return cast(_E, known[value])

    def opt_enum(self, key: str, enum: type[_E]) -> _E | None:
        """One of `enum`'s values, or None when absent or null."""
        if self.raw(key, None) is None:
            return None
        return self.enum(key, enum)

    def moment(self, key: str) -> datetime | None:
        """An ISO 8601 date and time, or None."""
        value = self.opt_text(key, max_len=64)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise FieldInvalid("not_datetime", self.at(key)) from None

    def day(self, key: str) -> date | None:
        """An ISO 8601 date, or None."""
        value = self.opt_text(key, max_len=32)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldInvalid("not_date", self.at(key)) from None

    def array(self, key: str, *, limit: int = MAX_ITEMS) -> list[object]:
        """A list of at most `limit` entries (empty when absent)."""
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise FieldInvalid("expected_list", self.at(key), found=value)
        if len(value) > limit:
            raise FieldInvalid("too_many", self.at(key), count=len(value), limit=limit)
        return value

    def items(
        self, key: str, read: Callable[[object, str], _T], *, limit: int = MAX_ITEMS
    ) -> tuple[_T, ...]:
        """Each entry of a list read by `read(entry, path)`."""
        where = self.at(key)
        return tuple(
            read(item, f"{where}[{i}]") for i, item in enumerate(self.array(key, limit=limit))
        )
