"""Pilot tests of never losing work: crash, bad input, a huge paste, resize, failed saves."""

from __future__ import annotations

from textual.events import Paste

from facilitator.clock import FakeClock
from facilitator.errors import VaultWriteFailed
from facilitator.session import Session
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
    type_text,
)


async def test_resume_after_a_crash_restores_round_time_left_paused_and_notes() -> None:
    clock, vault = FakeClock(), MemoryVault()
    first = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with first.run_test(size=(100, 30)) as pilot:
        run = first.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f5")
        clock.advance(5 * 60)
        await pilot.press("f9")  # into resources, still running
        await pilot.press("f4")
        clock.advance(200)
        await type_text(pilot, "filed note")
        await pilot.press("enter")
        await type_text(pilot, "typed but not filed")
        await run.saver.flush()
        # The process dies here: no unmount save is allowed to help.
        run.saver.save_blocking = lambda: None  # type: ignore[method-assign]
    saved = vault.load_session("session-1")
    assert saved.clock is not None and saved.clock.running
    reopened = ScreenApp(make_services(vault, clock), lambda: RunScreen(saved))
    async with reopened.run_test(size=(100, 30)) as pilot:
        run = reopened.screen
        assert isinstance(run, RunScreen)
        assert run.session.current_round == 1
        assert not run.clock.running
        assert run.clock.time_left == 12 * 60 - 200
        clock.advance(100)
        run.tick()
        assert run.clock.time_left == 12 * 60 - 200
        text = screen_text(reopened)
        assert "Resources" in text and "Paused" in text
        assert "filed note" in text and "typed but not filed" in text


async def test_leaving_the_screen_saves_at_once() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        await type_text(pilot, "last words")
    draft = vault.load_session("session-1").draft
    assert draft is not None and draft.text == "last words"


async def test_rating_outside_the_scale_is_refused_and_kept() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f9")
        await pilot.press("ctrl+r")
        await type_text(pilot, "2 7")
        await pilot.press("enter")
        assert "Rating 7 is outside the scale 1-5" in screen_text(app)
        field = run.query_one("#rating-professionals")
        assert field.value == "2 7"  # type: ignore[attr-defined]
        assert run.session.ratings == ()
        await pilot.press("backspace")
        await type_text(pilot, "4")
        await pilot.press("enter")
        assert sorted(r.value for r in run.session.ratings) == [2, 4]


async def test_action_due_date_is_validated() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("ctrl+o")
        await type_text(pilot, "Invite relatives")
        run.query_one("#action-due").focus()
        await type_text(pilot, "2026-13-40")
        await pilot.press("enter")
        assert "is not a date" in screen_text(app)
        assert run.session.actions == ()
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2025-01-01")
        await pilot.press("enter")
        assert "has already passed" in screen_text(app)
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2027-01-01")
        await pilot.press("enter")
        assert [a.text for a in run.session.actions] == ["Invite relatives"]


async def test_pasting_a_100000_character_note_is_kept_and_saved() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    long_note = ("Esther said the letters come too late. " * 3000)[:100_000]
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        app.post_message(Paste(long_note))  # as the terminal delivers a paste
        await pilot.pause()
        await run.saver.flush()
        draft = vault.load_session("session-1").draft
        assert draft is not None and draft.text == long_note
        await pilot.press("enter")
        assert "100,000 characters" in screen_text(app)
        await run.saver.flush()
    assert vault.load_session("session-1").notes[0].text == long_note


async def test_resize_mid_round_keeps_everything() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("f5")
        clock.advance(90)
        await type_text(pilot, "before resize")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await type_text(pilot, " and after")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert run.query_one(NoteEditor).text == "before resize and after"
        assert run.clock.running and run.clock.time_left == 210
        assert "Opening" in screen_text(app)


async def test_a_failing_save_says_so_keeps_the_data_and_retries() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await run.saver.flush()
        vault.failing = True
        await type_text(pilot, "must survive")
        await run.saver.flush()
        await pilot.pause()
        assert "Not saved: the disk is full" in screen_text(app)
        assert run.saver.dirty
        vault.failing = False
        await run.saver.flush()
        await pilot.pause()
        draft = vault.load_session("session-1").draft
        assert draft is not None and draft.text == "must survive"
        assert "Saved again" in screen_text(app)


async def test_a_failing_save_is_explained_in_the_users_language() -> None:
    class FullDisk(MemoryVault):
        def save_session(self, session: Session) -> None:
            raise VaultWriteFailed("errors.os.disk_full")

    clock, vault = FakeClock(), FullDisk()
    app = ScreenApp(
        make_services(vault, clock, language="sv"),
        lambda: RunScreen(planned_session(clock, "sv")),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await type_text(pilot, "finns kvar")
        await run.saver.flush()
        await pilot.pause()
        text = screen_text(app)
        assert "Inte sparat: disken är full" in text and "disk is full" not in text
        assert run.query_one(NoteEditor).text == "finns kvar"
