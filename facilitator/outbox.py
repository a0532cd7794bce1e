"""Provides the outbox: approved summaries waiting to be sent, kept in the encrypted vault.

Pure state plus load/save through the vault's documents. The local session id is linked to
its random summary id only here, inside the vault, so a withdrawal can find the upload.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from facilitator.errors import InvalidInput, NewerFormat

DOCUMENT = "outbox"
VERSION = 1


class DocumentStore(Protocol):
    """The part of the vault the outbox needs: named, encrypted JSON documents."""

    def load_document(self, name: str) -> dict[str, Any] | None:
        """The document saved under `name`, or None/{} when there is none."""
        ...

    def save_document(self, name: str, data: dict[str, Any]) -> None:
        """Save `data` under `name` atomically."""
        ...


class EntryStatus(StrEnum):
    """Where an approved summary is on its way to the network."""

    QUEUED = "queued"
    SENT = "sent"
    WITHDRAWN = "withdrawn"


class AlreadyShared(InvalidInput):
    """The session's summary is already on the server; withdraw it before sharing again."""


class NotInOutbox(InvalidInput):
    """No outbox entry matches the given session or summary id."""


@dataclass(frozen=True)
class OutboxEntry:
    """One approved summary: its exact payload, when it was approved and how far it got."""

    session_id: str
    summary_id: str
    payload: str
    approved_at: datetime
    status: EntryStatus = EntryStatus.QUEUED
    attempts: int = 0
    sent_at: datetime | None = None
    last_error: str | None = None

    @property
    def payload_bytes(self) -> bytes:
        """The bytes that are sent, exactly as previewed and approved."""
        return self.payload.encode("utf-8")


@dataclass(frozen=True)
class Outbox:
    """Every entry ever approved from this vault, oldest first."""

    entries: tuple[OutboxEntry, ...] = ()
    reserved: tuple[tuple[str, str], ...] = ()  # (session id, summary id) shown in a preview

    @property
    def queued(self) -> tuple[OutboxEntry, ...]:
        """Entries still waiting to be sent."""
        return tuple(e for e in self.entries if e.status is EntryStatus.QUEUED)

    def latest_for(self, key: str) -> OutboxEntry | None:
        """The newest entry for a session id or summary id (or a unique prefix of either)."""
        matches = [
            e
            for e in self.entries
            if key in (e.session_id, e.summary_id)
            or (len(key) >= 6 and (e.session_id.startswith(key) or e.summary_id.startswith(key)))
        ]
        return matches[-1] if matches else None

    def summary_id_for(self, session_id: str, fresh: Callable[[], str]) -> tuple[Outbox, str]:
        """The summary id a preview of this session shows, kept so approval sends the same bytes.

        A queued entry's id is reused; a shared or withdrawn one never is (a new random id).
        """
        current = self.latest_for(session_id)
        if current is not None and current.status is EntryStatus.QUEUED:
            return self, current.summary_id
        for sid, summary_id in self.reserved:
            if sid == session_id:
                return self, summary_id
        summary_id = fresh()
        return replace(self, reserved=(*self.reserved, (session_id, summary_id))), summary_id

    def _with(self, entry: OutboxEntry) -> Outbox:
        others = tuple(e for e in self.entries if e.summary_id != entry.summary_id)
        entries = tuple(sorted((*others, entry), key=lambda e: (e.approved_at, e.summary_id)))
        reserved = tuple(r for r in self.reserved if r[1] != entry.summary_id)
        return Outbox(entries, reserved)

    def _entry(self, summary_id: str) -> OutboxEntry:
        for entry in self.entries:
            if entry.summary_id == summary_id:
                return entry
        raise NotInOutbox("errors.outbox.not_queued", summary_id=summary_id)

    def approve(self, session_id: str, summary_id: str, payload: bytes, now: datetime) -> Outbox:
        """Queue an approved payload; a queued one for the same session is replaced."""
        current = self.latest_for(session_id)
        if current is not None and current.status is EntryStatus.SENT:
            raise AlreadyShared("errors.outbox.already_shared")
        outbox = self
        if current is not None and current.status is EntryStatus.QUEUED:
            outbox = replace(self, entries=tuple(e for e in self.entries if e is not current))
        entry = OutboxEntry(session_id, summary_id, payload.decode("utf-8"), now)
        return outbox._with(entry)

    def attempted(self, summary_id: str, error: str | None = None) -> Outbox:
        """Count one more send attempt (recorded before sending, so a crash still counts)."""
        entry = self._entry(summary_id)
        return self._with(replace(entry, attempts=entry.attempts + 1, last_error=error))

    def failed(self, summary_id: str, error: str) -> Outbox:
        """Record why the last attempt failed; the entry stays queued."""
        return self._with(replace(self._entry(summary_id), last_error=error))

    def sent(self, summary_id: str, now: datetime) -> Outbox:
        """Mark an entry delivered, only after the server answered 2xx."""
        entry = self._entry(summary_id)
        return self._with(replace(entry, status=EntryStatus.SENT, sent_at=now, last_error=None))

    def withdrawn(self, summary_id: str) -> Outbox:
        """Mark an entry withdrawn: removed from the queue or deleted on the server."""
        entry = self._entry(summary_id)
        return self._with(replace(entry, status=EntryStatus.WITHDRAWN, last_error=None))


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def outbox_to_dict(outbox: Outbox) -> dict[str, Any]:
    """The outbox as a versioned JSON-safe document."""
    return {
        "version": VERSION,
        "entries": [
            {
                "session_id": e.session_id,
                "summary_id": e.summary_id,
                "payload": e.payload,
                "approved_at": e.approved_at.isoformat(),
                "status": e.status.value,
                "attempts": e.attempts,
                "sent_at": _iso(e.sent_at),
                "last_error": e.last_error,
            }
            for e in outbox.entries
        ],
        "reserved": [list(pair) for pair in outbox.reserved],
    }


