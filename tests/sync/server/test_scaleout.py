"""Tests the server with several worker processes: idempotency races, shared limit, revocation.

On PostgreSQL the server runs 2 worker processes on loopback; SQLite runs its one process.
Each test holds keep-alive connections that it has checked reach every worker (by which
process owns the server side of each socket), so every race really spans the processes.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync.server import admin
from sync.server.cli import main
from sync.server.db import make_engine, migrate
from sync.server.models import idempotency_keys, rating_atoms, summaries
from tests.sync.server.conftest import make_summary
from tests.sync.server.live import LiveServer, live_server

CLIENTS = 50


def _descendants(pid: int) -> list[int]:
    """Return a process and all its descendants, from /proc."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in children:
            found.extend(_descendants(int(child)))
    return found


def _socket_owners(pids: list[int]) -> dict[str, int]:
    """Return which of `pids` holds each open socket inode."""
    owners = {}
    for pid in pids:
        fd_dir = Path(f"/proc/{pid}/fd")
        for fd in fd_dir.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                owners[target[8:-1]] = pid
    return owners


def _serving_pids(server: LiveServer, client_ports: list[int]) -> list[int | None]:
    """Return, per client port, the pid of the server process that accepted that connection."""
    owners = _socket_owners(_descendants(server.pid))
    by_port: dict[int, int | None] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if local_port == server.port and fields[3] == "01":
                by_port[remote_port] = owners.get(fields[9])
    return [by_port.get(port) for port in client_ports]


