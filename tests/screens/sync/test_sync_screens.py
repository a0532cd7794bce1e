"""Pilot tests of the sync preview and network screens with a fake SyncPort (no network)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.widgets import Button, DataTable, ProgressBar, Static, TextArea

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError
from facilitator.session import Session
from screens.network import NetworkScreen
from screens.summary import SummaryScreen
from screens.sync_preview import SyncPreviewScreen
from sync.push import PushProgress, PushReport
from tests.facilitator.fixtures import sample_session
from tests.screens.helpers import settle, type_text
from tests.screens.run.harness import (
    MemoryVault,
    finished_session,
    make_services,
    screen_text,
)
from tests.screens.summary.harness import TranslatedApp, notices
from tests.screens.sync.fakes import SID, FakeSync


@dataclass
class QueueingSync(FakeSync):
    """Queues the previewed bytes on approval and 'sends' the queue in two steps, as sync does."""

    queue: list[bytes] = field(default_factory=list)
    sent: list[bytes] = field(default_factory=list)
    push_threads: list[str] = field(default_factory=list)

    def approve(self, session: Session) -> Any:
        super().approve(session)
        self.queue.append(self.preview(session))

    def push(self, progress: Callable[[Any], None] | None = None) -> PushReport:
        self.push_threads.append(threading.current_thread().name)
        total = len(self.queue) + 1
        for done, body in enumerate(self.queue, start=1):
            if progress:
                progress(PushProgress(done, total, SID, "sent"))
            self.sent.append(body)
        if progress:
            progress(PushProgress(total, total, "other", "sent"))
        self.queue.clear()
        return PushReport(sent=(SID, "other"))


def _app(screen: Callable[[], Any], port: FakeSync | None, language: str = "en") -> TranslatedApp:
    services = make_services(MemoryVault(), FakeClock(), language=language)
    services.sync = port
    return TranslatedApp(services, screen)


async def test_preview_shows_the_exact_payload_and_sends_with_progress() -> None:
    port, session = FakeSync(), sample_session()
    app = _app(lambda: SyncPreviewScreen(session), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one("#payload", TextArea).text
        assert shown.encode("utf-8") == port.preview(session)
        assert "This network does not accept quotes; only the numbers above are shared." in (
            " ".join(screen_text(app).split())
        )
        assert not app.screen.query_one("#quote").display
        await pilot.press("s")
        await settle(pilot)
        assert port.approved == [session.id] and port.pushed == 1
        assert app.screen.query_one("#progress", ProgressBar).progress == 1
        assert any("Sent 1" in line for line in app.announced)


async def test_an_identifying_quote_blocks_approval_until_edited() -> None:
    port, session = FakeSync(quotes=True), sample_session()
    app = _app(lambda: SyncPreviewScreen(session), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#quotes-note").display
        app.screen.query_one("#quote").focus()
        await type_text(pilot, "Ring Anna")
        await settle(pilot)
        assert app.screen.query_one("#approve", Button).disabled
        assert app.screen.query_one("#send", Button).disabled
        assert "Blocked" in screen_text(app) and "name" in screen_text(app)
        await pilot.click("#approve")
        await settle(pilot)
        assert port.approved == []
        await pilot.press(*["backspace"] * 4)
        await settle(pilot)
        assert not app.screen.query_one("#approve", Button).disabled
        assert "Blocked" not in screen_text(app)
        await pilot.click("#approve")
        await settle(pilot)
        assert port.approved == [session.id]


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
        assert rows[0] == ["Resurser", "Personal", "2,40 ± 0,80", "31", "2,00 (1)"]
        assert rows[1][:4] == ["Resurser", "Chefer", "dold", "—"]
        assert "Ditt nätverk" in screen_text(app)


async def test_the_bytes_sent_are_the_bytes_shown_and_push_runs_in_a_worker() -> None:
    port, session = QueueingSync(), sample_session()
    app = _app(lambda: SyncPreviewScreen(session), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = app.screen.query_one("#payload", TextArea).text.encode("utf-8")
        await pilot.press("s")
        await settle(pilot)
        assert port.sent == [shown]
        assert port.push_threads and port.push_threads[0] != threading.main_thread().name
        bar = app.screen.query_one("#progress", ProgressBar)
        assert (bar.progress, bar.total) == (2, 2)
        assert any("Sent 2; 0 still queued." in line for line in app.announced)


async def test_share_from_the_summary_opens_the_preview_of_that_session() -> None:
    port, session = FakeSync(), finished_session(FakeClock())
    app = _app(lambda: SummaryScreen(session), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SyncPreviewScreen) and app.screen.session is session
        shown = app.screen.query_one("#payload", TextArea).text
        assert shown.encode("utf-8") == port.preview(session)
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)


async def test_share_without_sync_says_how_to_set_it_up() -> None:
    app = _app(lambda: SummaryScreen(finished_session(FakeClock())), None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert any("facilitator sync config --server URL" in n for n in notices(app))


async def test_share_without_sync_in_swedish() -> None:
    app = _app(lambda: SummaryScreen(finished_session(FakeClock())), None, language="sv")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert any(n.startswith("Delning med ett nätverk") for n in notices(app))


class UnconfiguredSync(FakeSync):
    """A port whose server is not set: every network call refuses in one line."""

    def stats(self) -> Any:
        raise FacilitatorError("sync is not set up: run `facilitator sync config --server URL`")


async def test_network_shows_a_port_failure_in_one_line() -> None:
    app = _app(NetworkScreen, UnconfiguredSync())
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert status == "sync is not set up: run `facilitator sync config --server URL`"
