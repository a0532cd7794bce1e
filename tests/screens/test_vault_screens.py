"""Pilot tests of the first run (create vault, recovery key), unlocking, and recovering with the key."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from facilitator.cli.compose import build_services
from facilitator.cli.context import CliContext
from facilitator.clock import FakeClock
from facilitator.errors import WrongPassphrase
from facilitator.paths import Locations
from facilitator.vault import KdfParams, Vault
from screens.app import FacilitatorApp
from screens.create_vault import CreateVaultScreen, RecoveryKeyScreen
from screens.home import HomeScreen
from screens.recover import RecoverScreen
from screens.services import Services
from screens.unlock import UnlockScreen
from tests.screens.conftest import PASSPHRASE, make_services
from tests.screens.fakes import MEMORY_RECOVERY_KEY
from tests.screens.helpers import settle, started, type_text


async def test_first_run_creates_vault_and_shows_recovery_key_once(clock: FakeClock) -> None:
    services = make_services(clock, exists=False)
    async with started(services) as (app, pilot):
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


async def test_wrong_passphrase_says_so_then_retry_opens(services: Services) -> None:
    async with started(services) as (app, pilot):
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


NEW = "lantern meadow copper violin"


async def _type_new_passphrase(pilot: Pilot[None], first: str, second: str) -> None:
    await type_text(pilot, first)
    await pilot.press("enter")
    await type_text(pilot, second)
    await pilot.press("enter")
    await settle(pilot)


def _status(app: FacilitatorApp) -> str:
    return str(app.screen.query_one("#status", Label).content)


async def test_recovery_key_sets_a_new_passphrase_in_a_real_vault(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KdfParams, "calibrate", classmethod(lambda cls, *_: cls.MINIMUM))
    directory = tmp_path / "vault"
    vault, recovery_key = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    vault.close()
    args = argparse.Namespace(lang="en", plain=False, template=[])
    locations = Locations(vault=directory, config=tmp_path / "config")
    services = build_services(args, CliContext(args, locations, environ={}), clock)
    async with started(services) as (app, pilot):
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, RecoverScreen)
        key_field = app.screen.query_one("#recovery-input", Input)
        assert key_field.has_focus and key_field.password
        await type_text(pilot, recovery_key.lower().replace("-", " "))  # case and dashes ignored
        await pilot.press("enter")
        await _type_new_passphrase(pilot, NEW, NEW)
        assert isinstance(app.screen, HomeScreen)
        assert services.vault is not None
        assert any("Passphrase changed" in line for line in app.announcements)
    services.vault.close()
    Vault.unlock(directory, NEW, clock=clock).close()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE, clock=clock)


async def test_wrong_recovery_key_says_so_and_a_retry_keeps_the_new_passphrase(
    services: Services,
) -> None:
    async with started(services) as (app, pilot):
        await pilot.click("#forgot")
        await settle(pilot)
        assert isinstance(app.screen, RecoverScreen)
        await type_text(pilot, "ABCD-EFGH-JKMN-PQRS")
        await pilot.press("enter")
        await _type_new_passphrase(pilot, NEW, NEW)
        assert isinstance(app.screen, RecoverScreen)
        assert "recovery key does not open" in _status(app)
        assert "\n" not in _status(app)
        key_field = app.screen.query_one("#recovery-input", Input)
        assert key_field.value == "" and key_field.has_focus and not key_field.disabled
        assert services.vault is None
        await type_text(pilot, MEMORY_RECOVERY_KEY)
        await pilot.press("enter")  # the new passphrase is still typed in: try again at once
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    services.unlock_vault(NEW)
    with pytest.raises(WrongPassphrase):
        services.unlock_vault(PASSPHRASE)


async def test_recovery_refuses_mismatched_new_passphrases(services: Services) -> None:
    async with started(services, "ctrl+r") as (app, pilot):
        await type_text(pilot, MEMORY_RECOVERY_KEY)
        await pilot.press("enter")
        await _type_new_passphrase(pilot, NEW, "lantern meadow copper viola")
        assert isinstance(app.screen, RecoverScreen)
        assert "differ" in _status(app)
        again = app.screen.query_one("#again", Input)
        assert again.value == "" and again.has_focus
        assert services.vault is None
    services.unlock_vault(PASSPHRASE)  # nothing changed


async def test_recovery_refuses_a_too_short_passphrase_with_the_creation_hint(
    services: Services,
) -> None:
    async with started(services, "ctrl+r") as (app, pilot):
        await type_text(pilot, MEMORY_RECOVERY_KEY)
        await pilot.press("enter")
        await type_text(pilot, "abcdefgh")
        assert "weak" in str(app.screen.query_one("#strength", Label).content)
        app.screen.query_one("#passphrase", Input).value = ""
        await _type_new_passphrase(pilot, "short", "short")
        assert "too short" in str(app.screen.query_one("#strength", Label).content)
        assert "too short" in _status(app)
        assert app.screen.query_one("#passphrase", Input).has_focus
        assert services.vault is None
    services.unlock_vault(PASSPHRASE)


async def test_escape_goes_back_to_the_passphrase_prompt(services: Services) -> None:
    async with started(services, "ctrl+r") as (app, pilot):
        assert isinstance(app.screen, RecoverScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        # The prompt is the bottom of the stack (no blank default screen under it): nothing
        # piles up.
        assert app.screen_stack == [app.screen]
