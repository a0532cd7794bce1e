"""Tests of the TinyDB storages, run over the encrypted file storage and its memory twin alike."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from facilitator.errors import InvalidInput, VaultWriteFailed
from facilitator.vault.crypto import FileAddress, FileCipher, FileKind
from facilitator.vault.records import open_db
from facilitator.vault.storage import EncryptedFileStorage, MemoryTwinStorage, VaultStorage

CIPHER = FileCipher(bytes(32))
ADDRESS = FileAddress(b"v" * 16, FileKind.TABLE, b"t" * 16)
Factory = Callable[[], VaultStorage]


@pytest.fixture(params=["memory", "file"])
def make_storage(request: pytest.FixtureRequest, tmp_path: Path) -> Factory:
    """Builds fresh storages over one medium, so a second one reads what the first wrote."""
    blobs: dict[str, bytes] = {}
    path = tmp_path / "tables" / "t.fcv"

    def build() -> VaultStorage:
        if request.param == "memory":
            return MemoryTwinStorage(blobs, "t")
        return EncryptedFileStorage(path, cipher=CIPHER, address=ADDRESS, display="tables/t.fcv")

    return build


def test_an_empty_storage_reads_none(make_storage: Factory) -> None:
    assert make_storage().read() is None
    assert TinyDB(storage=make_storage).all() == []


def test_tinydb_operations_persist(make_storage: Factory) -> None:
    db = open_db(make_storage())
    db.insert({"kind": "outbox", "n": 1})
    db.table("other").insert_multiple([{"n": 2}, {"n": 3}])
    db.update({"n": 10}, Query().kind == "outbox")
    again = open_db(make_storage())
    assert again.search(Query().n == 10) == [{"kind": "outbox", "n": 10}]
    assert sorted(d["n"] for d in again.table("other").all()) == [2, 3]


def test_deferred_block_writes_once(make_storage: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = make_storage()
    saves: list[bytes] = []
    original = storage._save
    monkeypatch.setattr(storage, "_save", lambda data: (saves.append(data), original(data)))
    db = open_db(storage)
    with storage.deferred():
        db.drop_tables()
        for n in range(20):
            db.insert({"n": n})
    assert len(saves) == 1
    assert len(open_db(make_storage()).all()) == 20


def test_an_error_inside_deferred_discards_the_batch(make_storage: Factory) -> None:
    storage = make_storage()
    open_db(storage).insert({"n": 1})
    with pytest.raises(RuntimeError), storage.deferred():
        open_db(storage).insert({"n": 2})
        raise RuntimeError("boom")
    assert open_db(storage).all() == [{"n": 1}]


def test_non_json_values_are_refused(make_storage: Factory) -> None:
    storage = make_storage()
    with pytest.raises(InvalidInput):
        open_db(storage).insert({"when": object()})
    assert open_db(make_storage()).all() == []


def test_unicode_survives(make_storage: Factory) -> None:
    open_db(make_storage()).insert({"text": "Är detta det bästa för Esther? 🌱"})
    assert open_db(make_storage()).all()[0]["text"] == "Är detta det bästa för Esther? 🌱"


def test_a_failed_file_write_keeps_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.fcv"

    def build() -> EncryptedFileStorage:
        return EncryptedFileStorage(path, cipher=CIPHER, address=ADDRESS, display="t.fcv")

    storage = build()
    open_db(storage).insert({"n": 1})

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(VaultWriteFailed, match="disk is full"):
        open_db(storage).insert({"n": 2})
    monkeypatch.undo()
    assert open_db(storage).all() == [{"n": 1}]  # the cache was dropped, not half-applied
    assert open_db(build()).all() == [{"n": 1}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.fcv"]
