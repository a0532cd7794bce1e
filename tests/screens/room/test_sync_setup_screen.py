"""Sync set-up from the app: server, token file and region with one-line errors, and withdrawal
of a shared summary; the real SyncService over the vault, with no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Select

from facilitator.clock import FakeClock
from screens.i18n import ui_translator
from screens.settings_screen import SettingsScreen
from screens.sync_setup import SyncSetupScreen
from sync.service import SyncService
from sync.settings import SyncSettings
from tests.screens.conftest import seed, seeded
from tests.screens.helpers import settle, started
from tests.screens.run.harness import screen_text


class NoNetwork:
    """Stands in for the client: records deletions, answers that the server had the summary."""

    def __init__(self) -> None:
        self.deleted: list[str] = []

    def delete_summary(self, summary_id: str) -> bool:
        self.deleted.append(summary_id)
        return True

    def close(self) -> None:
        pass


def with_sync(clock: FakeClock, language: str = "en") -> tuple[Any, SyncService, NoNetwork]:
    services = seeded(clock, language=language)
    client = NoNetwork()
    service = SyncService(lambda: services.vault, clock, lambda settings: client)  # type: ignore[arg-type,return-value]
    services.sync = service
    return services, service, client


async def type_into(pilot: Any, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = ""
    await pilot.click(selector)
    await pilot.press(*text)


async def test_set_up_by_buttons_with_one_line_errors(clock: FakeClock, tmp_path: Path) -> None:
    services, service, _ = with_sync(clock)
    token = tmp_path / "token.txt"
    token.write_text("tok-123\n", encoding="utf-8")
    async with started(services, "s") as (app, pilot):
        assert isinstance(app.screen, SettingsScreen)
        await pilot.click("#sync-setup")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SyncSetupScreen)
        assert "server not set · token not set" in screen_text(app)
        await type_into(pilot, "#server", "http://sync.example.org")
        await pilot.click("#save")
        await settle(pilot)
        status = str(screen.query_one("#sync-status").render())
        assert "https" in status and "\n" not in status.strip()
        assert not service.settings().configured
        await type_into(pilot, "#server", "https://sync.example.org")
        await type_into(pilot, "#token-file", str(tmp_path / "missing.txt"))
        await pilot.click("#save")
        await settle(pilot)
        assert "cannot read the token file" in str(screen.query_one("#sync-status").render())
        screen.query_one("#token-file", Input).value = str(token)
        screen.query_one("#region", Select).value = "SE-F"
        await pilot.click("#save")
        await settle(pilot)
        assert service.settings() == SyncSettings("https://sync.example.org", "tok-123", "SE-F")
        text = screen_text(app)
        assert "server https://sync.example.org · token set · region SE-F" in text
        assert "tok-123" not in text
        await pilot.click("#close")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


async def test_withdraw_a_queued_and_a_sent_summary(clock: FakeClock) -> None:
    services, service, client = with_sync(clock)
    sessions = [services.vault.load_session(s.id) for s in services.vault.list_sessions()]
    queued = service.approve(sessions[0])
    sent = service.approve(sessions[1])
    from facilitator.outbox import load_outbox, save_outbox

    save_outbox(services.vault, load_outbox(services.vault).sent(sent.summary_id, clock.now()))
    async with started(services, "s", "ctrl+y") as (app, pilot):
        screen = app.screen
        assert isinstance(screen, SyncSetupScreen)
        shared = screen.query_one("#shared", OptionList)
        assert shared.option_count == 2
        assert "Waiting to be sent" in screen_text(app) and "Sent ·" in screen_text(app)
        shared.highlighted = next(
            i for i in range(2) if shared.get_option_at_index(i).id == queued.summary_id
        )
        await pilot.click("#withdraw")
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert "removed from the queue; it was never sent" in screen_text(app)
        assert shared.option_count == 1
        shared.highlighted = 0
        await pilot.press("tab")  # the key path: focus moves on, the button still works
        await pilot.click("#withdraw")
        await pilot.press("y")
        await settle(pilot)
        assert client.deleted == [sent.summary_id]
        assert "Nothing shared yet." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


async def test_with_nothing_set_up_the_set_up_screen_says_so(clock: FakeClock) -> None:
    services = seeded(clock, language="sv")  # sync as on a fresh install: no server, no token
    async with started(services, "s") as (app, pilot):
        await pilot.click("#sync-setup")
        await settle(pilot)
        assert isinstance(app.screen, SyncSetupScreen)
        assert ui_translator("sv").t("sync_setup.not_set") in screen_text(app)


__all__ = ["seed"]
