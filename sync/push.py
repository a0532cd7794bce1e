"""Provides delivery of the outbox: each queued summary is sent once, marked sent only on 2xx.

The attempt is saved before sending and success after, so a crash in between only causes an
idempotent replay (same id, same body, same Idempotency-Key) that the server answers as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from facilitator.clock import Clock
from facilitator.errors import FacilitatorError, Text
from facilitator.i18n.catalog import load_catalog
from facilitator.outbox import DocumentStore, EntryStatus, NotInOutbox, load_outbox, save_outbox
from sync.client import Conflict, Rejected, SyncClient, SyncError


@dataclass(frozen=True)
class PushProgress:
    """One step of a push: how many of how many, and what happened to this summary."""

    done: int
    total: int
    summary_id: str
    outcome: str  # "sending", "sent", "replayed", "conflict", "rejected", "failed"


@dataclass(frozen=True)
class PushReport:
    """The result of a push: delivered ids, conflicts, what is still queued and why it stopped.

    `failure` renders in any language (`failure.render(lang)`); `error` is its English text.
    """

    sent: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    remaining: int = 0
    failure: SyncError | None = None

    @property
    def error(self) -> str | None:
        """Why the push stopped or a summary was refused, in English; None when all went well."""
        return None if self.failure is None else str(self.failure)


class Withdrawal(StrEnum):
    """What a withdrawal did; the CLI shows `cli.sync.withdraw_<value>`."""

    ALREADY = "already"
    DEQUEUED = "dequeued"
    DELETED = "deleted"
    GONE = "gone"


ProgressCallback = Callable[[PushProgress], None]


def _ignore(_: PushProgress) -> None:
    """No progress display."""


def push_outbox(
    store: DocumentStore,
    client: SyncClient,
    clock: Clock,
    progress: ProgressCallback = _ignore,
) -> PushReport:
    """Send every queued summary; stop at the first network failure, leaving the rest queued."""
    queued = load_outbox(store).queued
    total = len(queued)
    sent: list[str] = []
    conflicts: list[str] = []
    error: SyncError | None = None
    for index, entry in enumerate(queued):
        sid = entry.summary_id
        progress(PushProgress(index, total, sid, "sending"))
        save_outbox(store, load_outbox(store).attempted(sid))
        try:
            fresh = client.put_summary(sid, entry.payload_bytes)
        except Conflict as failure:
            save_outbox(store, load_outbox(store).failed(sid, failure_note(failure)))
            conflicts.append(sid)
            progress(PushProgress(index + 1, total, sid, "conflict"))
            continue
        except Rejected as failure:
            save_outbox(store, load_outbox(store).failed(sid, failure_note(failure)))
            progress(PushProgress(index + 1, total, sid, "rejected"))
            error = failure
            continue
        except SyncError as failure:
            save_outbox(store, load_outbox(store).failed(sid, failure_note(failure)))
            progress(PushProgress(index, total, sid, "failed"))
            error = failure
            break
        save_outbox(store, load_outbox(store).sent(sid, clock.now()))
        sent.append(sid)
        progress(PushProgress(index + 1, total, sid, "sent" if fresh else "replayed"))
    remaining = len(load_outbox(store).queued)
    return PushReport(tuple(sent), tuple(conflicts), remaining, error)


def failure_note(error: FacilitatorError) -> str:
    """How a failed attempt is kept in the outbox: `errors.sync.refused status=418`.

    A catalog key with plain parameters, so `sync status` can show it in any language.
    """
    text = error.text
    if text is None or not all(_plain(value) for _, value in text.params):
        return str(error)
    return " ".join([text.key, *(f"{name}={value}" for name, value in text.params)])


def _plain(value: object) -> bool:
    return isinstance(value, int | str) and not any(c.isspace() or c == "=" for c in str(value))


def note_text(note: str) -> Text | str:
    """A saved failure note as a translatable Text; older plain sentences stay as written."""
    key, *pairs = note.split(" ")
    if key not in load_catalog("en") or not all("=" in pair for pair in pairs):
        return note
    split = (pair.partition("=") for pair in pairs)
    return Text(key, tuple((name, value) for name, _, value in split))


def withdraw(store: DocumentStore, key: str, client: Callable[[], SyncClient]) -> Withdrawal:
    """Withdraw a session's summary: drop it from the queue, or DELETE it on the server."""
    outbox = load_outbox(store)
    entry = outbox.latest_for(key)
    if entry is None:
        raise NotInOutbox("errors.sync.nothing_shared")
    if entry.status is EntryStatus.WITHDRAWN:
        return Withdrawal.ALREADY
    if entry.status is EntryStatus.QUEUED:
        save_outbox(store, outbox.withdrawn(entry.summary_id))
        return Withdrawal.DEQUEUED
    found = client().delete_summary(entry.summary_id)
    save_outbox(store, load_outbox(store).withdrawn(entry.summary_id))
    return Withdrawal.DELETED if found else Withdrawal.GONE
