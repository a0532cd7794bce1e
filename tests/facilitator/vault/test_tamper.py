"""Damage of every kind is named in one line and never changes a file; wrong keys change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.errors import NewerFormat, VaultDamaged, WrongPassphrase
from facilitator.session import Session
from facilitator.templates.model import Template
from facilitator.vault import KdfParams, Vault
from facilitator.vault.header import HEADER_NAME, VaultHeader, parse_header
from tests.facilitator.fixtures import T0, sample_session
from tests.facilitator.vault.conftest import PASSPHRASE, MadeVault, Opener, file_hashes

TINY = Template(id="t", version=1, language="en", name="T")


def _one_line(error: BaseException) -> str:
    message = str(error)
    assert "\n" not in message and message
    return message


def _small_session_file(vault_dir: Path, open_vault: type[Opener]) -> tuple[str, Path]:
    vault = open_vault.at(vault_dir)
    session = Session.plan("x", TINY, created=T0)
    vault.save_session(session)
    vault.close()
    (path,) = (vault_dir / "sessions").glob("*.fcv")
    return session.id, path


def test_every_flipped_byte_of_a_session_file_is_detected(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    session_id, path = _small_session_file(vault_dir, open_vault)
    good = path.read_bytes()
    vault = open_vault.at(vault_dir)
    assert len(good) < 1024
    for position in range(len(good)):
        damaged = bytearray(good)
        damaged[position] ^= 0xFF if position % 2 else 0x01
        path.write_bytes(bytes(damaged))
        with pytest.raises(VaultDamaged) as caught:
            vault.load_session(session_id)
        assert path.name in _one_line(caught.value)
        assert path.read_bytes() == bytes(damaged)
    path.write_bytes(good)
    assert vault.load_session(session_id).id == session_id


@pytest.mark.parametrize("size", [0, 10, 49, 200])
def test_truncated_session_file(vault_dir: Path, open_vault: type[Opener], size: int) -> None:
    session_id, path = _small_session_file(vault_dir, open_vault)
    path.write_bytes(path.read_bytes()[:size])
    before = file_hashes(vault_dir)
    vault = open_vault.at(vault_dir)
    with pytest.raises(VaultDamaged, match="damaged"):
        vault.load_session(session_id)
    assert [p.path for p in vault.check()] == [f"sessions/{path.name}"]
    vault.close()
    assert file_hashes(vault_dir) == before


def test_every_flipped_byte_of_the_header_is_named(made_vault: MadeVault) -> None:
    raw = (made_vault.directory / HEADER_NAME).read_bytes()
    for position in range(len(raw)):
        damaged = bytearray(raw)
        damaged[position] ^= 0x01
        with pytest.raises((VaultDamaged, NewerFormat)) as caught:
            parse_header(bytes(damaged), Path("vault.json"))
        assert "vault.json" in _one_line(caught.value)


def test_a_damaged_header_is_not_reported_as_a_wrong_passphrase(vault_dir: Path) -> None:
    path = vault_dir / HEADER_NAME
    raw = bytearray(path.read_bytes())
    raw[raw.index(b'"iterations": 3') + 14] = ord("4")
    path.write_bytes(bytes(raw))
    before = file_hashes(vault_dir)
    with pytest.raises(VaultDamaged, match=r"header .* is damaged \(checksum mismatch\)"):
        Vault.unlock(vault_dir, PASSPHRASE)
    assert file_hashes(vault_dir) == before


def _rewrite_header(vault_dir: Path, **changes: object) -> None:
    path = vault_dir / HEADER_NAME
    body = json.loads(path.read_bytes())
    header = parse_header(path.read_bytes(), path)
    fields = {
        "vault_id": header.vault_id,
        "kdf": header.kdf,
        "salt": header.salt,
        "wrapped_by_passphrase": header.wrapped_by_passphrase,
        "recovery_salt": header.recovery_salt,
        "wrapped_by_recovery": header.wrapped_by_recovery,
        "version": header.version,
    }
    fields.update(changes)
    path.write_bytes(VaultHeader(**fields).render())  # type: ignore[arg-type]
    assert json.loads(path.read_bytes()).keys() == body.keys()


def test_a_newer_format_is_refused_with_upgrade_advice(vault_dir: Path) -> None:
    _rewrite_header(vault_dir, version=2)
    before = file_hashes(vault_dir)
    with pytest.raises(NewerFormat, match=r"newer facilitator.*upgrade") as caught:
        Vault.unlock(vault_dir, PASSPHRASE)
    _one_line(caught.value)
    assert file_hashes(vault_dir) == before


def test_weak_kdf_parameters_are_refused(vault_dir: Path) -> None:
    _rewrite_header(vault_dir, kdf=KdfParams(8 * 1024, 1, 1))
    with pytest.raises(VaultDamaged, match="below the safe minimum"):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_missing_header(vault_dir: Path) -> None:
    (vault_dir / HEADER_NAME).unlink()
    before = file_hashes(vault_dir)
    with pytest.raises(VaultDamaged, match=r"header .* is missing") as caught:
        Vault.unlock(vault_dir, PASSPHRASE)
    _one_line(caught.value)
    assert file_hashes(vault_dir) == before


def test_wrong_passphrase_and_recovery_key_change_nothing(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    vault.save_session(sample_session())
    vault.save_document("settings", {"a": 1})
    vault.close()
    before = file_hashes(vault_dir)
    with pytest.raises(WrongPassphrase) as caught:
        Vault.unlock(vault_dir, "not the passphrase")
    assert "not the passphrase" not in _one_line(caught.value)
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery_key(vault_dir, "AAAA-" * 7 + "AAAA")
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery_key(vault_dir, "garbage")
    assert file_hashes(vault_dir) == before
    Vault.unlock(vault_dir, PASSPHRASE).close()  # and the lock was released each time


def test_damaged_index_with_no_previous_save(vault_dir: Path) -> None:
    path = vault_dir / "index.fcv"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1
    path.write_bytes(bytes(raw))
    before = file_hashes(vault_dir)
    with pytest.raises(VaultDamaged, match=r"index\.fcv is damaged \(authentication failed\)"):
        Vault.unlock(vault_dir, PASSPHRASE)
    assert file_hashes(vault_dir) == before


def test_files_swapped_between_sessions_are_detected(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    first = Session.plan("a", TINY, created=T0)
    second = Session.plan("b", TINY, created=T0)
    vault.save_session(first)
    vault.save_session(second)
    a = vault_dir / "sessions" / f"{vault._index.file_of(first.id)}.fcv"
    b = vault_dir / "sessions" / f"{vault._index.file_of(second.id)}.fcv"
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    with pytest.raises(VaultDamaged, match="does not match its name"):
        vault.load_session(first.id)


def test_damaged_current_falls_back_to_previous_save(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(session)
    newer = session.without("n1")
    vault.save_session(newer)
    path = vault_dir / "sessions" / f"{vault._index.file_of(session.id)}.fcv"
    raw = bytearray(path.read_bytes())
    raw[100] ^= 1
    path.write_bytes(bytes(raw))
    problems = vault.check()
    assert [p.path for p in problems] == [f"sessions/{path.name}"]
    assert "previous save (from " in problems[0].message
    assert "check --repair" in problems[0].message
    assert vault.load_session(session.id) == session  # one save behind, not lost
    assert [p.path for p in vault.recovered] == [f"sessions/{path.name}"]
    assert "session 01234567 “Ward 12 reflection”" in vault.recovered[0].message
    vault.save_session(newer)  # repairs, keeps the good previous save and the damaged file
    evidence = path.with_name(path.name + ".damaged")
    assert evidence.read_bytes() == bytes(raw)
    assert [(p.path, p.note) for p in vault.check()] == [(f"sessions/{path.name}.damaged", True)]
    assert vault.load_session(session.id) == newer
