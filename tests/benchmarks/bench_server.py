"""Benchmarks the sync server on loopback: ingest throughput and grouped-aggregate latency.

`ingest` drives a `facilitator-server serve` process with 32 concurrent clients (target
>= 500 summaries/s on SQLite); `aggregate` queries 100,000 stored summaries (target <= 100 ms).
"""

from __future__ import annotations

import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from facilitator.vocabulary import CareSetting  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.aggregates import AggregateFilter, GroupBy, aggregate  # noqa: E402
from sync.server.auth import NetworkPolicy  # noqa: E402
from sync.server.db import make_engine, migrate  # noqa: E402
from sync.server.ingest import _contributions  # noqa: E402
from sync.server.models import networks, rating_atom_orgs, rating_atoms, summaries  # noqa: E402
from sync.server.schemas import SummaryV2  # noqa: E402
from tests.sync.server.conftest import make_summary  # noqa: E402
from tests.sync.server.live import LiveServer, live_server  # noqa: E402

CLIENTS = 32
INGEST_SECONDS = 6.0
AGGREGATE_SUMMARIES = 100_000
AGGREGATE_RUNS = 31
CARE = tuple(c.value for c in CareSetting)
PHASES = ("before_planning", "during", "evaluation")
MONTHS = tuple(f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13))
DIMENSIONS = ("resources", "attitudes", "perceptions")
ROLES = ("professionals", "users_relatives", "managers")


def _random_summary(rng: random.Random) -> dict[str, Any]:
    """Return a plausible summary with 2-3 role groups rating each dimension."""
    roles = rng.sample(ROLES, rng.choice((2, 3)))
    ratings = [
        (d, r, round(rng.uniform(1, 5), 2), round(rng.uniform(0, 1.5), 2), rng.randint(3, 9))
        for d in DIMENSIONS
        for r in roles
    ]
    return make_summary(
        month=rng.choice(MONTHS), care_setting=rng.choice(CARE), phase=rng.choice(PHASES),
        ratings=ratings,
    )  # fmt: skip


def _drive(
    server: LiveServer, requests: list[list[tuple[str, str, bytes]]], headers: dict[str, str]
) -> tuple[int, float, list[float]]:
    """Send each client's (method, path, body) list on its own keep-alive connection."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop = time.monotonic() + INGEST_SECONDS
    barrier = threading.Barrier(len(requests) + 1)

    def client(batch: list[tuple[str, str, bytes]]) -> None:
        nonlocal failures
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
        mine: list[float] = []
        bad = 0
        barrier.wait()
        for method, path, body in batch:
            if time.monotonic() >= stop:
                break
            started = time.perf_counter()
            conn.request(method, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            answer.read()
            mine.append(time.perf_counter() - started)
            bad += answer.status >= 300
        conn.close()
        with lock:
            latencies.extend(mine)
            failures += bad

    threads = [threading.Thread(target=client, args=(b,)) for b in requests]
    for t in threads:
        t.start()
    barrier.wait()
    began = time.perf_counter()
    for t in threads:
        t.join(timeout=INGEST_SECONDS + 60)
    elapsed = time.perf_counter() - began
    return failures, elapsed, latencies


def _p(values: list[float], q: float) -> float:
    """Return the q-quantile of values, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _setup(db_url: str) -> str:
    """Migrate, create one network and organisation, and return a token."""
    engine = make_engine(db_url)
    migrate(engine)
    admin.create_network(engine, "bench")
    admin.create_organisation(engine, "bench", "org")
    token = admin.issue_token(engine, "bench", "org")
    engine.dispose()
    return token


def bench_ingest(workdir: Path) -> list[dict[str, Any]]:
    """Measure PUT throughput and p99 against the same server's /healthz throughput."""
    db_url = f"sqlite:///{workdir / 'ingest.sqlite3'}"
    headers = {"Authorization": f"Bearer {_setup(db_url)}", "Content-Type": "application/json"}
    rng = random.Random(6)
    per_client = 400
    puts = [
        [
            ("PUT", f"/v1/summaries/{s['summary_id']}", json.dumps(s).encode())
            for s in (_random_summary(rng) for _ in range(per_client))
        ]
        for _ in range(CLIENTS)
    ]
    health = [[("GET", "/healthz", b"")] * 4000 for _ in range(CLIENTS)]
    with live_server(db_url, workdir, access_log=False) as server:
        h_fail, h_elapsed, h_lat = _drive(server, health, headers)
        p_fail, p_elapsed, p_lat = _drive(server, puts, headers)
    if h_fail or p_fail:
        raise RuntimeError(f"ingest benchmark saw failures: health {h_fail}, put {p_fail}")
    health_rate = len(h_lat) / h_elapsed
    put_rate = len(p_lat) / p_elapsed
    return [
        {
            "name": "server.ingest",
            "value": put_rate,
            "unit": f"summaries/s (32 clients, SQLite, p99 {_p(p_lat, 0.99):.1f} ms)",
            "baseline_name": "server.healthz",
            "baseline_value": health_rate,
            "ratio": put_rate / health_rate,
        },
        {
            "name": "server.ingest_p99",
            "value": _p(p_lat, 0.99),
            "unit": "ms",
            "baseline_name": "server.healthz_p99",
            "baseline_value": _p(h_lat, 0.99),
            "ratio": _p(p_lat, 0.99) / _p(h_lat, 0.99),
        },
    ]


