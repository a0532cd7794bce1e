"""Provides `check`: decrypt and validate every file of a vault and name each problem in one line.

Both generations of every file are opened, so a damaged backup is found before it is needed.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.errors import NewerFormat, VaultDamaged
from facilitator.vault.crypto import FileKind
from facilitator.vault.header import HEADER_NAME, read_header
from facilitator.vault.index import SessionIndex
from facilitator.vault.model import SessionSummary, VaultProblem
from facilitator.vault.records import read_document, read_session
from facilitator.vault.storage import MemoryTwinStorage, decode_tables, generation_of
from facilitator.vault.stores import INDEX_ID, VaultStore


def _decrypted(shown: str, plaintext: bytes) -> MemoryTwinStorage:
    return MemoryTwinStorage({shown: plaintext}, shown)


def _missing(shown: str) -> VaultProblem:
    return VaultProblem.of(shown, "errors.vault.file_missing", file=shown)


def check_vault(
    store: VaultStore, index: SessionIndex, name_key: bytes, adopted: Iterable[str] = ()
) -> list[VaultProblem]:
    """Every problem in the vault, damage first then notes, [] when healthy; never writes."""
    problems: list[VaultProblem] = []
    if store.directory is not None:
        try:
            read_header(store.directory)
        except (VaultDamaged, NewerFormat) as error:
            problems.append(VaultProblem.from_error(HEADER_NAME, error))
    shown = store.display(FileKind.INDEX, INDEX_ID)
    plaintext, found = store.verify(FileKind.INDEX, INDEX_ID)
    problems += found
    if plaintext is None and not found:
        problems.append(_missing(shown))
    elif plaintext is not None:
        try:
            SessionIndex.load(_decrypted(shown, plaintext))
        except VaultDamaged as error:
            problems.append(VaultProblem.from_error(shown, error))
    problems += _check_journal(index)
    problems += _check_sessions(store, index, set(adopted))
    for kind in (FileKind.DOCUMENT, FileKind.TABLE):
        for file_id in sorted(store.file_ids(kind)):
            shown = store.display(kind, file_id)
            plaintext, found = store.verify(kind, file_id)
            problems += found
            if plaintext is None:
                continue
            try:
                if kind is FileKind.DOCUMENT:
                    read_document(_decrypted(shown, plaintext), None)
                else:
                    decode_tables(plaintext, shown)
            except VaultDamaged as error:
                problems.append(VaultProblem.from_error(shown, error))
    problems += store.leftovers()
    return sorted(problems, key=lambda p: (p.note, p.path, p.message))


def _check_journal(index: SessionIndex) -> list[VaultProblem]:
    """A damaged journal record, or a torn last one (a note: it was never confirmed)."""
    shown = index.journal_display
    if index.journal_damage is not None:
        return [
            VaultProblem.of(
                shown, "errors.vault.file_damaged", file=shown, reason=index.journal_damage
            )
        ]
    if index.journal_torn:
        return [VaultProblem.note_of(shown, "errors.integrity.journal_torn", file=shown)]
    return []


def _check_sessions(
    store: VaultStore, index: SessionIndex, adopted: set[str]
) -> list[VaultProblem]:
    problems: list[VaultProblem] = []
    indexed = {bytes.fromhex(f) for f in index.tombstones}
    for session_id, (summary, file_hex) in sorted(index.entries.items()):
        file_id = bytes.fromhex(file_hex)
        if file_hex in adopted:
            continue  # not in the index file: named below
        indexed.add(file_id)
        shown = store.display(FileKind.SESSION, file_id)
        plaintext, found = store.verify(FileKind.SESSION, file_id)
        problems += found
        if plaintext is None:
            if not found:
                problems.append(_missing(shown))
            continue
        try:
            session = read_session(_decrypted(shown, plaintext), session_id)
        except VaultDamaged as error:
            problems.append(VaultProblem.from_error(shown, error))
            continue
        expected = index.generations.get(file_hex, 0)
        if not found and generation_of(plaintext) < expected:
            problems.append(
                VaultProblem.of(
                    shown,
                    "errors.rollback.file_older",
                    file=shown,
                    found=generation_of(plaintext),
                    expected=expected,
                )
            )
        if not SessionSummary.of(session).same_listing(summary):
            problems.append(
                VaultProblem.note_of(
                    "index.fcv", "errors.integrity.listing_stale", id=session_id[:8]
                )
            )
    for file_id in sorted(store.file_ids(FileKind.SESSION) - indexed):
        shown = store.display(FileKind.SESSION, file_id)
        plaintext, found = store.verify(FileKind.SESSION, file_id)
        problems += found
        if plaintext is not None:
            problems.append(VaultProblem.note_of(shown, "errors.integrity.unindexed", file=shown))
    return problems
