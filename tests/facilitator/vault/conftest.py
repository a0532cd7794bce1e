"""Fixtures for vault tests: one Argon2id derivation per run, copied into each test's directory."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from facilitator.clock import FakeClock
from facilitator.vault import KdfParams, Vault

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class MadeVault:
    """A vault made once per test run: where it is, its data key and its recovery key."""

    directory: Path
    data_key: bytes
    recovery_key: str


@pytest.fixture(scope="session")
def made_vault(tmp_path_factory: pytest.TempPathFactory) -> MadeVault:
    """An empty vault created with the minimum KDF parameters (the only derivation we pay for)."""
    directory = tmp_path_factory.mktemp("made") / "vault"
    vault, recovery = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=FakeClock())
    data_key = vault._data_key
    vault.close()
    return MadeVault(directory, data_key, recovery)


@pytest.fixture
def vault_dir(made_vault: MadeVault, tmp_path: Path) -> Path:
    """A private copy of the made vault (closed)."""
    target = tmp_path / "vault"
    shutil.copytree(made_vault.directory, target)
    return target


@pytest.fixture
def open_vault(made_vault: MadeVault) -> Iterator[type[Opener]]:
    """Opens a copy with the known data key, skipping key derivation."""
    Opener.key = made_vault.data_key
    yield Opener
    for vault in Opener.opened:
        vault.close()
    Opener.opened.clear()


class Opener:
    """Opens vault copies with the session's data key and closes them at teardown."""

    key: ClassVar[bytes] = b""
    opened: ClassVar[list[Vault]] = []

    @classmethod
    def at(cls, directory: Path) -> Vault:
        """The vault at `directory`, opened without Argon2id."""
        vault = Vault._open_with_key(directory, cls.key, clock=FakeClock())
        cls.opened.append(vault)
        return vault


@pytest.fixture(params=["file", "memory"])
def any_vault(request: pytest.FixtureRequest, vault_dir: Path, open_vault: type[Opener]) -> Vault:
    """The same behaviour tests run over a file vault and its memory twin."""
    if request.param == "memory":
        return Vault.in_memory(clock=FakeClock())
    return open_vault.at(vault_dir)


def file_hashes(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under `directory`, by relative path."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
