"""Pilot tests of running a whole session: notes, ratings and actions in every round."""

from __future__ import annotations

from datetime import date

from facilitator.clock import FakeClock
from facilitator.vocabulary import NoteKind, RoleGroup, SessionStatus
from screens.run import RunScreen
from screens.run.notes import NoteEditor
from screens.summary import SummaryScreen
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    make_services,
    planned_session,
    screen_text,
    type_text,
)


async def test_run_every_round_with_notes_ratings_and_actions() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = planned_session(clock)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        assert "Patients, users and relatives speak first" in screen_text(app)
        await pilot.press("f5")
        for index, record in enumerate(session.rounds):
            template = session.template.round(record.round_id)
            await type_text(pilot, f"note {index}")
            if index == 0:
                await pilot.press("ctrl+g")  # from professionals; the group is sticky
            await pilot.press("enter")
            if template.scale is not None:
                await pilot.press("ctrl+r")
                await type_text(pilot, "2 3 3x2")
                await pilot.press("enter")
                await pilot.press("ctrl+o")
                await type_text(pilot, f"act {index}")
                run.query_one("#action-due").focus()
                await type_text(pilot, "2026-12-24")
                await pilot.press("enter")
                await pilot.press("ctrl+n")
            clock.advance(60 * (index + 1))
            await pilot.press("f9")
            await pilot.pause()
        await pilot.press("y")  # finishing asks first
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        saved = vault.load_session(session.id)
        assert saved.status == SessionStatus.FINISHED
        assert [n.text for n in saved.notes] == [f"note {i}" for i in range(5)]
        assert all(n.role_group == RoleGroup.PROFESSIONALS for n in saved.notes)
        assert [r.actual_seconds for r in saved.rounds] == [60, 120, 180, 240, 300]
        for dim in ("resources", "attitudes", "perceptions"):
            pros = saved.ratings_for(dim, RoleGroup.PROFESSIONALS)
            assert sorted((r.value, r.count) for r in pros) == [(2, 1), (3, 3)]
        assert [(a.text, a.dimension, a.due) for a in saved.actions] == [
            ("act 1", "resources", date(2026, 12, 24)),
            ("act 2", "attitudes", date(2026, 12, 24)),
            ("act 3", "perceptions", date(2026, 12, 24)),
        ]
        text = screen_text(app)
        assert "gap" not in text or "Resources" in text
        assert "Resources" in text and "note 1" in text


async def test_note_kind_quick_keys_and_parking_lot() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):  # observation -> insight -> question -> parking lot
            await pilot.press("ctrl+t")
        await type_text(pilot, "bus pass")
        await pilot.press("enter")
        await pilot.press("ctrl+f")
        assert "bus pass" in screen_text(app)
        run = app.screen
        assert isinstance(run, RunScreen)
        await run.saver.flush()
        (note,) = vault.load_session("session-1").notes
        assert note.kind == NoteKind.PARKING_LOT


async def test_draft_note_reaches_the_vault_before_enter() -> None:
    clock, vault = FakeClock(), MemoryVault()
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        await type_text(pilot, "half a sentence")
        run = app.screen
        assert isinstance(run, RunScreen)
        await run.saver.flush()
        saved = vault.load_session("session-1")
        assert saved.draft is not None and saved.draft.text == "half a sentence"
        assert saved.notes == ()  # a draft, never a filed note
        assert run.query_one(NoteEditor).has_focus
