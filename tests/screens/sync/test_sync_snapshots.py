"""Snapshot tests of the sync preview and network screens at 100x30 and 80x24 (fixed data)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.clock import FakeClock
from screens.network import NetworkScreen
from screens.sync_preview import SyncPreviewScreen
from sync.stats import NetworkRow
from tests.facilitator.fixtures import sample_session
from tests.screens.helpers import settle
from tests.screens.run.harness import MemoryVault, make_services
from tests.screens.summary.harness import TranslatedApp
from tests.screens.sync.fakes import FakeSync

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]


@dataclass
class MixedNetwork(FakeSync):
    """A network with normal cells, suppressed ones and cells the facilitator has no share in."""

    def stats(self) -> Sequence[NetworkRow]:
        pb = "power-balance"
        return (
            NetworkRow(pb, "resources", "professionals", False, 2.4, 0.8, 31, 6, 2.0, 1),
            NetworkRow(pb, "resources", "users_relatives", False, 3.1, 1.1, 18, 5, 3.5, 1),
            NetworkRow(pb, "resources", "managers", True, None, None, None, None, None, 0),
            NetworkRow(pb, "attitudes", "professionals", False, 2.9, 0.6, 28, 6, None, 0),
            NetworkRow(pb, "attitudes", "users_relatives", True, None, None, None, None, 4.0, 1),
            NetworkRow(pb, "perceptions", None, False, 3.0, 0.9, 52, 7, 2.7, 1),
        )


def _app(screen: Callable[[], Any], port: FakeSync, language: str = "en") -> TranslatedApp:
    services = make_services(MemoryVault(), FakeClock(), language=language)
    services.sync = port
    return TranslatedApp(services, screen)


async def _settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_sync_preview(snap_compare: Any, size: tuple[int, int]) -> None:
    session = sample_session()
    app = _app(lambda: SyncPreviewScreen(session), FakeSync())
    assert snap_compare(app, terminal_size=size, run_before=_settled)


@pytest.mark.parametrize("size", SIZES)
def test_network(snap_compare: Any, size: tuple[int, int]) -> None:
    app = _app(NetworkScreen, MixedNetwork())
    assert snap_compare(app, terminal_size=size, run_before=_settled)
