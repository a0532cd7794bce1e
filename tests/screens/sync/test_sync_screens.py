"""Pilot tests of the sync preview and network screens with a fake SyncPort (no network)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual.widgets import Button, DataTable, ProgressBar, TextArea

from facilitator.anonymize import build_summary, payload_bytes
from facilitator.clock import FakeClock
from facilitator.session import Session
from screens.i18n import ui_translator
from screens.network import NetworkScreen
from screens.sync_preview import SyncPreviewScreen
from sync.push import PushProgress, PushReport
from sync.stats import NetworkRow
from tests.facilitator.fixtures import sample_session
from tests.screens.helpers import settle, type_text
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services, screen_text

SID = "9b2f0c1e-2f0a-4e8e-9a57-0c7e3a1d2b44"


@dataclass
class FakeSync:
    """Records calls; previews the real payload bytes of the session."""

    approved: list[str] = field(default_factory=list)
    pushed: int = 0

    def preview(self, session: Session) -> bytes:
        return payload_bytes(build_summary(session, region="SE-F", summary_id=SID))

    def approve(self, session: Session) -> Any:
        self.approved.append(session.id)

    def push(self, progress: Callable[[Any], None] | None = None) -> PushReport:
        self.pushed += 1
        if progress:
            progress(PushProgress(1, 1, SID, "sent"))
        return PushReport(sent=(SID,))

    def stats(self) -> Sequence[NetworkRow]:
        return (
            NetworkRow(
                "power-balance", "resources", "professionals", False, 2.4, 0.8, 31, 6, 2.0, 1
            ),
            NetworkRow(
                "power-balance", "resources", "managers", True, None, None, None, None, None, 0
            ),
        )

    def quotes_allowed(self) -> bool:
        return False


class SyncApp(ScreenApp):
    """ScreenApp with the translator the app screens expect."""

    def __init__(self, services: Any, screen: Callable[[], Any]) -> None:
        super().__init__(services, screen)
        self.translator = ui_translator(services.settings.language)


def _app(screen: Callable[[], Any], port: FakeSync | None, language: str = "en") -> SyncApp:
    services = make_services(MemoryVault(), FakeClock(), language=language)
    services.sync = port
    return SyncApp(services, screen)


async def test_preview_shows_the_exact_payload_and_sends_with_progress() -> None:
    port, session = FakeSync(), sample_session()
    app = _app(lambda: SyncPreviewScreen(session), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one("#payload", TextArea).text
        assert shown.encode("utf-8") == port.preview(session)
        assert "Quotes are not shared by this network" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert port.approved == [session.id] and port.pushed == 1
        assert app.screen.query_one("#progress", ProgressBar).progress == 1
        assert any("Sent 1" in line for line in app.announced)


async def test_an_identifying_quote_blocks_approval_until_edited() -> None:
    port = FakeSync()
    app = _app(lambda: SyncPreviewScreen(sample_session()), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#quote").focus()
        await type_text(pilot, "Ring Anna")
        await settle(pilot)
        assert app.screen.query_one("#approve", Button).disabled
        assert "Blocked" in screen_text(app) and "name" in screen_text(app)
        await pilot.press(*["backspace"] * 4)
        await settle(pilot)
        assert not app.screen.query_one("#approve", Button).disabled


async def test_preview_without_sync_says_so() -> None:
    app = _app(lambda: SyncPreviewScreen(sample_session()), None)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "not available" in screen_text(app)


async def test_network_view_shows_suppressed_cells_in_words_and_your_sessions() -> None:
    app = _app(NetworkScreen, FakeSync(), language="sv")
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cells", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert rows[0] == ["resources", "professionals", "2.40 ± 0.80", "31", "2.00 (1)"]
        assert rows[1][2] == "dold" and rows[1][3] == "—"
        assert "Ditt nätverk" in screen_text(app)
