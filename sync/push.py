"""Provides delivery of the outbox: each queued summary is sent once, marked sent only on 2xx.

The attempt is saved before sending and success after, so a crash in between only causes an
idempotent replay (same id, same body, same Idempotency-Key) that the server answers as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator.clock import Clock
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
    """The result of a push: delivered ids, conflicts, what is still queued and why it stopped."""

    sent: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    remaining: int = 0
    error: str | None = None


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
    error: str | None = None
    for index, entry in enumerate(queued):
        sid = entry.summary_id
        progress(PushProgress(index, total, sid, "sending"))
        save_outbox(store, load_outbox(store).attempted(sid))
        try:
            fresh = client.put_summary(sid, entry.payload_bytes)
        except Conflict as failure:
            save_outbox(store, load_outbox(store).failed(sid, str(failure)))
            conflicts.append(sid)
            progress(PushProgress(index + 1, total, sid, "conflict"))
            continue
        except Rejected as failure:
            save_outbox(store, load_outbox(store).failed(sid, str(failure)))
            progress(PushProgress(index + 1, total, sid, "rejected"))
            error = str(failure)
            continue
        except SyncError as failure:
            save_outbox(store, load_outbox(store).failed(sid, str(failure)))
            progress(PushProgress(index, total, sid, "failed"))
            error = str(failure)
            break
        save_outbox(store, load_outbox(store).sent(sid, clock.now()))
        sent.append(sid)
        progress(PushProgress(index + 1, total, sid, "sent" if fresh else "replayed"))
    remaining = len(load_outbox(store).queued)
    return PushReport(tuple(sent), tuple(conflicts), remaining, error)


def withdraw(store: DocumentStore, key: str, client: Callable[[], SyncClient]) -> str:
    """Withdraw a session's summary: drop it from the queue, or DELETE it on the server."""
    outbox = load_outbox(store)
    entry = outbox.latest_for(key)
    if entry is None:
        raise NotInOutbox("nothing was shared or queued for this session")
    if entry.status is EntryStatus.WITHDRAWN:
        return "already withdrawn"
    if entry.status is EntryStatus.QUEUED:
        save_outbox(store, outbox.withdrawn(entry.summary_id))
        return "removed from the queue; it was never sent"
    found = client().delete_summary(entry.summary_id)
    save_outbox(store, load_outbox(store).withdrawn(entry.summary_id))
    return (
        "withdrawn from the network" if found else "the network no longer had it; marked withdrawn"
    )
