"""Pilot tests of the sync preview and network screens with a fake SyncPort (no network)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.widgets import Button, DataTable, Input, ProgressBar, Static, TextArea

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError
from facilitator.session import Session
from screens.network import NetworkScreen
from screens.summary import SummaryScreen
from screens.sync_preview import SyncPreviewScreen
from sync.push import PushProgress, PushReport
from sync.stats import NetworkRow, ReleaseNote
from tests.facilitator.fixtures import sample_session
from tests.screens.helpers import settle
from tests.screens.run.harness import (
    MemoryVault,
    finished_session,
    make_services,
    screen_text,
)
from tests.screens.summary.harness import TranslatedApp
from tests.screens.sync.fakes import SID, FakeSync, FixedNetwork


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


def _app(screen: Callable[[], Any], port: FakeSync, language: str = "en") -> TranslatedApp:
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
        assert not app.screen.query(Input)  # nothing but the numbers shown can be sent
        await pilot.press("s")
        await settle(pilot)
        assert port.approved == [session.id] and port.pushed == 1
        assert app.screen.query_one("#progress", ProgressBar).progress == 1
        assert any("Sent 1" in line for line in app.announced)


async def test_approving_by_click_queues_the_previewed_session() -> None:
    port, session = FakeSync(), sample_session()
    app = _app(lambda: SyncPreviewScreen(session), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#approve", Button).disabled
        await pilot.click("#approve")
        await settle(pilot)
        assert port.approved == [session.id] and port.pushed == 0
        assert port.approved == [session.id]


async def test_network_view_shows_suppressed_cells_in_words_and_your_sessions() -> None:
    app = _app(NetworkScreen, FakeSync(), language="sv")
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cells", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert rows[0] == ["Resurser", "Personal", "2,40 ± 0,35", "6", "2,00 (1)"]
        assert rows[1][:4] == ["Resurser", "Chefer", "för få för att visas", "—"]
        text = " ".join(screen_text(app).split())
        assert "Ditt nätverk" in text
        assert "Siffror från publiceringen 2026-11-30." in text
        assert "färre än 5 samtal eller 3 organisationer visas inte" in text


async def test_network_view_shows_exact_figures_and_distributions_in_english() -> None:
    exact = ReleaseNote("2026-11-30", noise=False, min_sessions=5, min_organisations=3)
    rows = (
        NetworkRow("power-balance", "resources", "professionals", False, 2.4, None, 31, 6,
                   None, 0, release=exact),
        NetworkRow("psych-safety", "raising-problems", "professionals", False, None, None,
                   None, 9, None, 0, distribution=(0, 0, 0.1, 0.2, 0.3, 0.4, 0),
                   distribution_margin=0.12, release=exact),
    )  # fmt: skip
    app = _app(NetworkScreen, FixedNetwork(rows=rows))
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cells", DataTable)
        figures = [table.get_row_at(i)[2] for i in range(table.row_count)]
        assert figures == ["2.40", "mostly 6 (40 ± 12%)"]
        assert "this network adds no noise" in " ".join(screen_text(app).split())
        await pilot.click("#cells")
        await pilot.press("r")
        await settle(pilot)
        assert table.row_count == 2


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


async def test_share_without_a_server_says_how_to_set_it_up() -> None:
    port = FakeSync(set_up=False)
    app = _app(lambda: SummaryScreen(finished_session(FakeClock())), port)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SyncPreviewScreen)
        assert "facilitator sync config --server URL" in " ".join(screen_text(app).split())
        assert port.approved == []


async def test_share_without_a_server_in_swedish() -> None:
    port = FakeSync(set_up=False)
    app = _app(lambda: SummaryScreen(finished_session(FakeClock())), port, language="sv")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert "Delning med ett nätverk" in " ".join(screen_text(app).split())


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
