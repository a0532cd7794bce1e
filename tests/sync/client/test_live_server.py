"""The sync client against the real server on loopback, with faults injected by a TCP proxy.

Every fault scenario ends with each summary stored exactly once, byte for byte as previewed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.cli.context import CliContext
from facilitator.clock import FakeClock
from facilitator.outbox import EntryStatus
from facilitator.paths import Locations
from facilitator.session import Session
from sync.cli import build_parser, run
from sync.client import RetryPolicy, SyncClient
from sync.push import Withdrawal, note_text
from sync.service import SyncService
from sync.settings import SyncSettings
from tests.facilitator.fixtures import sample_session
from tests.sync.client.conftest import LiveServer, MemoryVault
from tests.sync.client.faultproxy import FaultProxy

FAST = RetryPolicy(attempts=4, base=0.01, cap=0.05, timeout=(0.5, 0.6))


def _sessions(n: int, tag: str) -> list[Session]:
    return [replace(sample_session(), id=f"{tag}{i:030d}"[-32:]) for i in range(n)]


def _service(
    url: str, token: str, sleeps: list[float], policy: RetryPolicy = FAST
) -> tuple[SyncService, MemoryVault]:
    vault = MemoryVault()

    def factory(settings: SyncSettings) -> SyncClient:
        assert settings.server and settings.token
        return SyncClient(
            settings.server, settings.token, policy=policy, sleep=sleeps.append, rand=lambda: 0.5
        )

    service = SyncService(lambda: vault, FakeClock(), factory)
    service.configure(SyncSettings(server=url, token=token, region="SE-F"))
    return service, vault


def _approve_all(
    service: SyncService, vault: MemoryVault, sessions: list[Session]
) -> dict[str, bytes]:
    out = {}
    for s in sessions:
        vault.sessions[s.id] = s
        entry = service.approve(s)
        out[entry.summary_id] = entry.payload_bytes
    return out


def _assert_stored_once(live: LiveServer, expected: dict[str, bytes]) -> None:
    bodies = live.bodies()
    for sid, payload in expected.items():
        assert bodies.get(sid, []) == [hashlib.sha256(payload).hexdigest()], sid


def test_cli_preview_equals_the_bytes_the_server_stores(live_server: LiveServer) -> None:
    service, vault = _service(live_server.url, live_server.token, [])
    session = sample_session()
    vault.sessions[session.id] = session
    out = io.StringIO()
    ctx = CliContext(
        args=argparse.Namespace(),
        locations=Locations(vault=Path("unused"), config=Path("unused")),
        out=out,
        err=io.StringIO(),
        stdin=io.StringIO(),
        clock=FakeClock(),
    )
    assert run(build_parser().parse_args(["preview", session.id[:8]]), ctx, service, vault) == 0  # type: ignore[arg-type]
    previewed = out.getvalue().removesuffix("\n").encode("utf-8")
    assert run(build_parser().parse_args(["approve", session.id]), ctx, service, vault) == 0  # type: ignore[arg-type]
    assert run(build_parser().parse_args(["push"]), ctx, service, vault) == 0  # type: ignore[arg-type]
    (entry,) = service.outbox().entries
    assert entry.status is EntryStatus.SENT
    assert live_server.bodies()[entry.summary_id] == [hashlib.sha256(previewed).hexdigest()]
    assert previewed == entry.payload_bytes


@pytest.mark.parametrize(
    "fault", ["429", "500", "503", "503-retry-after", "slow", "reset-before", "reset-after"]
)
def test_each_fault_ends_with_every_summary_stored_exactly_once(
    live_server: LiveServer, proxy: FaultProxy, fault: str
) -> None:
    sleeps: list[float] = []
    service, vault = _service(proxy.url, live_server.token, sleeps)
    expected = _approve_all(service, vault, _sessions(3, fault.replace("-", "")[:6]))
    proxy.inject(fault, fault, "pass", fault)
    steps: list[str] = []
    report = service.push(lambda p: steps.append(p.outcome))
    assert report.error is None and report.remaining == 0, report
    assert len(report.sent) == 3
    _assert_stored_once(live_server, expected)
    assert all(e.status is EntryStatus.SENT for e in service.outbox().entries)
    if fault == "503-retry-after":
        assert max(sleeps) >= 7
    assert sleeps, "retries waited through the injected sleep"


def test_a_refusal_is_not_retried(live_server: LiveServer, proxy: FaultProxy) -> None:
    sleeps: list[float] = []
    service, vault = _service(proxy.url, live_server.token, sleeps)
    (sid,) = _approve_all(service, vault, _sessions(1, "refused"))
    before = len(proxy.seen)
    proxy.inject("400")
    report = service.push()
    assert report.error and "HTTP 400" in report.error and report.remaining == 1
    assert proxy.seen[before:] == ["400"] and sleeps == []
    assert sid not in live_server.bodies()


def test_a_server_that_keeps_failing_is_tried_as_often_as_the_policy_says(
    live_server: LiveServer, proxy: FaultProxy
) -> None:
    sleeps: list[float] = []
    service, vault = _service(proxy.url, live_server.token, sleeps)
    _approve_all(service, vault, _sessions(1, "failing"))
    before = len(proxy.seen)
    proxy.inject(*["503"] * FAST.attempts)
    report = service.push()
    assert report.error and "HTTP 503" in report.error and report.remaining == 1
    assert proxy.seen[before:] == ["503"] * FAST.attempts and len(sleeps) == FAST.attempts - 1


def test_server_down_keeps_the_queue_and_delivers_once_later(
    live_server: LiveServer, proxy: FaultProxy
) -> None:
    sleeps: list[float] = []
    closed = FaultProxy(("127.0.0.1", 9))
    down_url = closed.url
    closed.close()
    service, vault = _service(down_url, live_server.token, sleeps)
    expected = _approve_all(service, vault, _sessions(2, "down"))
    report = service.push()
    assert report.error and "reached" in report.error and report.remaining == 2
    assert len(sleeps) == FAST.attempts - 1
    assert live_server.token not in report.error
    service.configure(replace(service.settings(), server=proxy.url))
    assert service.push().remaining == 0
    _assert_stored_once(live_server, expected)


def test_a_crash_after_the_server_stored_it_is_replayed_not_duplicated(
    live_server: LiveServer, proxy: FaultProxy
) -> None:
    once = RetryPolicy(attempts=1, base=0.01, cap=0.05, timeout=(0.5, 0.6))
    service, vault = _service(proxy.url, live_server.token, [], once)
    expected = _approve_all(service, vault, _sessions(1, "crash"))
    proxy.inject("reset-after")
    report = service.push()
    assert report.remaining == 1 and service.outbox().entries[0].attempts == 1
    _assert_stored_once(live_server, expected)  # the server has it; we do not know yet
    report = service.push()
    assert report.remaining == 0 and service.outbox().entries[0].attempts == 2
    _assert_stored_once(live_server, expected)


def test_a_different_body_under_the_same_id_is_reported_as_conflict(
    live_server: LiveServer,
) -> None:
    service, vault = _service(live_server.url, live_server.token, [])
    (sid,) = _approve_all(service, vault, _sessions(1, "conflict"))
    client = SyncClient(live_server.url, live_server.token)
    other = service.outbox().entries[0].payload_bytes.replace(b'"time"', b'"money"')
    assert client.put_summary(sid, other) is True
    report = service.push()
    assert report.conflicts == (sid,) and report.remaining == 1
    note = service.outbox().entries[0].last_error or ""
    assert note == "errors.sync.conflict" and "different summary" in str(note_text(note))


def test_withdraw_deletes_on_the_server_or_only_dequeues(live_server: LiveServer) -> None:
    service, vault = _service(live_server.url, live_server.token, [])
    sent, queued = _sessions(2, "withdraw")
    (sid,) = _approve_all(service, vault, [sent])
    service.push()
    assert sid in live_server.bodies()
    assert service.withdraw(sent.id) is Withdrawal.DELETED
    assert sid not in live_server.bodies()
    (qid,) = _approve_all(service, vault, [queued])
    assert service.withdraw(qid) is Withdrawal.DEQUEUED
    assert service.withdraw(qid) is Withdrawal.ALREADY
    assert service.push().sent == ()


def test_connection_test_and_stats(live_server: LiveServer) -> None:
    service, vault = _service(live_server.url, live_server.token, [])
    assert service.test()["organisation"] == "jonkoping-primary"
    _approve_all(service, vault, _sessions(1, "stats"))
    service.push()
    from sync.server import admin

    admin.release(live_server.engine, "esther")
    rows = service.stats()
    assert any(r.dimension == "resources" and r.role_group == "professionals" for r in rows)
    mine = next(r for r in rows if r.dimension == "resources" and r.role_group == "professionals")
    assert mine.own_mean == 2.0 and mine.own_sessions == 1


def test_a_bad_token_is_a_clear_error_without_the_token(live_server: LiveServer) -> None:
    service, _ = _service(live_server.url, "fst_wrong-token-value", [])
    with pytest.raises(Exception) as caught:
        service.test()
    assert "token" in str(caught.value) and "fst_wrong" not in str(caught.value)


def test_preview_and_approve_refuse_a_template_the_network_does_not_know(
    live_server: LiveServer,
) -> None:
    from facilitator.anonymize import SummaryRefused

    service, vault = _service(live_server.url, live_server.token, [])
    known = sample_session()
    assert service.preview(known)
    unknown = replace(known, template=replace(known.template, id="care-talk"))
    vault.sessions[unknown.id] = unknown
    for attempt in (service.preview, service.approve):
        with pytest.raises(SummaryRefused) as caught:
            attempt(unknown)
        assert "template-register" in caught.value.render("en")
        assert "template-register" in caught.value.render("sv")
    assert service.outbox().queued == ()


def test_offline_preview_uses_the_registry_last_read(live_server: LiveServer) -> None:
    from facilitator.anonymize import SummaryRefused

    service, _vault = _service(live_server.url, live_server.token, [])
    assert service.preview(sample_session())
    service.configure(SyncSettings(server="http://127.0.0.1:9", token=live_server.token))
    unknown = replace(sample_session(), template=replace(sample_session().template, version=9))
    with pytest.raises(SummaryRefused):
        service.preview(unknown)
    assert service.preview(sample_session())
