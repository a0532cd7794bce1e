"""Provides the repairs made when a vault is opened: finish what a crash interrupted.

Temporary files are dropped, deleted sessions' files removed, and a session file written just
before a crash (so missing from the index) is added back to the index.
"""

from __future__ import annotations

import contextlib

from facilitator.errors import VaultDamaged, VaultWriteFailed
from facilitator.vault.crypto import FileKind
from facilitator.vault.index import SessionIndex
from facilitator.vault.model import SessionSummary
from facilitator.vault.records import read_session
from facilitator.vault.stores import VaultStore


def repair(store: VaultStore, index: SessionIndex, *, write: bool = True) -> set[str]:
    """Tidy temporaries, finish deletions and adopt orphaned session files (damaged ones stay).

    With `write` False nothing on disk changes: the adoptions are made in memory only.
    Returns the file ids adopted.
    """
    if write:
        store.tidy()
    present = {f.hex() for f in store.file_ids(FileKind.SESSION)}
    if not write:
        present -= index.tombstones
    refused = {
        file_id
        for file_id in index.tombstones & present
        if not store.remove(FileKind.SESSION, bytes.fromhex(file_id))
    }
    if index.tombstones and write:
        present -= index.tombstones
        index.dirty = index.tombstones != refused
        index.tombstones &= refused  # still there: removed at a later open
    indexed = {file_id for _, file_id in index.entries.values()}
    adopted: set[str] = set()
    for file_id in sorted(present - indexed):
        try:
            session = read_session(store.storage(FileKind.SESSION, bytes.fromhex(file_id)), None)
        except VaultDamaged:
            continue  # `check` names it
        if session.id not in index.entries:
            index.put(SessionSummary.of(session), file_id)
            adopted.add(file_id)
    if adopted and write:
        with contextlib.suppress(VaultWriteFailed):
            index.persist()
            return set()
    return adopted