def _entry_from(data: object, index: int) -> OutboxEntry:
    where = f"outbox.entries[{index}]"
    if not isinstance(data, Mapping):
        raise InvalidInput("errors.outbox.damaged", where=where)
    try:
        sent_at = data.get("sent_at")
        return OutboxEntry(
            session_id=str(data["session_id"]),
            summary_id=str(data["summary_id"]),
            payload=str(data["payload"]),
            approved_at=datetime.fromisoformat(str(data["approved_at"])),
            status=EntryStatus(str(data.get("status", "queued"))),
            attempts=int(data.get("attempts", 0)),
            sent_at=None if sent_at is None else datetime.fromisoformat(str(sent_at)),
            last_error=None if data.get("last_error") is None else str(data["last_error"]),
        )
    except (KeyError, ValueError, TypeError):
        raise InvalidInput("errors.outbox.damaged", where=where) from None


def outbox_from_dict(data: Mapping[str, Any] | None) -> Outbox:
    """An outbox from its document; an empty one when there is none yet."""
    if not data:
        return Outbox()
    version = data.get("version")
    if isinstance(version, int) and version > VERSION:
        raise NewerFormat("errors.outbox.newer")
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise InvalidInput("errors.outbox.damaged", where="outbox.entries")
    reserved = data.get("reserved", [])
    if not isinstance(reserved, list):
        raise InvalidInput("errors.outbox.damaged", where="outbox.reserved")
    pairs = tuple((str(p[0]), str(p[1])) for p in reserved if isinstance(p, list) and len(p) == 2)
    return Outbox(tuple(_entry_from(item, i) for i, item in enumerate(entries)), pairs)


def load_outbox(store: DocumentStore) -> Outbox:
    """The outbox saved in the vault."""
    try:
        document = store.load_document(DOCUMENT)
    except KeyError:
        document = None
    return outbox_from_dict(document)


def save_outbox(store: DocumentStore, outbox: Outbox) -> None:
    """Save the outbox into the vault (atomic, encrypted)."""
    store.save_document(DOCUMENT, outbox_to_dict(outbox))
