"""Pilot tests that nothing typed on the run screen is lost: stray keys, Tab, modals, a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Input

from facilitator.clock import FakeClock
from screens.factory import make_app
from screens.run import RunScreen
from screens.run.edit_modal import EditModal
from screens.run.notes import NoteEditor
from screens.run.rebalance import RebalanceModal
from screens.too_small import TooSmallScreen
from tests.screens.conftest import make_services as app_services
from tests.screens.helpers import settle
from tests.screens.run.harness import (
    ScreenApp,
    burst,
    keys_of,
    make_services,
    planned_session,
    type_text,
)
from tests.screens.run.real_vault import create_vault, reopen
from tests.screens.run.test_capture_edits import file_notes, running


def told(app: App[Any], words: str) -> bool:
    """Whether a notification saying `words` was shown."""
    return any(words in n.message for n in app._notifications)


async def test_letters_typed_on_a_list_go_to_the_draft_and_focus_returns() -> None:
    async with running() as (pilot, run, _):
        await file_notes(pilot, "filed")
        run.query_one("#note-list-options").focus()
        await type_text(pilot, "more")
        editor = run.query_one(NoteEditor)
        assert editor.text == "more" and editor.has_focus
        await pilot.press("ctrl+o")  # the actions tab, on its Add button
        run.query_one("#action-add").focus()
        await type_text(pilot, " said")
        assert editor.text == "more said" and editor.has_focus
        assert run.query_one("#capture").active == "notes"


async def test_keys_right_after_tab_land_in_the_field_tab_reached() -> None:
    async with running() as (pilot, run, _):
        await burst(pilot, *keys_of("one"), "tab", *keys_of(" two"))
        assert run.query_one(NoteEditor).text == "one two"  # Tab reached the list: kept
        await pilot.press("f9", "ctrl+r")
        await burst(pilot, "3", "tab", "4", "tab", "5")
        values = [
            run.query_one(f"#rating-{g}", Input).value
            for g in ("professionals", "users_relatives", "managers")
        ]
        assert values == ["3", "4", "5"]


async def test_typing_under_the_rebalance_dialog_reaches_the_draft() -> None:
    async with running() as (pilot, run, _):
        await pilot.press("ctrl+w")
        assert isinstance(pilot.app.screen, RebalanceModal)
        await type_text(pilot, "late")
        assert run.query_one(NoteEditor).text == "late"
        assert told(pilot.app, "goes to the note draft")
        await pilot.press("escape")
        await type_text(pilot, "r")
        assert run.query_one(NoteEditor).text == "later"


async def test_letters_on_the_edit_dialogs_buttons_go_into_its_field() -> None:
    async with running() as (pilot, _run, _):
        await file_notes(pilot, "note")
        await pilot.click("#note-list-edit")
        modal = pilot.app.screen
        assert isinstance(modal, EditModal)
        modal.query_one("#edit-cancel").focus()
        await type_text(pilot, "s")
        assert modal.query_one(Input).value == "notes"


async def test_typing_under_the_size_notice_reaches_the_draft(clock: FakeClock) -> None:
    services = app_services(clock)
    services.vault = services.unlock_vault("correct horse battery staple")
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(RunScreen(planned_session(clock)))
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.resize_terminal(79, 24)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await type_text(pilot, "keep")
        assert run.query_one(NoteEditor).text == "keep"
        assert told(app, "goes to the note draft")
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert app.screen is run


async def test_a_draft_survives_a_crash_as_a_draft_never_a_filed_note(tmp_path: Path) -> None:
    clock = FakeClock()
    vault = create_vault(tmp_path / "vault", clock)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await file_notes(pilot, "filed before")
        await type_text(pilot, "half a thou")
        await run.saver.flush()
        run.saver.save_blocking = lambda: None  # type: ignore[method-assign]  # the process dies
    vault.close()
    saved = reopen(tmp_path / "vault", clock, "session-1")
    assert [n.text for n in saved.notes] == ["filed before"]
    assert saved.draft is not None and saved.draft.text == "half a thou"
    again = ScreenApp(make_services(vault, clock), lambda: RunScreen(saved))
    async with again.run_test(size=(100, 30)) as pilot:
        run = again.screen
        assert isinstance(run, RunScreen)
        assert run.query_one(NoteEditor).text == "half a thou"
        assert "half a thou" not in str(
            run.query_one("#note-list-options").get_option_at_index(0).prompt
        )
        await type_text(pilot, "ght")
        await pilot.press("enter")
        assert [n.text for n in run.session.notes] == ["filed before", "half a thought"]
