"""Rollback: a file or a whole vault put back to an older valid copy is reported, never silent."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import VaultRolledBack
from facilitator.vault import Vault
from tests.facilitator.fixtures import sample_session
from tests.facilitator.vault.conftest import PASSPHRASE, Opener

FIXTURE = Path(__file__).parent / "fixtures" / "format-2026-12-vault"
FIXTURE_PASSPHRASE = "fixture passphrase 2026"


def test_a_vault_written_before_generations_opens_and_migrates(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    shutil.copytree(FIXTURE, directory)
    mark = tmp_path / "config" / "high-water.json"
    with Vault.unlock(directory, FIXTURE_PASSPHRASE, high_water=mark) as vault:
        titles = sorted(s.title for s in vault.list_sessions())
        assert titles == ["Second session", "Ward 12 reflection (second save)"]
        for summary in vault.list_sessions():
            vault.load_session(summary.id)
        assert vault.load_document("settings") == {"language": "sv"}
        assert vault.recovered == [] and vault.check() == []
        session = vault.load_session(sample_session().id)
        vault.save_session(replace(session, title="Saved by this version"))
    with Vault.unlock(directory, FIXTURE_PASSPHRASE, high_water=mark) as vault:
        assert vault.load_session(session.id).title == "Saved by this version"
        assert vault.recovered == [] and vault.check() == []
    recorded = json.loads(mark.read_text())["vaults"]
    assert list(recorded.values()) == [vault._index.generation] and vault._index.generation > 0


def test_one_session_file_put_back_to_an_older_copy_is_reported(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(session)
    path = vault_dir / "sessions" / f"{vault._index.file_of(session.id)}.fcv"
    old = path.read_bytes()
    vault.save_session(session.without("n1"))
    vault.save_session(replace(session.without("n1"), project="Later"))
    vault.close()
    path.write_bytes(old)  # a valid, authentic, older save of the same file

    reopened = open_vault.at(vault_dir)
    assert reopened.load_session(session.id) == session  # served, but never silently
    (notice,) = reopened.recovered
    assert "is older than the index records (save 1, the index records save 3)" in notice.message
    assert notice.message.startswith("warning: session 01234567")
    (problem,) = [p for p in reopened.check() if not p.note]
    assert "put back from an older copy" in problem.message and not problem.note
    assert reopened.repair_damage()  # accepted deliberately
    assert [p for p in reopened.check() if not p.note] == []


def test_a_whole_vault_put_back_to_an_older_copy_is_refused_until_accepted(
    vault_dir: Path, tmp_path: Path
) -> None:
    mark = tmp_path / "config" / "high-water.json"
    clock = FakeClock()
    with Vault.unlock(vault_dir, PASSPHRASE, clock=clock, high_water=mark) as vault:
        vault.save_session(sample_session())
    older = tmp_path / "older"
    shutil.copytree(vault_dir, older)
    with Vault.unlock(vault_dir, PASSPHRASE, clock=clock, high_water=mark) as vault:
        vault.save_session(replace(sample_session(), title="Newer title"))
    shutil.rmtree(vault_dir)
    shutil.copytree(older, vault_dir)

    with pytest.raises(VaultRolledBack, match="older than the copy this computer last opened"):
        Vault.unlock(vault_dir, PASSPHRASE, clock=clock, high_water=mark)
    with pytest.raises(VaultRolledBack):  # still refused: nothing was accepted
        Vault.unlock(vault_dir, PASSPHRASE, clock=clock, high_water=mark, read_only=True)
    Vault.unlock(vault_dir, PASSPHRASE, high_water=mark, accept_rollback=True).close()
    with Vault.unlock(vault_dir, PASSPHRASE, clock=clock, high_water=mark) as vault:
        assert vault.list_sessions()[0].title == "Ward 12 reflection"
