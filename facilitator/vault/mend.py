"""Provides `mend_vault`, what `check --repair` does: make every repairable file whole again.

A damaged current file whose previous save is good becomes that previous save; a damaged
previous save is replaced by the current one; stale listings are rewritten. Whatever is
replaced is first kept aside as `<name>.damaged`, so the user still decides what to delete.
"""

from __future__ import annotations

from facilitator.errors import VaultDamaged
from facilitator.vault.crypto import FileKind
from facilitator.vault.files import atomic_write, evidence_of, keep_aside, previous_of
from facilitator.vault.index import SessionIndex
from facilitator.vault.model import SessionSummary, VaultProblem
from facilitator.vault.records import read_session
from facilitator.vault.stores import INDEX_ID, SUBDIRECTORIES, FileStore, VaultStore


def _files(store: FileStore) -> list[tuple[FileKind, bytes]]:
    found = [(FileKind.INDEX, INDEX_ID)]
    for kind in SUBDIRECTORIES:
        found += [(kind, file_id) for file_id in sorted(store.file_ids(kind))]
    return found


def mend_file(store: FileStore, kind: FileKind, file_id: bytes) -> list[VaultProblem]:
    """Repair one file's generations where one of them is good; what was done."""
    path = store.path(kind, file_id)
    shown = store.display(kind, file_id)
    address = store.address(kind, file_id)
    current, current_error = store.open_blob(path, address)
    previous, previous_error = store.open_blob(previous_of(path), address)
    if current is None and previous is not None:
        keep_aside(path, display=shown)
        atomic_write(path, previous_of(path).read_bytes(), display=shown, keep_previous=False)
        evidence = evidence_of(path) if current_error is not None else None
        shown_evidence = "-" if evidence is None else shown + evidence.suffix
        return [
            VaultProblem.of(shown, "errors.integrity.repaired", file=shown, evidence=shown_evidence)
        ]
    if current is not None and previous_error is not None:
        prev = previous_of(path)
        keep_aside(prev, display=shown)
        atomic_write(prev, path.read_bytes(), display=shown, keep_previous=False)
        return [
            VaultProblem.of(
                shown,
                "errors.integrity.repaired_previous",
                file=shown,
                evidence=shown + ".prev" + evidence_of(prev).suffix,
            )
        ]
    return []


def mend_listings(store: VaultStore, index: SessionIndex) -> list[VaultProblem]:
    """Rewrite the index where a listing is behind its session file; what was done."""
    changed = False
    for summary, file_hex in list(index.entries.values()):
        storage = store.storage(FileKind.SESSION, bytes.fromhex(file_hex))
        try:
            session = read_session(storage, None)
        except VaultDamaged:
            continue  # `check` names it
        if session.id == summary.id and index.put(SessionSummary.of(session), file_hex):
            changed = True
        if storage.generation is not None and index.generations.get(file_hex) != storage.generation:
            index.generations[file_hex] = storage.generation  # an older copy, accepted
            changed = True
    if not (changed or index.dirty):
        return []
    index.persist()
    return [VaultProblem.of("index.fcv", "errors.integrity.repaired_index")]


def mend_vault(store: VaultStore, index: SessionIndex) -> list[VaultProblem]:
    """Every repair `check --repair` makes, in order; [] when there was nothing to repair."""
    done: list[VaultProblem] = []
    if isinstance(store, FileStore):
        for kind, file_id in _files(store):
            done += mend_file(store, kind, file_id)
        store.tidy()
    return done + mend_listings(store, index)
