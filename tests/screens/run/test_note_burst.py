"""Pilot tests of filing notes typed faster than the app handles its messages.

Keys arrive in one burst (as from tmux or a fast typist), so Enter reaches the editor before
the screen has heard about the earlier keys; the note filed must still hold every character.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.vault import Vault
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from tests.screens.run.harness import (
    ScreenApp,
    burst,
    keys_of,
    make_services,
    planned_session,
)

NOTE = "Esther needs one contact person for the whole discharge, not five"


@asynccontextmanager
async def run_screen() -> AsyncIterator[tuple[Pilot[None], RunScreen, Vault]]:
    """The run screen over a real (in-memory, encrypted) vault, so saves round-trip."""
    clock = FakeClock()
    vault = Vault.in_memory(clock=clock)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        yield pilot, run, vault


async def test_a_note_typed_in_one_burst_is_filed_whole_and_the_draft_cleared() -> None:
    async with run_screen() as (pilot, run, vault):
        await burst(pilot, *keys_of(NOTE[0]))  # the first letter arrives on its own
        await burst(pilot, *keys_of(NOTE[1:]), "enter")
        await run.saver.flush()
        reloaded = vault.load_session("session-1")
        assert [(n.round_id, n.text) for n in reloaded.notes] == [("opening", NOTE)]
        assert run.query_one(NoteEditor).text == ""
        run.changed()  # a later autosave must not bring a draft back
        await run.saver.flush()
        assert [n.text for n in vault.load_session("session-1").notes] == [NOTE]


async def test_typing_on_after_enter_starts_the_next_note() -> None:
    async with run_screen() as (pilot, run, vault):
        await burst(pilot, *keys_of("first note"), "enter", *keys_of("second"))
        await run.saver.flush()
        assert run.query_one(NoteEditor).text == "second"
        saved = vault.load_session("session-1")
        assert [n.text for n in saved.notes] == ["first note"]
        assert saved.draft is not None and saved.draft.text == "second"  # kept, not filed


async def test_enter_then_next_round_files_the_note_in_its_round() -> None:
    async with run_screen() as (pilot, run, vault):
        await burst(pilot, *keys_of(NOTE), "enter", "f9")
        await run.saver.flush()
        reloaded = vault.load_session("session-1")
        assert reloaded.current_round == 1
        assert [(n.round_id, n.text) for n in reloaded.notes] == [("opening", NOTE)]
        assert run.query_one(NoteEditor).text == ""
