"""Tests the outbox state machine and its round trip through a document store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from facilitator.errors import NewerFormat
from facilitator.outbox import (
    AlreadyShared,
    EntryStatus,
    NotInOutbox,
    Outbox,
    load_outbox,
    outbox_from_dict,
    outbox_to_dict,
    save_outbox,
)

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
A = "11111111-1111-4111-8111-111111111111"
B = "22222222-2222-4222-8222-222222222222"


class MemoryDocuments:
    """A dict standing in for the vault's encrypted documents."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}

    def load_document(self, name: str) -> dict[str, Any] | None:
        return self.documents.get(name)

    def save_document(self, name: str, data: dict[str, Any]) -> None:
        self.documents[name] = data


def test_approve_queues_the_exact_payload_with_the_time() -> None:
    outbox = Outbox().approve("s1", A, b'{"a":"\xc3\xa5"}', T0)
    (entry,) = outbox.queued
    assert entry.payload_bytes == b'{"a":"\xc3\xa5"}'
    assert entry.approved_at == T0 and entry.status is EntryStatus.QUEUED


def test_reapproving_a_queued_session_replaces_it() -> None:
    outbox = Outbox().approve("s1", A, b"{}", T0).approve("s1", B, b"[]", T0 + timedelta(1))
    assert [e.summary_id for e in outbox.entries] == [B]


def test_a_sent_session_must_be_withdrawn_before_sharing_again() -> None:
    outbox = Outbox().approve("s1", A, b"{}", T0).sent(A, T0)
    with pytest.raises(AlreadyShared):
        outbox.approve("s1", B, b"{}", T0)
    outbox = outbox.withdrawn(A).approve("s1", B, b"{}", T0 + timedelta(1))
    assert [e.status for e in outbox.entries] == [EntryStatus.WITHDRAWN, EntryStatus.QUEUED]


def test_attempts_and_errors_keep_the_entry_queued_until_sent() -> None:
    outbox = Outbox().approve("s1", A, b"{}", T0).attempted(A).failed(A, "server error 503")
    (entry,) = outbox.queued
    assert entry.attempts == 1 and entry.last_error == "server error 503"
    outbox = outbox.attempted(A).sent(A, T0)
    assert outbox.queued == () and outbox.entries[0].attempts == 2
    assert outbox.entries[0].last_error is None


def test_lookup_by_session_summary_or_prefix() -> None:
    outbox = Outbox().approve("0123456789abcdef", A, b"{}", T0)
    assert outbox.latest_for("s1") is None
    assert outbox.latest_for(A) is outbox.latest_for("012345") is outbox.entries[0]
    with pytest.raises(NotInOutbox):
        outbox.sent(B, T0)


def test_round_trip_through_the_store() -> None:
    store = MemoryDocuments()
    assert load_outbox(store) == Outbox()
    outbox = Outbox().approve("s1", A, b"{}", T0).attempted(A).sent(A, T0)
    save_outbox(store, outbox)
    assert load_outbox(store) == outbox
    assert outbox_from_dict(outbox_to_dict(outbox)) == outbox


def test_newer_outbox_is_refused() -> None:
    with pytest.raises(NewerFormat):
        outbox_from_dict({"version": 99, "entries": []})


def test_a_previewed_summary_id_is_kept_until_approved_and_never_reused_after_sharing() -> None:
    ids = iter([A, B])
    outbox, first = Outbox().summary_id_for("s1", lambda: next(ids))
    again, second = outbox.summary_id_for("s1", lambda: next(ids))
    assert first == second == A and again == outbox
    outbox = outbox.approve("s1", A, b"{}", T0)
    assert outbox.reserved == ()
    assert outbox.summary_id_for("s1", lambda: next(ids))[1] == A
    outbox = outbox.sent(A, T0).withdrawn(A)
    outbox, third = outbox.summary_id_for("s1", lambda: next(ids))
    assert third == B
    assert outbox_from_dict(outbox_to_dict(outbox)) == outbox