@dataclass
class Connections:
    """Keep-alive connections to a server and the worker process serving each."""

    conns: list[http.client.HTTPConnection]
    workers: list[int | None]

    def request(
        self, index: int, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> int:
        """Send one request on connection `index`; return its status."""
        conn = self.conns[index]
        conn.request(method, path, body=body or None, headers=headers)
        answer = conn.getresponse()
        answer.read()
        return answer.status


@pytest.fixture
def connect() -> Iterator[Callable[[LiveServer, int, int], Connections]]:
    """Yield a function opening `count` connections that together reach `workers` processes."""
    opened: list[http.client.HTTPConnection] = []

    def open_connections(server: LiveServer, count: int, workers: int) -> Connections:
        conns: list[http.client.HTTPConnection] = []
        while True:
            while len(conns) < count:
                conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
                opened.append(conn)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                conns.append(conn)
            assert all(c.sock is not None for c in conns)
            ports = [c.sock.getsockname()[1] for c in conns]  # type: ignore[union-attr]
            serving = _serving_pids(server, ports)
            assert None not in serving
            if len(set(serving)) >= workers or count >= 8 * CLIENTS:
                break
            count *= 2
        assert len(set(serving)) == workers, f"connections reached {len(set(serving))} workers"
        # Interleave by worker, so any leading slice of the connections reaches all of them.
        groups: dict[int | None, list[int]] = {}
        for index, pid in enumerate(serving):
            groups.setdefault(pid, []).append(index)
        order = [i for row in itertools.zip_longest(*groups.values()) for i in row if i is not None]
        return Connections([conns[i] for i in order], [serving[i] for i in order])

    yield open_connections
    for conn in opened:
        conn.close()


@dataclass
class Site:
    """A migrated database with one organisation's token, and how many workers to run."""

    url: str
    engine: sa.Engine
    token: str
    workers: int

    def headers(self, key: str | None = None) -> dict[str, str]:
        """Return the headers of an authenticated JSON request, with an Idempotency-Key."""
        out = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        if key is not None:
            out["Idempotency-Key"] = key
        return out

    def count(self, table: sa.Table) -> int:
        """Return how many rows a table holds."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

    def sessions(self) -> int:
        """Return how many sessions the rating atoms hold in total."""
        with self.engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.sum(rating_atoms.c.sessions))).scalar()
        return int(total or 0)


@pytest.fixture
def site(database_url: str) -> Iterator[Site]:
    """Yield a database with network `alpha`, organisation `a1` and its token."""
    engine = make_engine(database_url)
    migrate(engine)
    admin.create_network(engine, "alpha")
    admin.create_organisation(engine, "alpha", "a1")
    token = admin.issue_token(engine, "alpha", "a1")
    workers = 2 if engine.dialect.name == "postgresql" else 1
    yield Site(database_url, engine, token, workers)
    engine.dispose()


def _together(count: int, action: Callable[[int], int]) -> list[int]:
    """Run `action(i)` for i < count in threads released at once; return the results."""
    results: list[int] = [0] * count
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = action(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_one_idempotency_key_for_fifty_ids_stores_one(
    site: Site, tmp_path: Path, connect: Callable[[LiveServer, int, int], Connections]
) -> None:
    key = str(uuid.uuid4())
    bodies = [make_summary() for _ in range(CLIENTS)]
    with live_server(site.url, tmp_path, workers=site.workers) as server:
        pool = connect(server, CLIENTS, site.workers)
        statuses = _together(
            CLIENTS,
            lambda i: pool.request(
                i,
                "PUT",
                f"/v1/summaries/{bodies[i]['summary_id']}",
                site.headers(key),
                json.dumps(bodies[i]).encode(),
            ),
        )
        log = server.log_text()
    assert sorted(statuses) == [201] + [409] * (CLIENTS - 1), statuses
    assert site.count(summaries) == 1
    assert site.count(idempotency_keys) == 1
    assert site.sessions() == 1
    assert "Traceback" not in log


def test_fifty_identical_puts_store_one(
    site: Site, tmp_path: Path, connect: Callable[[LiveServer, int, int], Connections]
) -> None:
    key = str(uuid.uuid4())
    body = make_summary()
    raw = json.dumps(body).encode()
    path = f"/v1/summaries/{body['summary_id']}"
    with live_server(site.url, tmp_path, workers=site.workers) as server:
        pool = connect(server, CLIENTS, site.workers)
        statuses = _together(
            CLIENTS, lambda i: pool.request(i, "PUT", path, site.headers(key), raw)
        )
    assert statuses == [201] * CLIENTS
    assert site.count(summaries) == 1
    assert site.sessions() == 1


def test_rate_limit_holds_across_workers_within_a_fifth_both_ways(
    site: Site, tmp_path: Path, connect: Callable[[LiveServer, int, int], Connections]
) -> None:
    """Clients that always ask get the configured rate through: not 20% more, not 20% less.

    A token bucket full at the start lets `burst + rate x t` through over t seconds of
    unbroken demand. Requests reach the server between the first send and the last answer,
    which bounds t from above; the last send and the first answer bound it from below (a
    bucket of `burst` rides out any pause in demand shorter than burst / rate seconds).
    Limits kept per process would let about twice the upper bound through; a limit that
    loses refills under contention would fall below the lower one.
    """
    rate, burst, seconds, clients = 20.0, 20, 4.0, 16
    seen: list[tuple[float, float, int | None, int]] = []  # sent, answered, worker, status
    lock = threading.Lock()
    with live_server(
        site.url, tmp_path, workers=site.workers, rate_per_second=rate, rate_burst=burst
    ) as server:
        pool = connect(server, clients, site.workers)
        stop = time.monotonic() + seconds

        def hammer(index: int) -> int:
            while (sent := time.monotonic()) < stop:
                status = pool.request(index, "GET", "/v1/me", site.headers())
                with lock:
                    seen.append((sent, time.monotonic(), pool.workers[index], status))
            return 0

        _together(clients, hammer)
    allowed = sum(1 for *_, status in seen if status == 200)
    assert {status for *_, status in seen} == {200, 429}
    assert len({worker for _, _, worker, _ in seen}) == site.workers
    first_sent, last_sent = min(s[0] for s in seen), max(s[0] for s in seen)
    first_answer, last_answer = min(s[1] for s in seen), max(s[1] for s in seen)
    most = burst + rate * (last_answer - first_sent)
    least = burst + rate * (last_sent - first_answer) - 1
    statuses = Counter((worker, status) for _, _, worker, status in seen)
    assert allowed <= 1.2 * most, (allowed, most, statuses)
    assert allowed >= 0.8 * least, (allowed, least, statuses)


def test_revocation_counts_at_once_in_every_worker(
    site: Site, tmp_path: Path, connect: Callable[[LiveServer, int, int], Connections]
) -> None:
    with live_server(site.url, tmp_path, workers=site.workers) as server:
        pool = connect(server, 8, site.workers)
        before = [pool.request(i, "GET", "/v1/me", site.headers()) for i in range(8)]
        (token,) = admin.list_tokens(site.engine)
        admin.revoke_token(site.engine, token.id)
        after = [pool.request(i, "GET", "/v1/me", site.headers()) for i in range(8)]
    assert before == [200] * 8
    assert after == [401] * 8


def test_serve_refuses_several_workers_on_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    assert main(["serve", "--db", url, "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "SQLite serves from one process" in err
    assert not (tmp_path / "one.sqlite3").exists()


def test_workers_checking_the_schedule_at_once_publish_one_release(site: Site) -> None:
    from datetime import timedelta

    from sync.server.models import releases
    from sync.server.scheduler import release_due

    made = _together(4, lambda _: release_due(site.engine, timedelta(days=7)))
    assert sum(made) == 1
    assert site.count(releases) == 1
