"""Tests of the lock screen's check: a passphrase is checked against the header alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.errors import WrongPassphrase
from facilitator.vault import Vault
from facilitator.vault.keys import passphrase_checker
from tests.facilitator.vault.conftest import PASSPHRASE, file_hashes


def test_the_right_passphrase_passes_and_no_file_changes(vault_dir: Path) -> None:
    before = file_hashes(vault_dir)
    passphrase_checker(vault_dir)(PASSPHRASE)
    assert file_hashes(vault_dir) == before


def test_a_wrong_passphrase_is_refused(vault_dir: Path) -> None:
    with pytest.raises(WrongPassphrase):
        passphrase_checker(vault_dir)("not the passphrase")


def test_the_check_works_while_the_vault_is_open(vault_dir: Path) -> None:
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        passphrase_checker(vault_dir)(PASSPHRASE)
    finally:
        vault.close()
