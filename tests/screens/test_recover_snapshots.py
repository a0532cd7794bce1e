"""Snapshot tests of the recovery-key screen at 100x30 and 80x24: filled in, and after a wrong key."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.clock import FakeClock
from screens.factory import make_app
from tests.screens.conftest import make_services
from tests.screens.helpers import settle
from tests.screens.test_snapshots import SIZES, _run


async def _open_recovery(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+r")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_recover(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await _open_recovery(pilot)
        pilot.app.screen.query_one("#recovery-input", Input).value = "ABCD EFGH"
        await pilot.press("enter", *"meadow lantern")

    assert _run(snap_compare, make_app(make_services(clock)), size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_recover_wrong_key(snap_compare: Any, clock: FakeClock, size: tuple[int, int]) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await _open_recovery(pilot)
        screen = pilot.app.screen
        screen.query_one("#recovery-input", Input).value = "ABCD EFGH"
        for field in ("#passphrase", "#again"):
            screen.query_one(field, Input).value = "lantern meadow copper violin"
        await pilot.press("enter")

    assert _run(snap_compare, make_app(make_services(clock)), size, steps)
