"""Undoable capture edits: filing, editing and deleting notes, ratings and actions, and undo."""

from __future__ import annotations

from dataclasses import replace

import pytest

from facilitator.codec import session_from_dict, session_to_dict
from facilitator.edits import diff, edit_action, edit_note, edit_rating, undo
from facilitator.session import Note, Rating, TooManyRatings
from facilitator.vocabulary import NoteKind, RoleGroup
from tests.facilitator.fixtures import T0, sample_session


def test_filing_then_undo_removes_the_note() -> None:
    before = sample_session()
    after = before.with_note(Note("n2", "resources", "Papers arrive late"))
    step = diff(before, after)
    assert step is not None and step.kind == "filed"
    assert undo(after, step) == before


def test_editing_a_note_keeps_its_place_and_undo_restores_the_text() -> None:
    before = sample_session().with_note(Note("n2", "resources", "second"))
    after = edit_note(before, "n1", "Meetings at 10 exclude relatives who work", T0)
    assert [n.id for n in after.notes] == ["n1", "n2"]
    assert after.notes[0].text.endswith("who work") and after.notes[0].edited == T0
    step = diff(before, after)
    assert step is not None and step.kind == "edited"
    assert undo(after, step) == before


def test_deleting_then_undo_puts_the_item_back_where_it_was() -> None:
    before = sample_session().with_note(Note("n2", "resources", "second"))
    after = before.without("n1")
    step = diff(before, after)
    assert step is not None and step.kind == "deleted"
    assert [n.id for n in undo(after, step).notes] == ["n1", "n2"]


def test_empty_text_deletes_a_note_or_an_action() -> None:
    session = sample_session()
    assert edit_note(session, "n1", "  ", T0).notes == ()
    assert edit_action(session, "a1", "").actions == ()
    assert edit_action(session, "a1", " Share it ").actions[0].text == "Share it"


def test_several_steps_undo_in_reverse_order() -> None:
    first = sample_session()
    second = first.with_note(Note("n2", "resources", "b", NoteKind.QUESTION))
    third = edit_action(second, "a1", "Share the checklist a week ahead")
    fourth = third.without("r1")
    steps = [diff(first, second), diff(second, third), diff(third, fourth)]
    session = fourth
    for step in reversed(steps):
        assert step is not None
        session = undo(session, step)
    assert session == first


def test_editing_a_rating_is_capped_by_the_head_count() -> None:
    session = sample_session()  # 5 professionals, r1 holds 4 of them
    assert edit_rating(session, "r1", 3, 5).ratings[0].count == 5
    with pytest.raises(TooManyRatings):
        edit_rating(session, "r1", 3, 6)
    assert edit_rating(session, "r1", 3, 0).ratings == ()


def test_undoing_a_rating_deletion_is_refused_when_the_group_is_full_again() -> None:
    before = sample_session()
    deleted = before.without("r1")
    step = diff(before, deleted)
    assert step is not None
    refilled = deleted.with_rating(
        Rating("r2", "resources", "resources", RoleGroup.PROFESSIONALS, 4, 3)
    )
    with pytest.raises(TooManyRatings):
        undo(refilled, step)  # 3 + 4 professionals would outnumber the 5 in the room
    assert undo(deleted, step) == before


def test_nothing_changed_is_no_step() -> None:
    assert diff(sample_session(), sample_session()) is None


def test_a_draft_round_trips_as_a_draft_never_as_a_filed_note() -> None:
    draft = Note("d1", "resources", "half a thou", created=T0, edited=T0)
    session = sample_session().with_draft(draft)
    again = session_from_dict(session_to_dict(session))
    assert again.draft == draft
    assert [n.id for n in again.notes] == ["n1"]
    assert sample_session().with_draft(replace(draft, text="")).draft is None
