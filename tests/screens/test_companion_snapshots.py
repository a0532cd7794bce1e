"""Snapshots of the coach's companions: About the model and the Esther card, en and sv."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.esther import EstherCard, save_card
from screens.factory import make_app
from tests.screens.conftest import make_services, seed
from tests.screens.helpers import settle

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]
LANGUAGES = ["en", "sv"]


CARDS = {
    "en": EstherCard(
        name="Elsa",
        age="84",
        situation="Lives alone since the spring; a hip fracture in May",
        providers="the orthopaedic ward, home care, her health centre",
        matters="Coming home to her garden",
        on_presenter=True,
    ),
    "sv": EstherCard(
        name="Elsa",
        age="84",
        situation="Bor ensam sedan i våras; höftfraktur i maj",
        providers="ortopedavdelningen, hemtjänsten, vårdcentralen",
        matters="Att komma hem till sin trädgård",
        on_presenter=True,
    ),
}


def _app(clock: FakeClock, language: str, *, card: bool = False) -> Any:
    services = make_services(clock, language=language)
    seed(services, clock)
    if card:
        save_card(services.vault, "Safer discharge", CARDS[language])
    return make_app(services)


def _run(snap_compare: Any, app: Any, size: tuple[int, int], *keys: str) -> bool:
    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return bool(snap_compare(app, terminal_size=size, run_before=before))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_about(snap_compare: Any, clock: FakeClock, size: tuple[int, int], language: str) -> None:
    assert _run(snap_compare, _app(clock, language), size, "a")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_esther_card(
    snap_compare: Any, clock: FakeClock, size: tuple[int, int], language: str
) -> None:
    assert _run(snap_compare, _app(clock, language, card=True), size, "e")
