"""Pilot test: a session saved with the first-edition template resumes, runs and sums up."""

from __future__ import annotations

from facilitator.clock import FakeClock
from facilitator.vocabulary import SessionStatus
from screens.run import RunScreen
from screens.summary import SummaryScreen
from tests.facilitator.test_first_edition import first_edition_session
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services, screen_text, type_text


async def test_a_first_edition_session_runs_to_its_summary() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = first_edition_session()
    vault.save_session(session)
    app = ScreenApp(make_services(vault, clock, language="sv"), lambda: RunScreen(session))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, RunScreen)
        assert "Uppfattningar" in screen_text(app)  # it resumes at the round it was saved in
        await pilot.press("ctrl+r")
        app.screen.query_one("#rating-managers").focus()  # the one group yet to rate it
        await type_text(pilot, "2")
        await pilot.press("enter")
        for _ in range(len(session.rounds) - session.current_round):
            clock.advance(60)
            await pilot.press("f9")
            await pilot.pause()
        await pilot.press("y")  # finishing asks first
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Makttriangeln" in text and "Maktriangeln" not in text
    saved = vault.load_session(session.id)
    assert saved.status is SessionStatus.FINISHED
    assert saved.template == session.template  # the first-edition snapshot is kept
    assert len(saved.ratings) == len(session.ratings) + 1
