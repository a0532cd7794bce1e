"""The app never shows an earlier save silently: a notice for the index, a question for a session."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from facilitator.cli.compose import build_services
from facilitator.cli.context import CliContext
from facilitator.clock import FakeClock
from facilitator.paths import Locations
from facilitator.vault import KdfParams, Vault
from facilitator.vocabulary import SessionStatus
from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.services import Services
from tests.facilitator.fixtures import sample_session
from tests.screens.conftest import PASSPHRASE
from tests.screens.helpers import started

SESSION = replace(sample_session(), status=SessionStatus.FINISHED)


def unlocked(tmp_path: Path, clock: FakeClock, damage: str) -> Services:
    """Services around a real vault whose `damage` file (session or index) was flipped."""
    directory = tmp_path / "vault"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=clock)
    vault.save_session(SESSION)
    vault.close()  # the index's earlier save lists the session too
    vault = Vault.unlock(directory, PASSPHRASE, clock=clock)
    vault.save_session(replace(SESSION, title="Ward 12 reflection, second save"))
    vault.close()
    if damage == "index":
        target = directory / "index.fcv"
    else:
        (target,) = (directory / "sessions").glob("*.fcv")
    raw = bytearray(target.read_bytes())
    raw[len(raw) // 2] ^= 1
    target.write_bytes(bytes(raw))
    args = argparse.Namespace(lang="en", plain=False, template=[])
    locations = Locations(vault=directory, config=tmp_path / "config")
    services = build_services(args, CliContext(args, locations, environ={}), clock)
    services.vault = Vault.unlock(directory, PASSPHRASE, clock=clock)
    return services


async def test_a_session_from_its_earlier_save_opens_only_after_a_question(
    tmp_path: Path, clock: FakeClock
) -> None:
    services = unlocked(tmp_path, clock, "session")
    try:
        async with started(services, "enter") as (app, pilot):
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.question
            assert question.startswith("warning: session 01234567 “Ward 12 reflection")
            assert "the save from 20" in question and "Open the earlier save?" in question
            await pilot.press("n")
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen)  # told once per file
            assert not isinstance(app.screen, HomeScreen)
    finally:
        assert services.vault is not None
        services.vault.close()


async def test_an_index_from_its_earlier_save_is_announced_on_home(
    tmp_path: Path, clock: FakeClock
) -> None:
    services = unlocked(tmp_path, clock, "index")
    try:
        async with started(services) as (app, _pilot):
            assert isinstance(app.screen, HomeScreen)
            warnings = [n.message for n in app._notifications]
            assert len(warnings) == 1
            assert warnings[0].startswith("warning: vault file index.fcv")
    finally:
        assert services.vault is not None
        services.vault.close()
    assert (tmp_path / "vault" / "index.fcv.damaged").exists() is False  # reading kept it as is
