"""Sync screens when sync is not set up (no server or token in the vault).

The real SyncService runs over an in-memory vault with no sync settings; its client factory
fails the test if anything tries to reach a network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from textual.widgets import DataTable, TextArea

from facilitator.clock import FakeClock
from facilitator.session import Session
from facilitator.vault import Vault
from screens.home import HomeScreen
from screens.network import NetworkScreen
from screens.summary import SummaryScreen
from screens.sync_preview import SyncPreviewScreen
from sync.client import SyncClient
from sync.service import SyncService
from sync.settings import SyncSettings
from tests.facilitator.fixtures import sample_session
from tests.screens.conftest import seeded
from tests.screens.helpers import settle, started
from tests.screens.run.harness import MemoryVault, finished_session, make_services, screen_text
from tests.screens.summary.harness import TranslatedApp, notices
from tests.screens.sync.fakes import FakeSync

HOW_EN = "`facilitator sync config --server URL --token-file FILE`"


def _no_network(settings: SyncSettings) -> SyncClient:
    raise AssertionError(f"no client may be built while sync is not set up: {settings!r}")


def _real_service(clock: FakeClock) -> tuple[SyncService, Vault]:
    vault = Vault.in_memory(clock=clock)
    return SyncService(lambda: vault, clock, _no_network), vault


def _app(screen: Callable[[], Any], port: Any, language: str = "en") -> TranslatedApp:
    services = make_services(MemoryVault(), FakeClock(), language=language)
    services.sync = port
    return TranslatedApp(services, screen)


def _flat(app: Any) -> str:
    return " ".join(screen_text(app).split())


async def test_real_service_preview_shows_the_payload_but_approving_says_how_to_set_up() -> None:
    clock = FakeClock()
    service, _ = _real_service(clock)
    session = sample_session()
    app = _app(lambda: SyncPreviewScreen(session), service)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one("#payload", TextArea).text.encode("utf-8")
        assert shown == service.preview(session)
        for key in ("a", "s"):
            app.announced.clear()
            await pilot.press(key)
            await settle(pilot)
            assert app.announced[-1].startswith("Sharing with a network is not set up.")
            assert HOW_EN in app.announced[-1]
        assert not service.outbox().queued


async def test_fake_port_not_set_up_never_approves_in_swedish() -> None:
    port = FakeSync(set_up=False)
    app = _app(lambda: SyncPreviewScreen(sample_session()), port, language="sv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query("Input")
        await pilot.press("s")
        await settle(pilot)
        assert port.approved == [] and port.pushed == 0
        assert app.announced[-1].startswith("Delning med ett nätverk är inte inställd.")


async def test_summary_share_opens_the_preview_even_when_sync_is_not_set_up() -> None:
    clock = FakeClock()
    service, _ = _real_service(clock)
    session = finished_session(clock)
    app = _app(lambda: SummaryScreen(session), service)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SyncPreviewScreen)
        assert "Sharing with a network is not set up." in _flat(app)


async def test_network_screen_with_the_real_service_not_set_up_says_how() -> None:
    service, _ = _real_service(FakeClock())
    app = _app(NetworkScreen, service)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#cells", DataTable).row_count == 0
        assert HOW_EN in _flat(app)


@pytest.mark.parametrize("port", ["real service", "fake port"])
async def test_home_network_key_checks_that_sync_is_set_up_before_opening(
    clock: FakeClock, port: str
) -> None:
    services = seeded(clock)
    real = SyncService(lambda: services.vault, clock, _no_network)  # type: ignore[arg-type]
    services.sync = real if port == "real service" else FakeSync(set_up=False)
    async with started(services, "w") as (app, _pilot):
        assert isinstance(app.screen, HomeScreen)
        [notice] = notices(app)
        assert notice.startswith("Sharing with a network is not set up.") and HOW_EN in notice


@dataclass
class SlowPreview(FakeSync):
    """Holds the preview until the test releases it."""

    release: threading.Event = field(default_factory=threading.Event)

    def preview(self, session: Session) -> bytes:
        self.release.wait(timeout=5)
        return super().preview(session)


async def test_nothing_is_approved_before_the_payload_is_shown() -> None:
    port = SlowPreview()
    app = _app(lambda: SyncPreviewScreen(sample_session()), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", "s")
        await pilot.pause()
        assert port.approved == [] and not app.announced
        port.release.set()
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert port.approved == [sample_session().id]
