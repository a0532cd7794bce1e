"""Pilot tests of the Esther card: written from home, shown in the opening round, exported on a tick."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Static

from facilitator.clock import FakeClock
from facilitator.esther import EstherCard, load_card, save_card
from facilitator.vocabulary import SessionStatus
from screens.esther_card import EstherCardScreen
from screens.export_dialog import ExportDialog
from screens.home import HomeScreen
from screens.presenter import PresenterScreen
from screens.run.screen import RunScreen
from screens.summary import SummaryScreen
from tests.screens.conftest import make_services, seed
from tests.screens.helpers import settle, started, type_text

PROJECT = "Safer discharge"
CARD = EstherCard(
    name="Elsa",
    age="84",
    situation="Lives alone",
    providers="ward 12, home care",
    matters="Her garden",
    on_presenter=True,
)


def _services(clock: FakeClock):  # type: ignore[no-untyped-def]
    services = make_services(clock)
    sessions = seed(services, clock)
    return services, sessions


async def test_e_on_home_writes_the_card_and_the_vault_keeps_it(clock: FakeClock) -> None:
    services, _sessions = _services(clock)
    async with started(services, "e") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, EstherCardScreen) and screen.project == PROJECT
        await type_text(pilot, "Elsa")
        await pilot.press("enter")
        await type_text(pilot, "84")
        await pilot.click("#esther-matters")
        await type_text(pilot, "Her garden")
        await pilot.click("#esther-presenter")
        await pilot.click("#esther-save")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    saved = load_card(services.vault, PROJECT)
    assert saved == EstherCard(name="Elsa", age="84", matters="Her garden", on_presenter=True)


async def test_the_card_opens_with_what_was_saved_and_escape_keeps_it(clock: FakeClock) -> None:
    services, _sessions = _services(clock)
    save_card(services.vault, PROJECT, CARD)
    async with started(services, "e") as (app, pilot):
        assert app.screen.query_one("#esther-situation", Input).value == "Lives alone"
        assert app.screen.query_one("#esther-presenter", Checkbox).value is True
        await type_text(pilot, " changed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert load_card(services.vault, PROJECT) == CARD


async def test_the_opening_round_shows_the_card_and_the_projector_when_asked(
    clock: FakeClock,
) -> None:
    services, sessions = _services(clock)
    save_card(services.vault, PROJECT, CARD)
    planned = sessions[-1]
    async with started(services) as (app, pilot):
        app.push_screen(RunScreen(planned))
        await settle(pilot)
        line = str(app.screen.query_one("#prompt-esther", Static).render())
        assert "Elsa, 84" in line and "Her garden" in line
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, PresenterScreen)
        assert "Elsa" in str(app.screen.query_one("#presenter-esther", Static).render())


async def test_the_projector_leaves_the_card_out_unless_ticked(clock: FakeClock) -> None:
    services, sessions = _services(clock)
    save_card(services.vault, PROJECT, replace(CARD, on_presenter=False))
    async with started(services) as (app, pilot):
        app.push_screen(RunScreen(sessions[-1]))
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert not app.screen.query_one("#presenter-esther", Static).display


@pytest.mark.parametrize("tick", [False, True])
async def test_export_holds_the_card_only_when_ticked(
    clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tick: bool
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    services, sessions = _services(clock)
    save_card(services.vault, PROJECT, CARD)
    finished = replace(sessions[0], status=SessionStatus.FINISHED)
    async with started(services) as (app, pilot):
        app.push_screen(SummaryScreen(finished))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("down", "down", "down", "enter")  # JSON
        esther = dialog.query_one("#with-esther", Checkbox)
        assert not esther.disabled and esther.value is False
        if tick:
            await pilot.click("#with-esther")
        target = tmp_path / "export.json"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.click("#export-write")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert ("esther" in document) is tick
    if tick:
        assert document["esther"]["name"] == "Elsa"
