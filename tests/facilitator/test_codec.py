"""Session codec: exact round trips and located refusals of hostile input."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.codec import (
    export_session_json,
    import_session_json,
    session_from_dict,
    session_to_dict,
)
from facilitator.errors import InvalidInput
from facilitator.session import Note, Session, new_id
from facilitator.templates.model import RatingScale, RoundTemplate, Template
from facilitator.vocabulary import NoteKind, RoundKind
from tests.facilitator.fixtures import sample_session


def test_round_trip_is_exact() -> None:
    session = sample_session()
    assert session_from_dict(session_to_dict(session)) == session
    assert import_session_json(export_session_json(session).encode()) == session


NOTE_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")


@given(st.text(NOTE_CHARACTERS, max_size=300))
def test_any_note_text_round_trips(text: str) -> None:
    """Any text but control characters (refused at import: a terminal would obey them)."""
    session = sample_session().with_note(Note(new_id(), "resources", text, NoteKind.QUESTION))
    again = import_session_json(export_session_json(session).encode())
    assert again.notes[-1].text == text


def test_export_is_deterministic() -> None:
    session = sample_session()
    assert export_session_json(session) == export_session_json(session)


def _document(**changes: object) -> dict[str, object]:
    doc = json.loads(export_session_json(sample_session()))
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["session"].update(title=42), "session.title: expected text"),
        (lambda d: d["session"].update(notes="x"), "session.notes: expected a list"),
        (lambda d: d["session"]["notes"][0].update(kind="rant"), "session.notes[0].kind"),
        (lambda d: d["session"]["ratings"][0].update(count=True), "session.ratings[0].count"),
        (lambda d: d["session"].update(title="x" * 1000), "longer than 500"),
        (lambda d: d["session"]["notes"][0].update(text="x" * 300_000), "longer than 200,000"),
        (lambda d: d["session"].pop("template"), "session.template: missing"),
        (lambda d: d.update(version=99), "newer facilitator"),
        (lambda d: d.update(format="other"), "not a facilitator session export"),
        (lambda d: d["session"]["template"]["rounds"][1].update(minutes=-5), "outside 0..600"),
    ],
)
def test_hostile_documents_are_refused_with_a_located_message(mutate, expected: str) -> None:
    doc = _document()
    mutate(doc)
    with pytest.raises(InvalidInput) as caught:
        import_session_json(json.dumps(doc).encode())
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"\xff\xfe not utf8", "not UTF-8"),
        (b"{not json", "not valid JSON (line 1"),
        (b"[]", "expected an object"),
    ],
)
def test_malformed_bytes_are_refused(raw: bytes, expected: str) -> None:
    with pytest.raises(InvalidInput, match=expected.replace("(", r"\(")):
        import_session_json(raw)


def test_scale_with_minimum_above_maximum_is_refused() -> None:
    template = Template(
        "t",
        1,
        "en",
        "T",
        rounds=(RoundTemplate("r", RoundKind.DIMENSION, "R", scale=RatingScale(5, 1)),),
    )
    session = Session.plan("x", template, created=sample_session().created)  # type: ignore[arg-type]
    doc = json.loads(export_session_json(replace(session)))
    with pytest.raises(InvalidInput, match="minimum must be below maximum"):
        import_session_json(json.dumps(doc).encode())


def test_the_fast_note_reader_matches_the_strict_one() -> None:
    from facilitator.codec import session_codec as codec

    session = sample_session()
    notes = [codec.session_to_dict(session)["notes"][0], {"id": "n", "round_id": "r", "text": ""}]
    for stored in notes:
        fast = codec._fast_note(dict(stored))
        assert fast is not None
        strict = _strict_note(stored)
        assert fast == strict and hash(fast) == hash(strict)
    for bad in (
        {"id": 1, "round_id": "r", "text": ""},
        {"id": "n", "round_id": "r", "text": "", "kind": "nonsense"},
        {"id": "n", "round_id": "r", "text": "", "tags": ["not-a-tag"]},
        {"id": "n", "round_id": "r", "text": "", "created": "yesterday"},
        {"id": "n", "round_id": "r", "text": "", "role_group": 3},
        {"id": "n" * 65, "round_id": "r", "text": ""},
    ):
        assert codec._fast_note(bad) is None  # the strict reader then names the problem


def _strict_note(stored: dict[str, object]) -> object:
    from facilitator.codec import session_codec as codec

    real = codec._fast_note
    codec._fast_note = lambda data: None  # type: ignore[assignment]
    try:
        return codec._note(stored, "note")
    finally:
        codec._fast_note = real
