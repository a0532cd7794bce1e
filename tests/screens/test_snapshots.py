"""Snapshot tests of the shell's screens at 100x30 and 80x24, English and Swedish, fixed data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.clock import FakeClock
from screens.factory import make_app
from tests.screens.conftest import PASSPHRASE, make_services, seed
from tests.screens.helpers import settle

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]
Steps = Callable[[Pilot[None]], Awaitable[None]]


def _run(snap_compare: Any, app: Any, size: tuple[int, int], steps: Steps | None = None) -> bool:
    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
            await settle(pilot)

    return bool(snap_compare(app, terminal_size=size, run_before=before))


def _seeded(clock: FakeClock, language: str = "en") -> Any:
    services = make_services(clock, language=language)
    seed(services, clock)
    return make_app(services)


@pytest.mark.parametrize("size", SIZES)
def test_create_vault(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press(*"Esther")

    app = make_app(make_services(clock, exists=False))
    assert _run(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_recovery_key(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        for field in ("#passphrase", "#again"):
            pilot.app.screen.query_one(field, Input).value = PASSPHRASE
        await pilot.press("enter", "enter")

    app = make_app(make_services(clock, exists=False))
    assert _run(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_unlock_after_wrong_passphrase(
    snap_compare: Any, clock: FakeClock, size: tuple[int, int]
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press(*"nope", "enter")

    assert _run(snap_compare, make_app(make_services(clock)), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    assert _run(snap_compare, _seeded(clock), size)


@pytest.mark.parametrize("size", SIZES)
def test_home_filtered(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press(*"discharge")

    assert _run(snap_compare, _seeded(clock), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_delete_confirmation(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("x")

    assert _run(snap_compare, _seeded(clock), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_plan(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Falls")

    assert _run(snap_compare, _seeded(clock), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_plan_errors(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#minutes-0", Input).value = "0"
        await pilot.press("ctrl+s")

    assert _run(snap_compare, _seeded(clock), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("f1")

    assert _run(snap_compare, _seeded(clock), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_lock(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+l")

    assert _run(snap_compare, _seeded(clock), size, steps)


def test_too_small(snap_compare: Any, clock: FakeClock) -> None:
    assert _run(snap_compare, _seeded(clock), (70, 20))


@pytest.mark.parametrize("size", SIZES)
def test_home_swedish(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    assert _run(snap_compare, _seeded(clock, "sv"), size)


@pytest.mark.parametrize("size", SIZES)
def test_plan_swedish(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")

    assert _run(snap_compare, _seeded(clock, "sv"), size, steps)