def _bulk_load(db_url: str, count: int) -> tuple[str, int]:
    """Store `count` summaries across 40 organisations straight through SQLAlchemy."""
    engine = make_engine(db_url)
    migrate(engine)
    admin.create_network(engine, "bench")
    admin.set_policy(engine, "bench", min_sessions=5, min_organisations=3)
    org_ids = [admin.create_organisation(engine, "bench", f"org-{i}") for i in range(40)]
    token = admin.issue_token(engine, "bench", "org-0")
    with engine.connect() as conn:
        network_id = conn.execute(sa.select(networks.c.id)).scalar_one()
    rng = random.Random(100)
    atoms: dict[tuple[str, ...], list[float]] = {}
    atom_orgs: dict[tuple[Any, ...], int] = {}
    now = datetime.now(UTC)
    batch: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for n in range(count):
            raw = _random_summary(rng)
            raw["summary_id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            summary = SummaryV2.model_validate(raw)
            org = org_ids[n % len(org_ids)]
            body = summary.canonical_json()
            batch.append({"organisation_id": org, "network_id": network_id,
                          "summary_id": raw["summary_id"], "body_hash": "0" * 64,
                          "body": body, "created_at": now})  # fmt: skip
            for c in _contributions(summary):
                key = tuple(c.key.values())
                acc = atoms.setdefault(key, [0, 0, 0, 0.0, 0.0])
                acc[0] += 1
                acc[2] += c.people
                acc[3] += c.sum_mean
                acc[4] += c.sum_square
                okey = (*key, org)
                if okey not in atom_orgs:
                    acc[1] += 1
                atom_orgs[okey] = atom_orgs.get(okey, 0) + 1
            if len(batch) >= 5000:
                conn.execute(sa.insert(summaries), batch)
                batch = []
        if batch:
            conn.execute(sa.insert(summaries), batch)
        names = ("template", "dimension", "role_group", "care_setting", "phase", "month")
        conn.execute(
            sa.insert(rating_atoms),
            [{**dict(zip(names, k, strict=True)), "network_id": network_id, "sessions": v[0],
              "organisations": v[1], "people": v[2], "sum_mean": v[3], "sum_square": v[4]}
             for k, v in atoms.items()],
        )  # fmt: skip
        conn.execute(
            sa.insert(rating_atom_orgs),
            [{**dict(zip(names, k[:-1], strict=True)), "network_id": network_id,
              "organisation_id": k[-1], "sessions": v} for k, v in atom_orgs.items()],
        )  # fmt: skip
    engine.dispose()
    return token, network_id


def _median_ms(fn: Callable[[], object], runs: int = AGGREGATE_RUNS) -> float:
    """Return the median wall time of `fn` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def bench_aggregate(workdir: Path) -> list[dict[str, Any]]:
    """Measure a grouped aggregate over 100,000 summaries, over HTTP and in process."""
    db_url = f"sqlite:///{workdir / 'aggregate.sqlite3'}"
    token, network_id = _bulk_load(db_url, AGGREGATE_SUMMARIES)
    headers = {"Authorization": f"Bearer {token}"}
    query = "/v1/aggregates?group_by=role_group&group_by=care_setting&group_by=month"

    def get(path: str) -> Callable[[], object]:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)

        def call() -> object:
            conn.request("GET", path, headers=headers)
            answer = conn.getresponse()
            body = answer.read()
            if answer.status != 200:
                raise RuntimeError(f"{path} answered {answer.status}")
            return body

        return call

    with live_server(db_url, workdir, access_log=False) as server:
        http_ms = _median_ms(get(query))
        health_ms = _median_ms(get("/healthz"))
    engine = make_engine(db_url)
    policy = NetworkPolicy(5, 3, None, None)
    groups = [GroupBy.ROLE_GROUP, GroupBy.CARE_SETTING, GroupBy.MONTH]
    query_ms = _median_ms(lambda: aggregate(engine, network_id, policy, AggregateFilter(), groups))

    def select_one() -> object:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT 1")).scalar()

    select_ms = _median_ms(select_one)
    engine.dispose()
    return [
        {
            "name": "server.aggregate",
            "value": http_ms,
            "unit": "ms median, HTTP, 100k summaries grouped by role group x care setting x month",
            "baseline_name": "server.healthz_latency",
            "baseline_value": health_ms,
            "ratio": http_ms / health_ms,
        },
        {
            "name": "server.aggregate_query",
            "value": query_ms,
            "unit": "ms median, in process, same query",
            "baseline_name": "sqlite.select_1",
            "baseline_value": select_ms,
            "ratio": query_ms / select_ms,
        },
    ]


def run() -> list[dict[str, Any]]:
    """Run both server benchmarks in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        return bench_ingest(Path(tmp)) + bench_aggregate(Path(tmp))


if __name__ == "__main__":
    for entry in run():
        print(json.dumps(entry))
