"""Pilot tests of the summary screen: triangle with gaps, notes by dimension, actions, times."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from facilitator.clock import FakeClock
from facilitator.session import ParticipantCounts, Session
from screens.history import HistoryScreen
from screens.summary import SummaryScreen
from tests.facilitator.reports.fixtures import make_psych_session
from tests.screens.run.harness import (
    MemoryVault,
    ScreenApp,
    finished_session,
    make_services,
    screen_text,
)
from tests.screens.summary.harness import notices


@asynccontextmanager
async def summary_of(
    session: Session,
    clock: FakeClock,
    *,
    vault: MemoryVault | None = None,
    language: str = "en",
    size: tuple[int, int] = (100, 30),
) -> AsyncIterator[tuple[ScreenApp, Pilot[None]]]:
    """A bare app showing the summary of `session`, over `vault` (a fresh one by default)."""
    services = make_services(MemoryVault() if vault is None else vault, clock, language=language)
    app = ScreenApp(services, lambda: SummaryScreen(session))
    async with app.run_test(size=size) as pilot:
        yield app, pilot


def roomy(session: Session) -> Session:
    """The session with three or more people in every group, so every group may be shown."""
    return replace(session, participants=ParticipantCounts(4, 3, 3))


async def test_summary_shows_triangle_gaps_notes_actions_and_time() -> None:
    clock = FakeClock()
    async with summary_of(roomy(finished_session(clock)), clock, size=(100, 60)) as (app, pilot):
        await pilot.pause()
        text = screen_text(app)
        assert "Resources" in text and "Attitudes" in text and "Perceptions" in text
        assert "P 2.2 (2-3, 4 of 4 people)" in text and "U 1.0 (1-1, 2 of 3 people)" in text
        assert "gap -1.2" in text and "gap +1.0" in text
        assert "Meetings at 10 clash with care" in text
        assert "Send papers a week ahead" in text
        assert "13:30 of 12 min" in text


async def test_groups_under_three_people_are_hidden_by_head_count_not_ratings() -> None:
    clock = FakeClock()
    session = finished_session(clock)  # 4 professionals, 2 users and relatives, 1 manager
    async with summary_of(session, clock, size=(100, 60)) as (app, pilot):
        await pilot.pause()
        text = screen_text(app)
        assert "P 2.2 (2-3, 4 of 4 people)" in text
        assert "U hidden: fewer than 3 people" in text and "U 1.0" not in text
        assert "M hidden: fewer than 3 people" in text and "M 3.0" not in text
        assert "gap" not in text  # a gap would give the hidden group's mean away


async def test_summary_in_swedish() -> None:
    clock = FakeClock()
    session = roomy(finished_session(clock))
    async with summary_of(session, clock, language="sv", size=(100, 60)) as (app, pilot):
        await pilot.pause()
        text = screen_text(app)
        assert "Makttriangeln" in text and "skillnad" in text and "Åtgärder" in text


async def test_history_key_opens_the_project_history() -> None:
    clock, vault = FakeClock(), MemoryVault()
    session = finished_session(clock)
    vault.save_session(session)
    async with summary_of(session, clock, vault=vault) as (app, pilot):
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Esther Höglandet" in screen_text(app)


async def test_summary_keys_are_described_in_the_users_language() -> None:
    clock = FakeClock()
    async with summary_of(finished_session(clock), clock, language="sv") as (app, pilot):
        await pilot.pause()
        described = {b.action: b.description for _, b in app.screen._bindings}
        assert described["back"] == "Tillbaka" and described["history"] == "Historik"
        assert described["share"] == "Dela sammanställning…"
        assert described["export"] == "Exportera…"
        assert described["app.focus_next"] == "Nästa fält"
        assert "Exportera…" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert "Tillbaka" in screen_text(app)


async def test_history_without_a_project_says_why() -> None:
    clock = FakeClock()
    session = replace(finished_session(clock), project="")
    async with summary_of(session, clock) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert any("belongs to no improvement work" in n for n in notices(app))


def _heading_and_legend(app: ScreenApp) -> tuple[str, str]:
    heading = app.screen.query_one("#ratings-heading", Static)
    legend = app.screen.query_one("#summary-legend", Static)
    return str(heading.render()), str(legend.render()) if legend.display else ""


async def test_the_triangle_keeps_its_heading_and_means_legend() -> None:
    clock = FakeClock()
    async with summary_of(finished_session(clock), clock, size=(100, 60)) as (app, pilot):
        await pilot.pause()
        heading, legend = _heading_and_legend(app)
        assert heading == "The power triangle"
        assert "mean (spread, n)" in legend and "1 = one-sided" in legend


@pytest.mark.parametrize(
    ("language", "heading", "legend"),
    [
        (
            "en",
            "Answers per scale point",
            "Scale ends: 1 = Strongly disagree, 7 = Strongly agree"
            " · 1 = Not free at all, 5 = Completely free",
        ),
        (
            "sv",
            "Svar per skalsteg",
            "Skalans ytterpunkter: 1 = Stämmer inte alls, 7 = Stämmer helt"
            " · 1 = Inte alls fritt, 5 = Helt fritt",
        ),
    ],
)
async def test_distribution_only_templates_get_a_distribution_heading_and_legend(
    language: str, heading: str, legend: str
) -> None:
    session = make_psych_session(language)
    async with summary_of(session, FakeClock(), language=language, size=(100, 60)) as (app, pilot):
        await pilot.pause()
        assert _heading_and_legend(app) == (heading, legend)
        text = screen_text(app)
        for triangle_words in ("power triangle", "Makttriangeln", "mean (spread", "medel ("):
            assert triangle_words not in text
