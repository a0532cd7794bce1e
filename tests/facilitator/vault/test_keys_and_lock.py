"""Passphrase change, recovery key, the one-process lock, and no plaintext on disk."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.errors import VaultLocked, WrongPassphrase
from facilitator.session import Action, Note
from facilitator.vault import KdfParams, Vault
from tests.facilitator.fixtures import sample_session
from tests.facilitator.vault.conftest import PASSPHRASE, MadeVault, Opener, file_hashes

ROOT = Path(__file__).resolve().parents[3]


def test_change_passphrase_rewraps_only(
    vault_dir: Path, open_vault: type[Opener], made_vault: MadeVault
) -> None:
    vault = open_vault.at(vault_dir)
    vault.save_session(sample_session())
    vault.save_document("settings", {"a": 1})
    vault.close()  # folds the index journal into the index
    vault = open_vault.at(vault_dir)
    data_before = {k: v for k, v in file_hashes(vault_dir).items() if k != "vault.json"}
    vault.change_passphrase("a brand new passphrase", KdfParams.MINIMUM)
    vault.close()
    data_after = {k: v for k, v in file_hashes(vault_dir).items() if k != "vault.json"}
    assert data_after == data_before
    assert not (vault_dir / "vault.json.prev").exists()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE)
    with Vault.unlock(vault_dir, "a brand new passphrase") as reopened:
        assert reopened.load_session(sample_session().id) == sample_session()
    with Vault.unlock_with_recovery_key(vault_dir, made_vault.recovery_key) as by_recovery:
        assert len(by_recovery.list_sessions()) == 1


def test_recovery_key_unlocks_and_resets(vault_dir: Path, made_vault: MadeVault) -> None:
    typed = made_vault.recovery_key.replace("-", " ").lower()
    with Vault.unlock_with_recovery_key(vault_dir, typed) as vault:
        assert vault.check() == []
    Vault.reset_passphrase_with_recovery(
        vault_dir, made_vault.recovery_key, "reset passphrase 1", kdf=KdfParams.MINIMUM
    ).close()
    Vault.unlock(vault_dir, "reset passphrase 1").close()


def test_second_open_in_the_same_process_is_refused(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    before = file_hashes(vault_dir)
    with pytest.raises(VaultLocked, match="another facilitator window"):
        Vault.unlock(vault_dir, PASSPHRASE)
    assert file_hashes(vault_dir) == before
    vault.close()
    open_vault.at(vault_dir)


def test_the_lock_holds_across_processes(vault_dir: Path, made_vault: MadeVault) -> None:
    holder = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from facilitator.vault import Vault
        key = bytes.fromhex(sys.stdin.readline().strip())
        vault = Vault._open_with_key(Path(sys.argv[1]), key)
        print("holding", flush=True)
        sys.stdin.readline()
        vault.close()
        print("released", flush=True)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder, str(vault_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(made_vault.data_key.hex() + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "holding"
        with pytest.raises(VaultLocked, match=str(vault_dir)):
            Vault._open_with_key(vault_dir, made_vault.data_key)
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "released"
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    Vault._open_with_key(vault_dir, made_vault.data_key).close()


SECRETS = (
    "Patient Ingrid Svensson 19461203-1234 cried about the discharge",
    "Secret reflection at ward Östra 7",
    "Call relative on 070-123 45 67 before Friday",
    "Sjuksköterskan kände sig överkörd",
)


def test_no_plaintext_reaches_the_disk(vault_dir: Path, open_vault: type[Opener]) -> None:
    vault = open_vault.at(vault_dir)
    note_text, title, action_text, swedish = SECRETS
    session = replace(sample_session(), title=title, project="Discharge of Ingrid")
    session = session.with_note(Note("n7", "resources", note_text))
    session = session.with_note(Note("n8", "resources", swedish))
    session = session.with_action(Action("a7", action_text))
    vault.save_session(session)
    vault.save_session(session.with_note(Note("n9", "attitudes", note_text + " again")))
    vault.save_document("settings", {"last_title": title})
    vault.table("outbox").insert({"note": note_text})
    vault.close()
    needles = [*SECRETS, "Discharge of Ingrid", "Ingrid", "Power balance reflection", "Esther"]
    for path in vault_dir.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for needle in needles:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert needle.encode(encoding) not in data, (path.name, needle, encoding)
