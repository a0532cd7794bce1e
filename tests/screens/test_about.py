"""Pilot tests of About the model: from home by a key, from the F1 help by a button."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from facilitator.about import about_model
from facilitator.clock import FakeClock
from screens.about import AboutScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from tests.screens.conftest import make_services, seed
from tests.screens.helpers import settle, started


def _seeded(clock: FakeClock, language: str = "en"):  # type: ignore[no-untyped-def]
    services = make_services(clock, language=language)
    seed(services, clock)
    return services


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_a_on_home_shows_the_citation_corners_and_own_aids(
    clock: FakeClock, language: str
) -> None:
    async with started(_seeded(clock, language), "a") as (app, pilot):
        assert isinstance(app.screen, AboutScreen)
        about = about_model(language)
        texts = [str(w.render()) for w in app.screen.query(Static)]
        joined = "\n".join(texts)
        assert about.citation in joined
        assert all(corner in joined for corner in about.corners)
        assert about.interplay in joined and about.own_aids in joined
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_help_button_opens_about_and_close_returns(clock: FakeClock) -> None:
    async with started(_seeded(clock), "f1") as (app, pilot):
        assert isinstance(app.screen, HelpScreen)
        clicked = await pilot.click("#help-about")
        await settle(pilot)
        assert isinstance(app.screen, AboutScreen), (clicked, app.screen_stack)
        await pilot.click("#about-close")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_in_the_help_opens_about(clock: FakeClock) -> None:
    async with started(_seeded(clock), "f1", "a") as (app, _pilot):
        assert isinstance(app.screen, AboutScreen)
