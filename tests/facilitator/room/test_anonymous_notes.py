"""Anonymous notes from the room: kept apart from the facilitator's, withheld wherever shared."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator.anonymize import build_summary, to_wire
from facilitator.codec import session_from_dict, session_to_dict
from facilitator.errors import InvalidInput
from facilitator.identifiers.session import redact_session, review
from facilitator.reports.csv_export import session_csv
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.room.tally import close_round
from facilitator.session import Note, Session
from facilitator.vault import Vault
from facilitator.vocabulary import NoteKind, NoteOrigin, RoleGroup
from tests.facilitator.fixtures import sample_session
from tests.facilitator.room.sessions import room_session

FIXTURE = Path(__file__).parents[1] / "vault" / "fixtures" / "format-2026-12-vault"
FIXTURE_PASSPHRASE = "fixture passphrase 2026"
CLOSED_AT = datetime(2026, 11, 26, 9, 40, tzinfo=UTC)
SECRET = "Anna Berg on ward 12 laughs at what relatives say, 070-123 45 67"


def with_room_note(session: Session, text: str = SECRET) -> Session:
    """`session` with one anonymous note from the room in its first dimension round."""
    closed = close_round("resources", "resources", {}, [text], session=session, closed_at=CLOSED_AT)
    return closed.applied_to(session)


def test_a_closed_round_files_its_notes_as_anonymous_from_the_room() -> None:
    session = with_room_note(room_session())
    (note,) = session.notes
    assert note.anonymous and note.origin is NoteOrigin.ROOM
    assert note.kind is NoteKind.OBSERVATION and note.role_group is None
    assert not Note("n", "resources", "typed by the facilitator").anonymous


def test_the_codec_keeps_the_origin_and_writes_facilitator_notes_as_before() -> None:
    session = with_room_note(sample_session())
    data = session_to_dict(session)
    typed, from_room = data["notes"]
    assert "origin" not in typed  # the facilitator's notes are stored exactly as before
    assert from_room["origin"] == "room"
    assert session_from_dict(data) == session
    strict = json.loads(json.dumps(data))
    strict["notes"] = [StrictlyRead(note) for note in strict["notes"]]
    assert session_from_dict(strict) == session


class StrictlyRead(dict):  # type: ignore[type-arg]
    """A stored note that is not a plain dict, so the codec reads it with the strict reader."""


def test_an_unknown_origin_is_refused_with_the_field_named() -> None:
    data = session_to_dict(with_room_note(sample_session()))
    data["notes"][1]["origin"] = "somewhere"
    with pytest.raises(InvalidInput) as raised:
        session_from_dict(data)
    assert "session.notes[1].origin" in raised.value.render("en")


def test_a_vault_written_before_note_origins_reads_every_note_as_the_facilitators(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "vault"
    shutil.copytree(FIXTURE, directory)
    mark = tmp_path / "config" / "high-water.json"
    with Vault.unlock(directory, FIXTURE_PASSPHRASE, high_water=mark) as vault:
        sessions = [vault.load_session(s.id) for s in vault.list_sessions()]
        notes = [note for session in sessions for note in session.notes]
        assert notes and all(note.origin is NoteOrigin.FACILITATOR for note in notes)
        saved = with_room_note(vault.load_session(sample_session().id))
        vault.save_session(saved)
    with Vault.unlock(directory, FIXTURE_PASSPHRASE, high_water=mark) as vault:
        reread = vault.load_session(saved.id)
    assert reread == saved
    assert [n.anonymous for n in reread.notes] == [False, True]


def test_redaction_withholds_the_rooms_notes_whatever_the_facilitator_kept() -> None:
    session = with_room_note(sample_session())
    assert all(located.item_id != session.notes[1].id for located in review(session))
    for language, withheld in (("en", "withheld"), ("sv", "utelämnad")):
        redacted = redact_session(replace(session, language=language), keep=("Anna Berg",))
        typed, from_room = redacted.notes
        assert typed.text == session.notes[0].text
        assert from_room.anonymous and withheld in from_room.text
        assert "Anna" not in from_room.text and "laughs" not in from_room.text


@pytest.mark.parametrize("render", [session_markdown, session_html])
def test_reports_label_the_rooms_notes_and_a_redacted_report_never_holds_them(render) -> None:  # type: ignore[no-untyped-def]
    session = with_room_note(sample_session())
    clear = render(session)
    assert "laughs at what relatives say" in clear and "anonymous, from the room" in clear
    redacted = render(redact_session(session))
    assert "laughs" not in redacted and "withheld" in redacted


def test_the_csv_says_which_notes_came_from_the_room_and_a_redacted_one_withholds_them() -> None:
    session = with_room_note(sample_session())
    rows = list(csv.DictReader(io.StringIO(session_csv(session), newline="")))
    notes = [(row["origin"], row["text"]) for row in rows if row["record"] == "note"]
    assert notes == [("facilitator", session.notes[0].text), ("room", session.notes[1].text)]
    assert all(row["origin"] == "" for row in rows if row["record"] != "note")
    redacted = session_csv(redact_session(session))
    assert "laughs" not in redacted and "withheld" in redacted


def test_the_sync_summary_never_carries_the_rooms_notes() -> None:
    base = room_session()
    session = with_room_note(base, "something I did not want to say aloud")
    wire = to_wire(build_summary(session, region="SE-F"))
    without = to_wire(build_summary(base, region="SE-F"))
    assert wire.pop("summary_id") != without.pop("summary_id")  # random per summary
    assert wire == without
    text = json.dumps(wire)
    assert "aloud" not in text and "room" not in text
    typed = base.with_note(Note("n1", "resources", "typed", role_group=RoleGroup.PROFESSIONALS))
    assert to_wire(build_summary(typed, region="SE-F"))["note_counts"]  # typed ones do count
