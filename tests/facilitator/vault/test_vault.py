"""Behaviour tests of the vault, run over a file vault and its memory twin."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from facilitator.errors import InvalidInput, SessionNotFound, VaultExists, VaultNotFound
from facilitator.session import Note
from facilitator.vault import KdfParams, SessionSummary, Vault
from facilitator.vocabulary import SessionStatus
from tests.facilitator.fixtures import T0, sample_session
from tests.facilitator.vault.conftest import Opener, file_hashes


def test_a_saved_session_loads_back_equal(any_vault: Vault) -> None:
    session = sample_session()
    any_vault.save_session(session)
    assert any_vault.load_session(session.id) == session
    assert any_vault.check() == []


def test_list_is_newest_first_and_needs_no_session_file(any_vault: Vault) -> None:
    older = sample_session()
    newer = replace(older, id="f" * 32, title="Later", created=T0 + timedelta(days=1))
    any_vault.save_session(older)
    any_vault.save_session(newer)
    assert [s.id for s in any_vault.list_sessions()] == [newer.id, older.id]
    summary = any_vault.list_sessions()[1]
    assert summary == SessionSummary.of(older)
    assert summary.template_name == "Power balance reflection"


def test_unknown_session(any_vault: Vault) -> None:
    with pytest.raises(SessionNotFound):
        any_vault.load_session("nope")
    with pytest.raises(SessionNotFound):
        any_vault.delete_session("nope")


def test_delete_session(any_vault: Vault) -> None:
    session = sample_session()
    any_vault.save_session(session)
    any_vault.delete_session(session.id)
    assert any_vault.list_sessions() == []
    with pytest.raises(SessionNotFound):
        any_vault.load_session(session.id)
    assert any_vault.check() == []


def test_documents(any_vault: Vault) -> None:
    assert any_vault.load_document("settings") == {}
    any_vault.save_document("settings", {"language": "sv", "nested": {"a": [1, 2]}})
    any_vault.save_document("outbox", {"items": []})
    assert any_vault.load_document("settings") == {"language": "sv", "nested": {"a": [1, 2]}}
    assert any_vault.load_document("outbox") == {"items": []}
    assert any_vault.check() == []


@pytest.mark.parametrize("name", ["", "Settings", "../x", "a" * 33, "1abc", "a b"])
def test_document_names_are_checked(any_vault: Vault, name: str) -> None:
    with pytest.raises(InvalidInput):
        any_vault.save_document(name, {})


def test_table_is_an_ordinary_tinydb(any_vault: Vault) -> None:
    outbox = any_vault.table("outbox")
    outbox.insert({"summary": 1})
    outbox.insert({"summary": 2})
    assert [d["summary"] for d in any_vault.table("outbox").all()] == [1, 2]
    assert any_vault.check() == []


def test_close_twice_and_use_after_close(any_vault: Vault) -> None:
    any_vault.close()
    any_vault.close()
    with pytest.raises(Exception, match="closed"):
        any_vault.list_sessions()


def test_memory_vault_has_no_directory() -> None:
    with Vault.in_memory() as vault:
        assert vault.directory is None
        vault.change_passphrase("another passphrase", KdfParams.MINIMUM)


# ----- file vault only ---------------------------------------------------------------------


def test_a_note_edit_writes_only_that_session_file(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    other = replace(session, id="e" * 32)
    vault.save_session(session)
    vault.save_session(other)
    before = file_hashes(vault_dir)
    edited_session = replace(
        session.with_note(Note("n2", "resources", "new note")), updated=T0 + timedelta(minutes=3)
    )
    vault.save_session(edited_session)
    after = file_hashes(vault_dir)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {f"sessions/{vault._index.file_of(session.id)}.fcv",
                       f"sessions/{vault._index.file_of(session.id)}.fcv.prev"}  # fmt: skip
    assert vault.list_sessions()[0].updated == edited_session.updated
    vault.close()
    reopened = open_vault.at(vault_dir)
    assert {s.id: s.updated for s in reopened.list_sessions()}[session.id] == edited_session.updated


def test_a_title_change_appends_to_the_journal_not_the_index(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(session)
    index_before = (vault_dir / "index.fcv").read_bytes()
    journal_before = (vault_dir / "index.journal").stat().st_size
    vault.save_session(replace(session, title="Renamed", status=SessionStatus.FINISHED))
    assert (vault_dir / "index.fcv").read_bytes() == index_before
    assert (vault_dir / "index.journal").stat().st_size > journal_before
    vault.close()
    assert not (vault_dir / "index.journal").exists()  # folded into the index on close
    assert open_vault.at(vault_dir).list_sessions()[0].title == "Renamed"


def test_a_journaled_title_survives_a_crash(vault_dir: Path, open_vault: type[Opener]) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(replace(session, title="Renamed"))
    assert vault._lock is not None
    vault._lock.release()  # the process dies: no close, no compaction
    reopened = open_vault.at(vault_dir)
    assert reopened.list_sessions()[0].title == "Renamed"
    assert reopened.check() == []


def test_a_torn_journal_tail_is_a_note_and_a_damaged_record_is_damage(
    vault_dir: Path, open_vault: type[Opener]
) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(session)
    vault.save_session(replace(session, title="Renamed"))
    assert vault._lock is not None
    vault._lock.release()
    journal = vault_dir / "index.journal"
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-5])
    torn = Vault._open_with_key(vault_dir, open_vault.key, read_only=True)
    notes = torn.check()  # the torn record, and the listing that a load will heal
    assert all(p.note for p in notes) and "index.journal" in [p.path for p in notes]
    assert torn.list_sessions()[0].title == session.title  # the unconfirmed rename is dropped
    torn.close()
    journal.write_bytes(whole[:10] + bytes([whole[10] ^ 1]) + whole[11:])
    damaged = Vault._open_with_key(vault_dir, open_vault.key, read_only=True)
    problems = damaged.check()
    damaged.close()
    assert [p.path for p in problems if not p.note] == ["index.journal"]
    assert journal.read_bytes() != whole  # read-only: the evidence is untouched
    healed = open_vault.at(vault_dir)
    assert (vault_dir / "index.journal.damaged").exists()
    assert healed.check() == [] or all(p.note for p in healed.check())


def test_session_file_names_reveal_nothing(vault_dir: Path, open_vault: type[Opener]) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    vault.save_session(session)
    vault.save_document("settings", {})
    names = [p.name for p in vault_dir.rglob("*.fcv")]
    assert all(session.id not in n and "settings" not in n for n in names)


def test_create_refuses_short_passphrase_and_existing_vault(
    vault_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="at least 8"):
        Vault.create(tmp_path / "new", "short", kdf=KdfParams.MINIMUM)
    assert not (tmp_path / "new").exists()
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, "long enough passphrase", kdf=KdfParams.MINIMUM)
    with pytest.raises(InvalidInput):
        Vault.create(tmp_path / "weak", "long enough passphrase", kdf=KdfParams(1024, 1, 1))


def test_unlock_where_there_is_no_vault(tmp_path: Path) -> None:
    assert not Vault.exists(tmp_path)
    with pytest.raises(VaultNotFound, match="facilitator init"):
        Vault.unlock(tmp_path, "whatever passphrase")
    assert list(tmp_path.iterdir()) == []


def test_orphaned_session_file_is_adopted(vault_dir: Path, open_vault: type[Opener]) -> None:
    vault = open_vault.at(vault_dir)
    session = sample_session()
    index_before = (vault_dir / "index.fcv").read_bytes()
    vault.save_session(session)
    vault.close()
    (vault_dir / "index.fcv").write_bytes(index_before)  # as if we crashed before the index write
    reopened = open_vault.at(vault_dir)
    assert [s.id for s in reopened.list_sessions()] == [session.id]
    assert reopened.load_session(session.id) == session
    assert reopened.check() == []
