"""Tests idempotency under real concurrency: 50 identical PUTs over HTTP store one summary."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sync.server import admin
from sync.server.db import make_engine, migrate
from sync.server.models import rating_atoms, summaries
from tests.sync.server.conftest import make_summary
from tests.sync.server.live import LiveServer, live_server


def _put(server: LiveServer, token: str, body: bytes, sid: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    conn.request("PUT", f"/v1/summaries/{sid}", body=body, headers=headers)
    answer = conn.getresponse()
    result = (answer.status, answer.read())
    conn.close()
    return result


def test_fifty_simultaneous_identical_puts_store_one(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    admin.create_network(engine, "alpha")
    admin.create_organisation(engine, "alpha", "a1")
    token = admin.issue_token(engine, "alpha", "a1")
    summary = make_summary()
    sid = summary["summary_id"]
    body = json.dumps(summary).encode()
    results: list[tuple[int, bytes]] = []
    lock = threading.Lock()
    with live_server(database_url, tmp_path) as server:
        barrier = threading.Barrier(50)

        def worker() -> None:
            barrier.wait()
            outcome = _put(server, token, body, sid)
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=worker) for _ in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        conflicting = json.dumps({**summary, "phase": "evaluation"}).encode()
        conflict = _put(server, token, conflicting, sid)
        log = server.log_text()
    assert len(results) == 50
    assert {status for status, _ in results} == {201}
    assert len({answer for _, answer in results}) == 1
    assert conflict[0] == 409
    with engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(summaries)).scalar_one()
        sessions = conn.execute(sa.select(sa.func.sum(rating_atoms.c.sessions))).scalar_one()
    assert stored == 1
    assert sessions == 1
    assert token not in log
    assert "evaluation" not in log
    engine.dispose()


def test_chunked_oversize_body_over_real_http_is_413(database_url: str, tmp_path: Path) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    admin.create_network(engine, "alpha")
    admin.create_organisation(engine, "alpha", "a1")
    token = admin.issue_token(engine, "alpha", "a1")
    engine.dispose()
    with live_server(database_url, tmp_path) as server:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
        headers: dict[str, Any] = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        }
        chunks = (b" " * 8192 for _ in range(10))
        conn.request(
            "PUT", f"/v1/summaries/{make_summary()['summary_id']}", body=chunks,
            headers=headers, encode_chunked=True,
        )  # fmt: skip
        assert conn.getresponse().status == 413
        conn.close()
