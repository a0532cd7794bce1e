"""Pilot tests of editing, deleting and undoing filed notes, ratings and actions on the run screen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from facilitator.clock import FakeClock
from facilitator.session import Action, Rating, Session
from facilitator.vocabulary import NoteKind, RoleGroup
from screens.run import RunScreen
from screens.run.edit_modal import EditModal
from screens.run.notes import NoteEditor
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
    type_text,
)


@asynccontextmanager
async def running(
    session: Session | None = None, vault: Any = None, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[Pilot[None], RunScreen, Any]]:
    """The run screen over `vault` (a memory one by default), showing `session`."""
    clock = FakeClock()
    vault = vault if vault is not None else MemoryVault()
    start = session if session is not None else planned_session(clock)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(start))
    async with app.run_test(size=size) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        yield pilot, run, vault


async def file_notes(pilot: Pilot[None], *texts: str) -> None:
    for text in texts:
        await type_text(pilot, text)
        await pilot.press("enter")


def texts(run: RunScreen) -> list[str]:
    return [n.text for n in run.session.notes]


async def test_enter_on_the_list_edits_the_note_and_the_edit_is_saved() -> None:
    async with running() as (pilot, run, vault):
        await file_notes(pilot, "papers late", "room booked")
        run.query_one("#note-list-options").focus()
        await pilot.press("up", "enter")  # the newest is selected; up goes to the first
        assert isinstance(pilot.app.screen, EditModal)
        assert pilot.app.screen.query_one(Input).value == "papers late"
        await pilot.press("end")
        await type_text(pilot, " for relatives")
        await pilot.press("enter")
        assert texts(run) == ["papers late for relatives", "room booked"]
        assert run.session.notes[0].edited is not None
        await run.saver.flush()
        assert [n.text for n in vault.load_session("session-1").notes] == texts(run)
        await pilot.press("ctrl+z")
        assert texts(run) == ["papers late", "room booked"]
        assert "earlier text is back" in screen_text(pilot.app)


async def test_the_edit_and_delete_buttons_work_with_the_mouse() -> None:
    async with running() as (pilot, run, vault):
        await file_notes(pilot, "first", "second")
        await pilot.click("#note-list-edit")  # the newest note is selected
        modal = pilot.app.screen
        assert isinstance(modal, EditModal)
        modal.query_one(Input).value = "second, edited"
        await pilot.click("#edit-save")
        assert texts(run) == ["first", "second, edited"]
        await pilot.click("#note-list-edit")
        await pilot.click("#edit-cancel")
        assert texts(run) == ["first", "second, edited"]
        await pilot.click("#note-list-delete")
        assert texts(run) == ["first"]
        assert "Ctrl+Z brings it back" in screen_text(pilot.app)
        await run.saver.flush()
        assert [n.text for n in vault.load_session("session-1").notes] == ["first"]


async def test_delete_key_then_several_undos_step_back_in_order() -> None:
    async with running() as (pilot, run, _):
        await file_notes(pilot, "one", "two", "three")
        run.query_one("#note-list-options").focus()
        await pilot.press("delete")
        assert texts(run) == ["one", "two"]
        run.query_one(NoteEditor).focus()
        await pilot.press("ctrl+z")
        assert texts(run) == ["one", "two", "three"]  # the deletion undone
        await pilot.press("ctrl+z", "ctrl+z")
        assert texts(run) == ["one"]  # then the filings, newest first
        await pilot.press("ctrl+z", "ctrl+z")
        assert texts(run) == []
        assert "Nothing to undo" in screen_text(pilot.app)


async def test_ctrl_z_undoes_typing_in_the_draft_before_filed_items() -> None:
    async with running() as (pilot, run, _):
        await file_notes(pilot, "filed")
        await type_text(pilot, "draft")
        await pilot.press("ctrl+z")
        assert run.query_one(NoteEditor).text == ""
        assert texts(run) == ["filed"]
        await pilot.press("ctrl+z")
        assert texts(run) == []
        assert run.query_one(NoteEditor).text == ""  # a filed note never returns as a draft


async def test_actions_are_edited_deleted_and_undone() -> None:
    clock = FakeClock()
    session = planned_session(clock).with_action(Action("a1", "Send papers early"))
    async with running(session) as (pilot, run, _):
        await pilot.press("ctrl+o")
        await pilot.click("#action-list-edit")
        assert isinstance(pilot.app.screen, EditModal)
        await pilot.press("end")
        await type_text(pilot, " a week ahead")
        await pilot.press("enter")
        assert [a.text for a in run.session.actions] == ["Send papers early a week ahead"]
        await pilot.click("#action-list-delete")
        assert run.session.actions == ()
        await pilot.press("ctrl+z", "ctrl+z")
        assert [a.text for a in run.session.actions] == ["Send papers early"]


async def test_a_rating_edit_past_the_head_count_is_refused_and_says_why() -> None:
    clock = FakeClock()  # one manager takes part
    session = planned_session(clock)
    async with running(session) as (pilot, run, _):
        await pilot.press("f9", "ctrl+r")  # into the resources round, on the ratings tab
        run.query_one("#rating-managers", Input).focus()
        await type_text(pilot, "3")
        await pilot.press("enter")
        assert [(r.value, r.count) for r in run.session.ratings] == [(3, 1)]
        await pilot.click("#rating-list-edit")
        modal = pilot.app.screen
        assert isinstance(modal, EditModal)
        modal.query_one(Input).value = "3x2"
        await pilot.press("enter")
        assert [(r.value, r.count) for r in run.session.ratings] == [(3, 1)]
        assert run.status.startswith("⚠") and "manager" in run.status.lower()
        await pilot.click("#rating-list-edit")
        pilot.app.screen.query_one(Input).value = "4"
        await pilot.press("enter")
        assert [(r.value, r.count) for r in run.session.ratings] == [(4, 1)]


async def test_undoing_a_rating_deletion_is_refused_when_the_group_is_full_again() -> None:
    clock = FakeClock()
    session = planned_session(clock).with_rating(
        Rating("r1", "resources", "resources", RoleGroup.MANAGERS, 2)
    )
    async with running(session) as (pilot, run, _):
        await pilot.press("f9", "ctrl+r")
        await pilot.click("#rating-list-delete")
        assert run.session.ratings == ()
        run.query_one("#rating-managers", Input).focus()
        await type_text(pilot, "5")
        await pilot.press("enter")
        await pilot.press("ctrl+z")  # undoes the new rating
        await pilot.press("ctrl+z")  # brings back the deleted one
        assert [r.value for r in run.session.ratings] == [2]
        await pilot.click("#rating-list-delete")
        run.query_one("#rating-managers", Input).focus()
        await type_text(pilot, "5")
        await pilot.press("enter")
        run.capture.history.pop()  # forget the filing: undo now meets a full group
        await pilot.press("ctrl+z")
        assert [r.value for r in run.session.ratings] == [5]
        assert "⚠" in run.status


async def test_the_parking_lot_has_its_own_field() -> None:
    async with running() as (pilot, run, vault):
        await pilot.press("ctrl+f")
        assert run.query_one("#parking-input", Input).has_focus
        await type_text(pilot, "bus pass")
        await pilot.press("enter")
        (note,) = run.session.notes
        assert (note.text, note.kind) == ("bus pass", NoteKind.PARKING_LOT)
        assert run.query_one("#parking-input", Input).value == ""
        await run.saver.flush()
        assert [n.text for n in vault.load_session("session-1").notes] == ["bus pass"]
        await pilot.press("ctrl+z")
        assert run.session.notes == ()


async def test_accessible_mode_marks_the_selected_row_and_names_the_list() -> None:
    clock = FakeClock()
    services = make_services(MemoryVault(), clock, plain=True)
    app = ScreenApp(services, lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await file_notes(pilot, "one", "two")
        options = run.query_one("#note-list-options", OptionList)
        options.focus()
        await pilot.pause()
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts[1].startswith("▶ ") and not prompts[0].startswith("▶ ")
        await pilot.press("up")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts[0].startswith("▶ ") and not prompts[1].startswith("▶ ")
        assert "Enter edits" in screen_text(app)
