"""Pilot tests of the first run (create vault, recovery key) and of unlocking after a typo."""

from __future__ import annotations

from textual.widgets import Input, Label

from facilitator.clock import FakeClock
from screens.create_vault import CreateVaultScreen, RecoveryKeyScreen
from screens.factory import make_app
from screens.home import HomeScreen
from screens.unlock import UnlockScreen
from tests.screens.conftest import PASSPHRASE, make_services
from tests.screens.helpers import settle, type_text


async def test_first_run_creates_vault_and_shows_recovery_key_once(clock: FakeClock) -> None:
    services = make_services(clock, exists=False)
    app = make_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, CreateVaultScreen)
        await type_text(pilot, "short")
        assert "too short" in str(app.screen.query_one("#strength", Label).content)
        app.screen.query_one("#passphrase", Input).value = ""
        await type_text(pilot, PASSPHRASE)
        assert "strong" in str(app.screen.query_one("#strength", Label).content)
        await pilot.press("enter")
        await type_text(pilot, "correct horse battery stable")
        await pilot.press("enter")
        await settle(pilot)
        assert "differ" in str(app.screen.query_one("#status", Label).content)
        assert services.vault is None
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryKeyScreen)
        assert services.vault is not None
        await pilot.press("ctrl+s")  # not yet confirmed: stays
        assert isinstance(app.screen, RecoveryKeyScreen)
        await pilot.press("space")  # tick "I have saved the recovery key"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_wrong_passphrase_says_so_then_retry_opens(services: object) -> None:
    app = make_app(services)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await type_text(pilot, "not the passphrase")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        status = str(app.screen.query_one("#status", Label).content)
        assert "does not open" in status
        field = app.screen.query_one("#passphrase", Input)
        assert field.value == "" and field.has_focus and not field.disabled
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
