"""Provides the checks an imported session passes beyond its shape: hostile input refused.

Ids must be ids (never a path such as `../../etc/passwd`), text holds no control characters
or lone surrogates, and every reference points inside the session: the current round, the
clock's round and every round id named by rounds, notes, ratings and actions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from facilitator.errors import InvalidInput, Text
from facilitator.session import Session

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_DIGITS = 30
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refused(where: str, key: str, /, **params: object) -> InvalidInput:
    """The one-line refusal `where: problem` (errors.integrity.*)."""
    return InvalidInput("errors.integrity.refused", where=where, problem=Text.of(key, **params))


def bounded_int(digits: str) -> int:
    """A JSON integer, refusing absurd lengths before Python converts it."""
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise refused("import file", "errors.integrity.number_too_long", limit=MAX_DIGITS)
    return int(digits)


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed JSON document (keys too), with where it is."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield f"{path}.{key}", str(key)
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def check_text(document: object, path: str) -> None:
    """Refuse lone surrogates and control characters (tab and line breaks are text)."""
    for where, text in _strings(document, path):
        if _SURROGATE.search(text):
            raise refused(where, "errors.integrity.lone_surrogate")
        if _CONTROL.search(text):
            raise refused(where, "errors.integrity.control_characters")


def _id(value: str, where: str) -> None:
    if not ID.fullmatch(value):
        raise refused(where, "errors.integrity.id_not_id")


def check_session(session: Session) -> None:
    """Refuse ids that are not ids and references that point outside the session."""
    _id(session.id, "session.id")
    _id(session.template.id, "session.template.id")
    known = {r.id for r in session.template.rounds}
    for i, template_round in enumerate(session.template.rounds):
        _id(template_round.id, f"session.template.rounds[{i}].id")
    for i, record in enumerate(session.rounds):
        if record.round_id not in known:
            where = f"session.rounds[{i}].round_id"
            raise refused(where, "errors.integrity.round_not_in_template", id=record.round_id)
    count = len(session.rounds)
    if count == 0 or not 0 <= session.current_round < count:
        raise refused(
            "session.current_round",
            "errors.integrity.round_out_of_range",
            value=session.current_round,
            count=count,
            last=max(count - 1, 0),
        )
    if session.clock is not None and not 0 <= session.clock.round_index < count:
        raise refused(
            "session.clock.round_index",
            "errors.integrity.round_out_of_range",
            value=session.clock.round_index,
            count=count,
            last=count - 1,
        )
    items: list[tuple[str, str, str | None]] = [
        *((f"notes[{i}]", n.id, n.round_id) for i, n in enumerate(session.notes)),
        *((f"ratings[{i}]", r.id, r.round_id) for i, r in enumerate(session.ratings)),
        *((f"actions[{i}]", a.id, a.round_id) for i, a in enumerate(session.actions)),
    ]
    for where, item_id, round_id in items:
        _id(item_id, f"session.{where}.id")
        if round_id is not None and round_id not in known:
            raise refused(
                f"session.{where}.round_id", "errors.integrity.round_not_in_template", id=round_id
            )
