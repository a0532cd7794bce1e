"""Provides the session index: the in-memory map of session id to summary and file, and its file.

Changes that only move `updated` are kept in memory and written with the next index write or
on close, so an autosave rewrites one session file and nothing else.
"""

from __future__ import annotations

from typing import Any

from facilitator.vault.model import SessionSummary
from facilitator.vault.records import open_db
from facilitator.vault.storage import VaultStorage, damaged

SESSIONS_TABLE = "sessions"
TOMBSTONES_TABLE = "tombstones"
GENERATIONS_TABLE = "generations"


class SessionIndex:
    """Session summaries and their file ids, persisted in the encrypted `index.fcv`."""

    def __init__(self, storage: VaultStorage) -> None:
        self._storage = storage
        self.entries: dict[str, tuple[SessionSummary, str]] = {}
        self.tombstones: set[str] = set()
        self.generations: dict[str, int] = {}  # file id -> the session file's save generation
        self.dirty = False

    @property
    def generation(self) -> int:
        """How many times the index file has been written (0 when never, or unknown)."""
        return self._storage.generation or 0

    @property
    def served_previous(self) -> bool:
        """True when the index was read from its previous save."""
        return bool(getattr(self._storage, "served_previous", False))

    @classmethod
    def load(cls, storage: VaultStorage) -> SessionIndex:
        """Read the index file; VaultDamaged when missing or malformed."""
        index = cls(storage)
        if storage.read() is None:
            raise damaged(storage.display, "missing")
        db = open_db(storage)
        try:
            for document in db.table(SESSIONS_TABLE).all():
                summary, file_id = SessionSummary.from_dict(dict(document))
                bytes.fromhex(file_id)
                index.entries[summary.id] = (summary, file_id)
            for document in db.table(TOMBSTONES_TABLE).all():
                index.tombstones.add(str(document["file"]))
            for document in db.table(GENERATIONS_TABLE).all():
                generation = document["generation"]
                if isinstance(generation, bool) or not isinstance(generation, int):
                    raise TypeError("generation")
                index.generations[str(document["file"])] = generation
        except (KeyError, TypeError, ValueError):
            raise damaged(storage.display, "malformed_index") from None
        return index

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

    def summaries(self) -> list[SessionSummary]:
        """Every summary, newest first by creation time."""
        items = sorted((s for s, _ in self.entries.values()), key=lambda s: s.id)
        return sorted(
            items,
            key=lambda s: float("-inf") if s.created is None else s.created.timestamp(),
            reverse=True,
        )
