"""The run screen says once, quietly, that a note with a direct identifier stays encrypted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from facilitator.identifiers.hint import needs_typing_hint
from facilitator.vault import Vault
from screens.run import RunScreen
from tests.screens.run.harness import ScreenApp, burst, keys_of, make_services, planned_session
from tests.screens.summary.harness import notices

HINT = "It stays encrypted here and is replaced with a placeholder in exports."


@asynccontextmanager
async def run_screen() -> AsyncIterator[tuple[Pilot[None], ScreenApp]]:
    clock = FakeClock()
    vault = Vault.in_memory(clock=clock)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(planned_session(clock)))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, RunScreen)
        yield pilot, app


def hints(app: ScreenApp) -> list[str]:
    return [n for n in notices(app) if HINT in n]


async def test_a_note_with_a_phone_number_brings_the_hint_once() -> None:
    async with run_screen() as (pilot, app):
        await burst(pilot, *keys_of("The daughter left 070-123 45 67 for the night staff"), "enter")
        await pilot.pause()
        assert len(hints(app)) == 1
        await burst(pilot, *keys_of("She also gave 19450312-1234"), "enter")
        await pilot.pause()
        assert len(hints(app)) == 1


async def test_an_ordinary_note_brings_no_hint() -> None:
    async with run_screen() as (pilot, app):
        await burst(pilot, *keys_of("Meetings at 10 clash with care; call 1177 at night"), "enter")
        await pilot.pause()
        assert hints(app) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pnr 450312-1234", True),
        ("ring 070-123 45 67", True),
        ("anna snabel-a gmail punkt com", True),
        ("Anna felt unheard", False),  # names are too common to mention while typing
        ("We met on 3 May at 14.30", False),
    ],
)
def test_only_direct_identifiers_need_the_hint(text: str, expected: bool) -> None:
    assert needs_typing_hint(text) is expected
