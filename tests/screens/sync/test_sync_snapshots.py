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
from tests.screens.sync.fakes import RELEASE, FakeSync

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]


@dataclass
class MixedNetwork(FakeSync):
    """A network with noisy cells, suppressed ones, a distribution, and cells without yours."""

    def stats(self) -> Sequence[NetworkRow]:
        pb, ps, r = "power-balance", "psych-safety", RELEASE
        return (
            NetworkRow(pb, "resources", "professionals", False, 2.4, None, None, 31, 2.0, 1,
                       mean_margin=0.35, release=r),
            NetworkRow(pb, "resources", "users_relatives", False, 3.1, None, None, 18, 3.5, 1,
                       mean_margin=0.62, release=r),
            NetworkRow(pb, "resources", "managers", True, None, None, None, None, None, 0,
                       release=r),
            NetworkRow(pb, "attitudes", "professionals", False, 2.9, None, None, 28, None, 0,
                       mean_margin=0.41, release=r),
            NetworkRow(pb, "attitudes", "users_relatives", True, None, None, None, None, 4.0, 1,
                       release=r),
            NetworkRow(pb, "perceptions", None, False, 3.0, None, None, 52, 2.7, 1,
                       mean_margin=0.22, release=r),
            NetworkRow(ps, "raising-problems", "professionals", False, None, None, None, 24,
                       None, 0, distribution=(0, 0.05, 0.1, 0.15, 0.2, 0.35, 0.15),
                       distribution_margin=0.08, release=r),
        )  # fmt: skip


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


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("size", SIZES)
def test_network(snap_compare: Any, size: tuple[int, int], language: str) -> None:
    app = _app(NetworkScreen, MixedNetwork(), language)
    assert snap_compare(app, terminal_size=size, run_before=_settled)
