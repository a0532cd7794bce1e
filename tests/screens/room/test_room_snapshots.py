"""Snapshots of the presenter view (running and paused) at 100x30 and 80x24, English and Swedish."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from screens.run import RunScreen
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services, planned_session

SIZES = [(100, 30), (80, 24)]
LANGUAGES = ["en", "sv"]


def presenter_app(clock: FakeClock, language: str) -> ScreenApp:
    session = planned_session(clock, language)
    services = make_services(MemoryVault(), clock, language=language)
    return ScreenApp(services, lambda: RunScreen(session))


async def _presenter(pilot: Any, clock: FakeClock, running: bool) -> None:
    await pilot.press("f9", "f2", "space")
    clock.advance(7 * 60 + 25)
    if not running:
        await pilot.press("space")
    pilot.app.screen.tick()
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("running", [True, False], ids=["running", "paused"])
def test_presenter(snap_compare: Any, size: tuple[int, int], language: str, running: bool) -> None:
    clock = FakeClock()
    assert snap_compare(
        presenter_app(clock, language),
        terminal_size=size,
        run_before=lambda pilot: _presenter(pilot, clock, running),
    )


def _services(clock: FakeClock, language: str, plain: bool = False) -> Any:
    from sync.service import SyncService
    from tests.screens.conftest import seeded

    services = seeded(clock, language=language, plain=plain)

    def no_client(settings: Any) -> Any:
        raise AssertionError("the snapshot must not reach a network")

    services.sync = SyncService(lambda: services.vault, clock, no_client)
    return services


async def _settled(pilot: Any) -> None:
    from tests.screens.helpers import settle

    await settle(pilot)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("plain", [False, True], ids=["normal", "plain"])
def test_settings(snap_compare: Any, size: tuple[int, int], language: str, plain: bool) -> None:
    from datetime import UTC, datetime

    from screens.factory import make_app

    clock = FakeClock(wall=datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    app = make_app(_services(clock, language, plain))
    assert snap_compare(app, terminal_size=size, press=["s"], run_before=_settled)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_sync_setup(snap_compare: Any, size: tuple[int, int], language: str) -> None:
    from datetime import UTC, datetime

    from screens.factory import make_app

    clock = FakeClock(wall=datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    services = _services(clock, language)
    sessions = [services.vault.load_session(s.id) for s in services.vault.list_sessions()]
    services.sync.approve(sessions[0])

    async def open_setup(pilot: Any) -> None:
        await _settled(pilot)
        await pilot.press("s")
        await _settled(pilot)
        await pilot.press("ctrl+y")
        await _settled(pilot)

    app = make_app(services)
    assert snap_compare(app, terminal_size=size, run_before=open_setup)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_home_plain(snap_compare: Any, size: tuple[int, int], language: str) -> None:
    from datetime import UTC, datetime

    from screens.factory import make_app

    clock = FakeClock(wall=datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    app = make_app(_services(clock, language, plain=True))
    assert snap_compare(app, terminal_size=size, press=["down"], run_before=_settled)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_network_plain(snap_compare: Any, size: tuple[int, int], language: str) -> None:
    from datetime import UTC, datetime

    from screens.factory import make_app
    from tests.screens.conftest import seeded
    from tests.screens.sync.fakes import FakeSync

    clock = FakeClock(wall=datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    services = seeded(clock, language=language, plain=True)
    services.sync = FakeSync()

    async def open_network(pilot: Any) -> None:
        await _settled(pilot)
        await pilot.press("w")
        await _settled(pilot)
        pilot.app.screen.query_one("#cells").focus()
        await pilot.press("down")
        await _settled(pilot)

    assert snap_compare(make_app(services), terminal_size=size, run_before=open_network)
