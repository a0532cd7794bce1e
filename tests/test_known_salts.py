"""The suite's known salts: each test starts the same sequence, vaults within a test differ."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from facilitator.clock import FakeClock
from facilitator.vault import KdfParams, Vault
from facilitator.vault.header import read_header

PASSPHRASE = "correct horse battery staple"


def _made(directory: Path) -> Path:
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=FakeClock())
    vault.close()
    return directory


def test_vaults_made_in_one_test_keep_their_own_salt_id_and_keys(tmp_path: Path) -> None:
    first, second = read_header(_made(tmp_path / "a")), read_header(_made(tmp_path / "b"))
    assert first.salt != second.salt
    assert first.vault_id != second.vault_id
    assert first.recovery_salt != second.recovery_salt
    assert first.wrapped_by_passphrase != second.wrapped_by_passphrase
    Vault.unlock(tmp_path / "a", PASSPHRASE).close()
    Vault.unlock(tmp_path / "b", PASSPHRASE).close()


def test_a_restart_gives_the_first_salt_again_and_a_new_passphrase_a_new_salt(
    tmp_path: Path, restart_salts: Callable[[], None]
) -> None:
    first = read_header(_made(tmp_path / "a"))
    restart_salts()
    again = read_header(_made(tmp_path / "b"))
    assert again.salt == first.salt and again.vault_id != first.vault_id
    with Vault.unlock(tmp_path / "b", PASSPHRASE) as vault:
        vault.change_passphrase("another passphrase entirely", KdfParams.MINIMUM)
    changed = read_header(tmp_path / "b")
    assert changed.salt not in (first.salt, again.salt)
    Vault.unlock(tmp_path / "b", "another passphrase entirely").close()
