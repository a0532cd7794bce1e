"""Provides conversion of sessions to and from JSON-safe dicts, exact in both directions.

The vault stores these dicts and the export wraps one; reading goes through the one strict
Reader, with a fast path for notes (a vault check reads every note of every session).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from facilitator.codec.template_codec import template_from_dict, template_to_dict
from facilitator.reader import FieldInvalid, Reader
from facilitator.session import (
    Action,
    ClockState,
    Note,
    ParticipantCounts,
    Rating,
    RoundRecord,
    Session,
)
from facilitator.vocabulary import (
    ActionStatus,
    CareSetting,
    NoteKind,
    NoteOrigin,
    Phase,
    RoleGroup,
    SessionStatus,
    Tag,
    phase_of,
)

MAX_TEXT = 200_000  # a pasted note of 100,000 characters must survive


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _note_to_dict(n: Note) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": n.id,
        "round_id": n.round_id,
        "text": n.text,
        "kind": n.kind.value,
        "role_group": None if n.role_group is None else n.role_group.value,
        "tags": [t.value for t in n.tags],
        "created": _iso(n.created),
        "edited": _iso(n.edited),
    }
    if n.origin is not NoteOrigin.FACILITATOR:  # only notes from the room carry where from
        out["origin"] = n.origin.value
    return out


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


def _tag(value: object, path: str) -> Tag:
    try:
        return Tag(value if isinstance(value, str) else "")
    except ValueError:
        raise FieldInvalid("unknown_tag", path) from None


def _phase(r: Reader, key: str) -> Phase:
    value = r.raw(key, Phase.DO.value)
    try:
        return phase_of(value if isinstance(value, str) else "")
    except ValueError:
        allowed = ", ".join(p.value for p in Phase)
        raise FieldInvalid("one_of", r.at(key), allowed=allowed) from None


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
    r = Reader(data, path)
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
    r = Reader(data, path)
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
_NOTE_ORIGINS: dict[str, NoteOrigin] = {origin.value: origin for origin in NoteOrigin}
_FACILITATOR = NoteOrigin.FACILITATOR.value


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
    origin = get("origin", _FACILITATOR)
    origin = _NOTE_ORIGINS.get(origin) if type(origin) is str else None
    if kind is None or origin is None or type(tags) is not list or len(tags) > 64:
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
        origin=origin,
    )
    return note


def _note(data: object, path: str) -> Note:
    if type(data) is dict:
        fast = _fast_note(data)
        if fast is not None:
            return fast
    r = Reader(data, path)
    return Note(
        id=r.text("id", max_len=64),
        round_id=r.text("round_id", max_len=64),
        text=r.text("text", max_len=MAX_TEXT),
        kind=r.enum("kind", NoteKind, NoteKind.OBSERVATION),
        role_group=r.opt_enum("role_group", RoleGroup),
        tags=r.items("tags", _tag, limit=64),
        created=r.moment("created"),
        edited=r.moment("edited"),
        origin=r.enum("origin", NoteOrigin, NoteOrigin.FACILITATOR),
    )


def _opt_note(data: object, path: str) -> Note | None:
    return None if data is None else _note(data, path)


def _rating(data: object, path: str) -> Rating:
    r = Reader(data, path)
    return Rating(
        id=r.text("id", max_len=64),
        round_id=r.text("round_id", max_len=64),
        dimension=r.text("dimension", max_len=64),
        role_group=r.enum("role_group", RoleGroup),
        value=r.integer("value", low=-100, high=100),
        count=r.integer("count", low=1, high=10_000),
    )


def _action(data: object, path: str) -> Action:
    r = Reader(data, path)
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
    r = Reader(data, path)
    p = Reader(r.raw("participants", {}), f"{path}.participants")
    return Session(
        id=r.text("id", max_len=64),
        title=r.text("title"),
        project=r.text("project", default=""),
        care_setting=r.enum("care_setting", CareSetting, CareSetting.OTHER),
        phase=_phase(r, "phase"),
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
