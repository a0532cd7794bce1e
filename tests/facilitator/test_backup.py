"""Encrypted backup and restore: round trip, passphrase and recovery key, damage refused."""

from __future__ import annotations

import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from facilitator.backup import (
    BackupDamaged,
    Credentials,
    create_backup,
    install_backup,
    verify_backup,
)
from facilitator.clock import FakeClock
from facilitator.errors import VaultExists, WrongPassphrase
from facilitator.vault import KdfParams, Vault
from facilitator.vault.files import ExportRefused
from tests.facilitator.reports.fixtures import make_session

PASSPHRASE = "correct horse battery staple"


def restore_backup(
    source: Path, credentials: Credentials, target: Path, *, replace: bool = False
) -> int:
    """Verify then install, the two steps `facilitator restore` takes."""
    return install_backup(verify_backup(source, credentials), target, replace=replace)


@dataclass(frozen=True)
class Made:
    """A small vault on disk with two sessions, a document and its backup."""

    vault: Path
    recovery: str
    backup: Path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    root = tmp_path_factory.mktemp("backup")
    directory = root / "vault"
    vault, recovery = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=FakeClock())
    with vault:
        vault.save_session(make_session("en", session_id="s0001"))
        vault.save_session(make_session("sv", session_id="s0002"))
        vault.save_document("settings", {"language": "sv"})
    backup = root / "vault.fcvbak"
    create_backup(directory, Credentials(passphrase=PASSPHRASE), backup)
    return Made(directory, recovery, backup)


def _contents(directory: Path, credentials: Credentials) -> tuple[object, ...]:
    if credentials.recovery_key:
        vault = Vault.unlock_with_recovery_key(directory, credentials.recovery_key)
    else:
        vault = Vault.unlock(directory, credentials.passphrase or "")
    with vault:
        return (
            sorted((s.id, s.title) for s in vault.list_sessions()),
            vault.load_session("s0001"),
            vault.load_session("s0002"),
            vault.load_document("settings"),
            vault.check(),
        )


def test_backup_is_one_private_file_without_plaintext(made: Made) -> None:
    assert stat.S_IMODE(made.backup.stat().st_mode) == 0o600
    data = made.backup.read_bytes()
    for secret in ("Autumn reflection", "Esther", "Höstens", "settings"):
        assert secret.encode() not in data


@pytest.mark.parametrize("by", ["passphrase", "recovery"])
def test_round_trip_restores_identical_sessions(made: Made, tmp_path: Path, by: str) -> None:
    credentials = (
        Credentials(passphrase=PASSPHRASE)
        if by == "passphrase"
        else Credentials(recovery_key=made.recovery)
    )
    target = tmp_path / "restored"
    restore_backup(made.backup, credentials, target)
    assert _contents(target, credentials) == _contents(made.vault, credentials)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["restored"]


def test_wrong_passphrase_restores_nothing(made: Made, tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        restore_backup(made.backup, Credentials(passphrase="not the passphrase"), tmp_path / "v")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "damage",
    ["flip-header", "flip-manifest", "flip-part", "flip-last", "truncate", "append", "empty"],
)
def test_damaged_backup_is_refused_and_nothing_restored(
    made: Made, tmp_path: Path, damage: str
) -> None:
    data = bytearray(made.backup.read_bytes())
    header_end = 13 + int.from_bytes(data[9:13], "big")
    positions = {
        "flip-header": 40,
        "flip-manifest": header_end + 20,
        "flip-part": len(data) // 2 + 100,
        "flip-last": len(data) - 1,
    }
    if damage in positions:
        data[positions[damage]] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) - 7]
    elif damage == "append":
        data += b"extra"
    else:
        data = bytearray()
    broken = tmp_path / "broken.fcvbak"
    broken.write_bytes(bytes(data))
    target = tmp_path / "restored"
    with pytest.raises(BackupDamaged, match=r"is damaged .*nothing was restored") as caught:
        restore_backup(broken, Credentials(passphrase=PASSPHRASE), target)
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.fcvbak"]


def test_restore_over_an_existing_vault_needs_replace(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "vault"
    shutil.copytree(made.vault, target)
    (target / "sessions" / "marker.txt").write_text("still here")
    with pytest.raises(VaultExists, match="--force"):
        restore_backup(made.backup, Credentials(passphrase=PASSPHRASE), target)
    assert (target / "sessions" / "marker.txt").exists()
    restore_backup(made.backup, Credentials(passphrase=PASSPHRASE), target, replace=True)
    assert not (target / "sessions" / "marker.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault"]
    with Vault.unlock(target, PASSPHRASE) as vault:
        assert vault.check() == []


def test_restore_refuses_a_vault_that_is_open(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "vault"
    shutil.copytree(made.vault, target)
    with Vault.unlock(target, PASSPHRASE), pytest.raises(Exception, match="open in another"):
        restore_backup(made.backup, Credentials(passphrase=PASSPHRASE), target, replace=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault"]


def test_backup_refuses_to_write_into_the_vault(made: Made) -> None:
    with pytest.raises(ExportRefused, match="inside the vault directory"):
        create_backup(made.vault, Credentials(passphrase=PASSPHRASE), made.vault / "b.fcvbak")


def test_a_journal_left_by_a_crash_is_backed_up_and_restored(made: Made, tmp_path: Path) -> None:
    source = tmp_path / "crashed"
    shutil.copytree(made.vault, source)
    vault = Vault.unlock(source, PASSPHRASE)
    renamed = make_session("en", session_id="s0003")
    vault.save_session(renamed)
    assert vault._lock is not None
    vault._lock.release()  # dies before close folds the journal into the index
    assert (source / "index.journal").is_file()
    backup = tmp_path / "crashed.fcvbak"
    create_backup(source, Credentials(passphrase=PASSPHRASE), backup)
    target = tmp_path / "restored"
    restore_backup(backup, Credentials(passphrase=PASSPHRASE), target)
    with Vault.unlock(target, PASSPHRASE) as restored:
        assert "s0003" in {s.id for s in restored.list_sessions()}
        assert restored.load_session("s0003") == renamed
        assert restored.check() == []
