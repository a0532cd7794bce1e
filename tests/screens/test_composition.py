"""The composition root: the app's services from the command line and the saved settings."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from facilitator.cli.compose import build_services
from facilitator.cli.context import CliContext
from facilitator.cli.parsing import cli_language
from facilitator.errors import FacilitatorError
from facilitator.paths import Locations
from facilitator.vault import KdfParams, Vault


def test_the_app_and_the_command_line_pick_the_same_language(tmp_path: Path) -> None:
    """A settings file that never chose a language leaves it to the locale, in both."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("bell = false\n", encoding="utf-8")
    environ = {"LC_ALL": "sv_SE.UTF-8"}
    argv = ["--vault", str(tmp_path / "vault"), "--config", str(config)]
    args = argparse.Namespace(lang=None, plain=False, template=[])
    locations = Locations(vault=tmp_path / "vault", config=config)
    services = build_services(args, CliContext(args, locations, environ=environ))
    assert services.settings.language == cli_language(argv, environ) == "sv"
    assert services.settings.bell is False


def test_sync_is_offered_and_built_when_first_used(tmp_path: Path) -> None:
    """The app is told sync exists; the real service answers once a screen asks."""
    args = argparse.Namespace(lang="en", plain=False, template=[])
    locations = Locations(vault=tmp_path / "vault", config=tmp_path / "config")
    services = build_services(args, CliContext(args, locations, environ={}))
    assert services.sync is not None
    with pytest.raises(FacilitatorError) as locked:
        services.sync.configured()
    assert locked.value.text is not None and locked.value.text.key == "errors.sync.vault_locked"
    services.vault, _ = Vault.create(
        locations.vault, "correct horse battery", kdf=KdfParams.MINIMUM
    )
    try:
        assert services.sync.configured() is False
    finally:
        services.vault.close()
