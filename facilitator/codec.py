"""Provides conversion of sessions and templates to and from plain JSON-safe dicts.

One strict reader serves the vault, export and import, so hostile input is refused with
a located one-line message (`session.notes[3].text: ...`) instead of a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar, cast

from facilitator.errors import InvalidInput, Text
from facilitator.session import (
    Action,
    ClockState,
    Note,
    ParticipantCounts,
    Rating,
    RoundRecord,
    Session,
)
from facilitator.templates.model import RatingScale, RoundTemplate, Template, TemplateVariant
from facilitator.vocabulary import (
    MIN_GROUP_SIZE,
    ActionStatus,
    CareSetting,
    NoteKind,
    Phase,
    RoleGroup,
    RoundKind,
    SessionStatus,
    Tag,
    phase_of,
)

EXPORT_FORMAT = "facilitator.session"
EXPORT_VERSION = 1
MAX_TEXT = 200_000  # a pasted note of 100,000 characters must survive
MAX_SHORT = 500
MAX_ITEMS = 100_000
MAX_IMPORT_BYTES = 64 * 1024 * 1024

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def template_to_dict(template: Template) -> dict[str, Any]:
    """A template as a JSON-safe dict."""
    return {
        "id": template.id,
        "version": template.version,
        "language": template.language,
        "name": template.name,
        "description": template.description,
        "rounds": [
            {
                "id": r.id,
                "kind": r.kind.value,
                "title": r.title,
                "purpose": r.purpose,
                "prompts": list(r.prompts),
                "minutes": r.minutes,
                "dimension": r.dimension,
                "scale": None
                if r.scale is None
                else {
                    "minimum": r.scale.minimum,
                    "maximum": r.scale.maximum,
                    "low_label": r.scale.low_label,
                    "high_label": r.scale.high_label,
                    "mid_label": r.scale.mid_label,
                    "step_labels": list(r.scale.step_labels),
                },
                **({"module": r.module} if r.module else {}),
            }
            for r in template.rounds
        ],
        "variants": [
            {"id": v.id, "name": v.name, "minutes": {k: m for k, m in v.minutes}}
            for v in template.variants
        ],
        "min_respondents": template.min_respondents,
        "distribution_only": template.distribution_only,
        "variant": template.variant,
        "credit": template.credit,
        "role_labels": {group: label for group, label in template.role_labels},
        "modules": list(template.modules),
    }


def _note_to_dict(n: Note) -> dict[str, Any]:
    return {
        "id": n.id,
        "round_id": n.round_id,
        "text": n.text,
        "kind": n.kind.value,
        "role_group": None if n.role_group is None else n.role_group.value,
        "tags": [t.value for t in n.tags],
        "created": _iso(n.created),
        "edited": _iso(n.edited),
    }


def session_to_dict(session: Session) -> dict[str, Any]:
    """A session as a JSON-safe dict, complete enough to rebuild it exactly."""
    p = session.participants
    return {
        "id": session.id,
        "title": session.title,
        "project": session.project,
        "care_setting": session.care_setting.value,
        "phase": session.phase.value,
        "language": session.language,
        "region": session.region,
        "participants": {
            "professionals": p.professionals,
            "users_relatives": p.users_relatives,
            "managers": p.managers,
        },
        "users_speak_first": session.users_speak_first,
        "status": session.status.value,
        "created": _iso(session.created),
        "updated": _iso(session.updated),
        "scheduled_start": _iso(session.scheduled_start),
        "template": template_to_dict(session.template),
        "rounds": [_round_to_dict(r) for r in session.rounds],
        "current_round": session.current_round,
        "clock": None
        if session.clock is None
        else {
            "round_index": session.clock.round_index,
            "planned_seconds": session.clock.planned_seconds,
            "elapsed_seconds": session.clock.elapsed_seconds,
            "running": session.clock.running,
        },
        "notes": [_note_to_dict(n) for n in session.notes],
        "draft": None if session.draft is None else _note_to_dict(session.draft),
        "ratings": [
            {
                "id": r.id,
                "round_id": r.round_id,
                "dimension": r.dimension,
                "role_group": r.role_group.value,
                "value": r.value,
                "count": r.count,
            }
            for r in session.ratings
        ],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner_role": None if a.owner_role is None else a.owner_role.value,
                "due": _iso(a.due),
                "dimension": a.dimension,
                "status": a.status.value,
                "round_id": a.round_id,
            }
            for a in session.actions
        ],
        "tags": [t.value for t in session.tags],
    }


class _Reader:
    """Reads one mapping strictly, naming the path of anything wrong."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise InvalidInput("errors.import.expected_object", where=path, found=_kind(data))
        self.data = data
        self.path = path

    def _at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def raw(self, key: str, default: object = ...) -> object:
        if key not in self.data:
            if default is ...:
                raise InvalidInput("errors.import.missing", where=self._at(key))
            return default
        return self.data[key]

    def text(self, key: str, *, max_len: int = MAX_SHORT, default: str | None = None) -> str:
        value = self.raw(key, ... if default is None else default)
        if not isinstance(value, str):
            raise InvalidInput(
                "errors.import.expected_text", where=self._at(key), found=_kind(value)
            )
        if len(value) > max_len:
            raise InvalidInput("errors.import.too_long", where=self._at(key), limit=f"{max_len:,}")
        return value

    def opt_text(self, key: str, *, max_len: int = MAX_SHORT) -> str | None:
        if self.raw(key, None) is None:
            return None
        return self.text(key, max_len=max_len)

    def integer(self, key: str, *, low: int, high: int, default: int | None = None) -> int:
        value = self.raw(key, ... if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(
                "errors.import.expected_integer", where=self._at(key), found=_kind(value)
            )
        if not low <= value <= high:
            raise InvalidInput(
                "errors.import.out_of_range", where=self._at(key), value=value, low=low, high=high
            )
        return value

    def opt_integer(self, key: str, *, low: int, high: int) -> int | None:
        if self.raw(key, None) is None:
            return None
        return self.integer(key, low=low, high=high)

    def number(self, key: str, *, low: float, high: float) -> float:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput(
                "errors.import.expected_number", where=self._at(key), found=_kind(value)
            )
        if not low <= value <= high:
            raise InvalidInput(
                "errors.import.out_of_range", where=self._at(key), value=value, low=low, high=high
            )
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise InvalidInput(
                "errors.import.expected_bool", where=self._at(key), found=_kind(value)
            )
        return value

    def enum(self, key: str, enum: type[_E], default: _E | None = None) -> _E:
        value = self.raw(key, ... if default is None else default.value)
        members = _members(enum)
        if not isinstance(value, str) or value not in members:
            allowed = ", ".join(members)
            raise InvalidInput("errors.import.one_of", where=self._at(key), allowed=allowed)
        return cast(_E, members[value])

    def phase(self, key: str) -> Phase:
        value = self.raw(key, Phase.DO.value)
        try:
            return phase_of(value if isinstance(value, str) else "")
        except ValueError:
            allowed = ", ".join(p.value for p in Phase)
            raise InvalidInput(
                "errors.import.one_of", where=self._at(key), allowed=allowed
            ) from None

    def opt_enum(self, key: str, enum: type[_E]) -> _E | None:
        if self.raw(key, None) is None:
            return None
        return self.enum(key, enum)

    def moment(self, key: str) -> datetime | None:
        value = self.opt_text(key, max_len=64)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput("errors.import.not_datetime", where=self._at(key)) from None

    def day(self, key: str) -> date | None:
        value = self.opt_text(key, max_len=32)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput("errors.import.not_date", where=self._at(key)) from None

    def items(
        self, key: str, read: Callable[[object, str], _T], *, limit: int = MAX_ITEMS
    ) -> tuple[_T, ...]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise InvalidInput(
                "errors.import.expected_list", where=self._at(key), found=_kind(value)
            )
        if len(value) > limit:
            raise InvalidInput("errors.import.too_many", where=self._at(key), limit=f"{limit:,}")
        return tuple(read(item, f"{self._at(key)}[{i}]") for i, item in enumerate(value))


@cache
def _members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """Each member of `enum` by value, built once per enum (reading is on every field)."""
    return {member.value: member for member in enum}


def _kind(value: object) -> Text | str:
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


def _text_item(max_len: int) -> Callable[[object, str], str]:
    def read(value: object, path: str) -> str:
        if not isinstance(value, str):
            raise InvalidInput("errors.import.expected_text", where=path, found=_kind(value))
        if len(value) > max_len:
            raise InvalidInput("errors.import.too_long", where=path, limit=f"{max_len:,}")
        return value

    return read


def _tag(value: object, path: str) -> Tag:
    try:
        return Tag(value if isinstance(value, str) else "")
    except ValueError:
        raise InvalidInput("errors.import.unknown_tag", where=path) from None


def _scale(data: object, path: str) -> RatingScale | None:
    if data is None:
        return None
    r = _Reader(data, path)
    scale = RatingScale(
        minimum=r.integer("minimum", low=-100, high=100),
        maximum=r.integer("maximum", low=-100, high=100),
        low_label=r.text("low_label", default=""),
        high_label=r.text("high_label", default=""),
        mid_label=r.text("mid_label", default=""),
        step_labels=r.items("step_labels", _text_item(MAX_SHORT), limit=100),
    )
    if scale.minimum >= scale.maximum:
        raise InvalidInput("errors.import.scale_order", where=path)
    return scale


def _round_template(data: object, path: str) -> RoundTemplate:
    r = _Reader(data, path)
    return RoundTemplate(
        id=r.text("id", max_len=64),
        kind=r.enum("kind", RoundKind),
        title=r.text("title"),
        purpose=r.text("purpose", max_len=5_000, default=""),
        prompts=r.items("prompts", _text_item(5_000), limit=100),
        minutes=r.integer("minutes", low=0, high=600),
        dimension=r.opt_text("dimension", max_len=64),
        scale=_scale(r.raw("scale", None), f"{path}.scale"),
        module=r.opt_text("module", max_len=64),
    )


def _variant(data: object, path: str) -> TemplateVariant:
    r = _Reader(data, path)
    minutes_raw = r.raw("minutes", {})
    minutes = _Reader(minutes_raw, f"{path}.minutes")
    return TemplateVariant(
        id=r.text("id", max_len=64),
        name=r.text("name"),
        minutes=tuple(
            (str(key), minutes.integer(str(key), low=0, high=600)) for key in minutes.data
        ),
    )


def template_from_dict(data: object, path: str = "template") -> Template:
    """A template from a dict written by `template_to_dict`; InvalidInput when malformed."""
    r = _Reader(data, path)
    return Template(
        id=r.text("id", max_len=64),
        version=r.integer("version", low=1, high=1_000_000),
        language=r.text("language", max_len=16),
        name=r.text("name"),
        description=r.text("description", max_len=5_000, default=""),
        rounds=r.items("rounds", _round_template, limit=200),
        variants=r.items("variants", _variant, limit=20),
        min_respondents=r.integer("min_respondents", low=1, high=1000, default=MIN_GROUP_SIZE),
        distribution_only=r.flag("distribution_only"),
        variant=r.opt_text("variant", max_len=64),
        credit=r.text("credit", max_len=5_000, default=""),
        role_labels=_role_labels(r.raw("role_labels", {}), f"{path}.role_labels"),
        modules=r.items("modules", _text_item(64), limit=10),
    )


def _role_labels(data: object, path: str) -> tuple[tuple[str, str], ...]:
    r = _Reader(data, path)
    return tuple((group.value, r.text(group.value)) for group in RoleGroup if group.value in r.data)


def _round_to_dict(r: RoundRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "round_id": r.round_id,
        "planned_minutes": r.planned_minutes,
        "actual_seconds": r.actual_seconds,
        "skipped": r.skipped,
    }
    if r.original_minutes is not None:  # only rebalanced rounds carry their first plan
        out["original_minutes"] = r.original_minutes
    if r.ended_early:  # only rounds cut short after they ran
        out["ended_early"] = True
    return out


def _round_record(data: object, path: str) -> RoundRecord:
    r = _Reader(data, path)
    return RoundRecord(
        round_id=r.text("round_id", max_len=64),
        planned_minutes=r.integer("planned_minutes", low=0, high=600),
        actual_seconds=r.opt_integer("actual_seconds", low=0, high=7 * 24 * 3600),
        skipped=r.flag("skipped"),
        original_minutes=r.opt_integer("original_minutes", low=0, high=600),
        ended_early=r.flag("ended_early"),
    )


def _clock(data: object, path: str) -> ClockState | None:
    if data is None:
        return None
    r = _Reader(data, path)
    return ClockState(
        round_index=r.integer("round_index", low=0, high=10_000),
        planned_seconds=r.number("planned_seconds", low=0, high=7 * 24 * 3600),
        elapsed_seconds=r.number("elapsed_seconds", low=0, high=7 * 24 * 3600),
        running=r.flag("running"),
    )


def _fast_moment(value: object) -> datetime | bool | None:
    """A stored date-time read without the strict reader; False when it needs the reader."""
    if value is None:
        return None
    if type(value) is not str or len(value) > 64:
        return False
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return False


_NOTE_KINDS: dict[str, NoteKind] = {kind.value: kind for kind in NoteKind}
_ROLE_GROUPS: dict[str, RoleGroup] = {role.value: role for role in RoleGroup}
_TAGS: dict[str, Tag] = {tag.value: tag for tag in Tag}
_OBSERVATION = NoteKind.OBSERVATION.value


def _fast_note(data: dict[str, Any]) -> Note | None:
    """The note in a well-formed stored dict, or None so the strict reader names the problem.

    Checking a vault reads every note of every session; this path accepts exactly what the
    strict reader accepts, and builds the same note, at a fraction of the cost.
    """
    get = data.get
    id_, round_id, text = get("id"), get("round_id"), get("text")
    if not (
        type(id_) is str
        and len(id_) <= 64
        and type(round_id) is str
        and len(round_id) <= 64
        and type(text) is str
        and len(text) <= MAX_TEXT
    ):
        return None
    kind = _NOTE_KINDS.get(get("kind", _OBSERVATION)) if type(get("kind", "")) is str else None
    role = get("role_group")
    tags = get("tags", [])
    if kind is None or type(tags) is not list or len(tags) > 64:
        return None
    if role is not None:
        role = _ROLE_GROUPS.get(role) if type(role) is str else None
        if role is None:
            return None
    members: tuple[Tag, ...] = ()
    if tags:
        found = [_TAGS.get(tag) if type(tag) is str else None for tag in tags]
        if None in found:
            return None
        members = tuple(cast(list[Tag], found))
    created, edited = _fast_moment(get("created")), _fast_moment(get("edited"))
    if created is False or edited is False:
        return None
    note = object.__new__(Note)  # the frozen __init__ costs a setattr per field; same result
    note.__dict__.update(
        id=id_,
        round_id=round_id,
        text=text,
        kind=kind,
        role_group=role,
        tags=members,
        created=created,
        edited=edited,
    )
    return note


def _note(data: object, path: str) -> Note:
    if type(data) is dict:
        fast = _fast_note(data)
        if fast is not None:
            return fast
    r = _Reader(data, path)
    return Note(
        id=r.text("id", max_len=64),
        round_id=r.text("round_id", max_len=64),
        text=r.text("text", max_len=MAX_TEXT),
        kind=r.enum("kind", NoteKind, NoteKind.OBSERVATION),
        role_group=r.opt_enum("role_group", RoleGroup),
        tags=r.items("tags", _tag, limit=64),
        created=r.moment("created"),
        edited=r.moment("edited"),
    )


def _opt_note(data: object, path: str) -> Note | None:
    return None if data is None else _note(data, path)


def _rating(data: object, path: str) -> Rating:
    r = _Reader(data, path)
    return Rating(
        id=r.text("id", max_len=64),
        round_id=r.text("round_id", max_len=64),
        dimension=r.text("dimension", max_len=64),
        role_group=r.enum("role_group", RoleGroup),
        value=r.integer("value", low=-100, high=100),
        count=r.integer("count", low=1, high=10_000),
    )


def _action(data: object, path: str) -> Action:
    r = _Reader(data, path)
    return Action(
        id=r.text("id", max_len=64),
        text=r.text("text", max_len=MAX_TEXT),
        owner_role=r.opt_enum("owner_role", RoleGroup),
        due=r.day("due"),
        dimension=r.opt_text("dimension", max_len=64),
        status=r.enum("status", ActionStatus, ActionStatus.OPEN),
        round_id=r.opt_text("round_id", max_len=64),
    )


def session_from_dict(data: object, path: str = "session") -> Session:
    """A session from a dict written by `session_to_dict`; InvalidInput when malformed."""
    r = _Reader(data, path)
    p = _Reader(r.raw("participants", {}), f"{path}.participants")
    return Session(
        id=r.text("id", max_len=64),
        title=r.text("title"),
        project=r.text("project", default=""),
        care_setting=r.enum("care_setting", CareSetting, CareSetting.OTHER),
        phase=r.phase("phase"),
        language=r.text("language", max_len=16, default="en"),
        region=r.opt_text("region", max_len=16),
        participants=ParticipantCounts(
            professionals=p.integer("professionals", low=0, high=10_000, default=0),
            users_relatives=p.integer("users_relatives", low=0, high=10_000, default=0),
            managers=p.integer("managers", low=0, high=10_000, default=0),
        ),
        users_speak_first=r.flag("users_speak_first"),
        status=r.enum("status", SessionStatus, SessionStatus.PLANNED),
        created=r.moment("created"),
        updated=r.moment("updated"),
        scheduled_start=r.moment("scheduled_start"),
        template=template_from_dict(r.raw("template"), f"{path}.template"),
        rounds=r.items("rounds", _round_record, limit=200),
        current_round=r.integer("current_round", low=0, high=10_000, default=0),
        clock=_clock(r.raw("clock", None), f"{path}.clock"),
        notes=r.items("notes", _note),
        draft=_opt_note(r.raw("draft", None), f"{path}.draft"),
        ratings=r.items("ratings", _rating),
        actions=r.items("actions", _action),
        tags=r.items("tags", _tag, limit=64),
    )


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
    r = _Reader(document, what)
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
