"""Provides the session index: the in-memory map of session id to summary and file, and its file.

Changes that only move `updated` are kept in memory and written with the next index write or
on close, so an autosave rewrites one session file and nothing else. A changed listing is one
record appended to the journal; the whole index is rewritten (compacted) on close.
"""

from __future__ import annotations

from typing import Any

from facilitator.errors import Text
from facilitator.vault.journal import JOURNAL_NAME, Journal, MemoryJournal
from facilitator.vault.model import SessionSummary
from facilitator.vault.records import open_db
from facilitator.vault.storage import VaultStorage, damaged

SESSIONS_TABLE = "sessions"
TOMBSTONES_TABLE = "tombstones"
GENERATIONS_TABLE = "generations"
MAX_JOURNAL = 4096  # records before an update compacts instead of appending


class SessionIndex:
    """Session summaries and their file ids, persisted in the encrypted `index.fcv`."""

    def __init__(self, storage: VaultStorage, journal: Journal | None = None) -> None:
        self._storage = storage
        self._journal: Journal = journal or MemoryJournal()
        self.entries: dict[str, tuple[SessionSummary, str]] = {}
        self.tombstones: set[str] = set()
        self.generations: dict[str, int] = {}  # file id -> the session file's save generation
        self.dirty = False
        self.base = 0  # generation of the index file the journal records follow
        self.journaled = 0  # records in the journal after `base`
        self.journal_torn = False
        self.journal_damage: Text | None = None

    @property
    def generation(self) -> int:
        """How many listing writes the index has seen: file writes plus journal records."""
        return self.base + self.journaled

    @property
    def journal_display(self) -> str:
        """The journal's name in messages."""
        return JOURNAL_NAME

    @property
    def served_previous(self) -> bool:
        """True when the index was read from its previous save."""
        return bool(getattr(self._storage, "served_previous", False))

    @classmethod
    def load(cls, storage: VaultStorage, journal: Journal | None = None) -> SessionIndex:
        """Read the index file, then its journal; VaultDamaged when missing or malformed."""
        index = cls(storage, journal)
        tables = storage.read()
        if tables is None:
            raise damaged(storage.display, "missing")
        try:
            for document in tables.get(SESSIONS_TABLE, {}).values():
                index._put_document(document)
            for document in tables.get(TOMBSTONES_TABLE, {}).values():
                index.tombstones.add(str(document["file"]))
            for document in tables.get(GENERATIONS_TABLE, {}).values():
                index._set_generation(document["file"], document["generation"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise damaged(storage.display, "malformed_index") from None
        index.base = storage.generation or 0
        if journal is not None:
            index._replay(journal)
        return index

    def _put_document(self, document: Any) -> None:
        summary, file_id = SessionSummary.from_dict(document)
        bytes.fromhex(file_id)
        self.entries[summary.id] = (summary, file_id)

    def _set_generation(self, file_id: Any, generation: Any) -> None:
        if isinstance(generation, bool) or not isinstance(generation, int):
            raise TypeError("generation")
        self.generations[str(file_id)] = generation

    def _replay(self, journal: Journal) -> None:
        """Apply the journal's records in order; a bad record ends the replay as damage."""
        found = journal.read(self.base)
        self.journal_torn = found.torn
        self.journal_damage = found.damage
        for record in found.records:
            try:
                for document in record.get("put", []):
                    self._put_document(document)
                for session_id, file_id in record.get("drop", []):
                    entry = self.entries.pop(str(session_id), None)
                    if entry is not None:
                        self.tombstones.add(entry[1])
                    self.tombstones.add(str(file_id))
                for file_id, generation in record.get("generations", {}).items():
                    self._set_generation(file_id, generation)
            except (KeyError, TypeError, ValueError, AttributeError):
                self.journal_damage = Text.of("errors.reason.journal_record")
                return
            self.journaled += 1

    def record_put(self, summary: SessionSummary, file_id: str) -> None:
        """Make one session's listing durable with one journal record (O(1), not the index)."""
        change: dict[str, Any] = {"put": [summary.to_dict(file_id)]}
        if file_id in self.generations:
            change["generations"] = {file_id: self.generations[file_id]}
        self._record(change)

    def record_drop(self, session_id: str, file_id: str) -> None:
        """Make a deletion durable with one journal record."""
        self._record({"drop": [[session_id, file_id]]})

    def _record(self, change: dict[str, Any]) -> None:
        if self.journaled >= MAX_JOURNAL:
            self.persist()
            return
        self._journal.append({"base": self.base, "seq": self.journaled + 1, **change})
        self.journaled += 1

    def file_of(self, session_id: str) -> str | None:
        """The file id of a session, None when unknown."""
        entry = self.entries.get(session_id)
        return None if entry is None else entry[1]

    def put(self, summary: SessionSummary, file_id: str) -> bool:
        """Record a summary; True when the index file must be written now."""
        old = self.entries.get(summary.id)
        self.entries[summary.id] = (summary, file_id)
        if old is not None and old[1] == file_id and old[0].same_listing(summary):
            self.dirty = self.dirty or old[0] != summary
            return False
        return True

    def remove(self, session_id: str) -> tuple[SessionSummary, str] | None:
        """Forget a session, remembering its file as deleted until the file is gone."""
        entry = self.entries.pop(session_id, None)
        if entry is not None:
            self.tombstones.add(entry[1])
        return entry

    def persist(self) -> None:
        """Write the whole index in one storage write (VaultWriteFailed leaves memory as is)."""
        documents: list[dict[str, Any]] = [
            summary.to_dict(file_id) for summary, file_id in self.entries.values()
        ]
        db = open_db(self._storage)
        self._storage.generation = self.generation  # the file continues the journal's count
        with self._storage.deferred():
            db.drop_tables()
            db.table(SESSIONS_TABLE).insert_multiple(documents)
            if self.tombstones:
                db.table(TOMBSTONES_TABLE).insert_multiple(
                    [{"file": f} for f in sorted(self.tombstones)]
                )
            live = {file_id for _, file_id in self.entries.values()}
            generations = [
                {"file": f, "generation": g}
                for f, g in sorted(self.generations.items())
                if f in live
            ]
            if generations:
                db.table(GENERATIONS_TABLE).insert_multiple(generations)
        self.dirty = False
        self.base = self._storage.generation or 0
        self.journaled = 0
        self.journal_torn = False
        self.journal_damage = None
        self._journal.clear()

    def summaries(self) -> list[SessionSummary]:
        """Every summary, newest first by creation time."""
        items = sorted((s for s, _ in self.entries.values()), key=lambda s: s.id)
        return sorted(
            items,
            key=lambda s: float("-inf") if s.created is None else s.created.timestamp(),
            reverse=True,
        )
