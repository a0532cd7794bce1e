"""Benchmarks the sync server: ingest, releases, reading a release, and what noise costs.

`ingest` drives a `facilitator-server serve` process (default settings but the benchmark
token's rate limit) with 32 concurrent clients on SQLite (target >= 500 summaries/s, p99
reported, and the server's CPU seconds per 1,000 summaries, which do not depend on how
busy the machine is); `release` publishes over 1,000,000 stored summaries (target <= 10 s);
`aggregate` reads that release over HTTP (target <= 10 ms median; answers of a stored release are cached,
so the uncached query is reported too); `dp_error` reports the mean absolute
error of a published mean at 10, 50 and 200 sessions per cell under the default epsilon.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from facilitator.vocabulary import CareSetting, Phase, RoleGroup  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.aggregates import AggregateFilter, GroupBy, aggregate  # noqa: E402
from sync.server.db import make_engine, migrate  # noqa: E402
from sync.server.ingest import store_summary  # noqa: E402
from sync.server.models import networks, release_cells, summaries  # noqa: E402
from sync.server.releases import latest_release  # noqa: E402
from sync.server.schemas import SummaryV2  # noqa: E402
from tests.sync.server.conftest import make_summary  # noqa: E402
from tests.sync.server.live import LiveServer, live_server  # noqa: E402

CLIENTS = 32
INGEST_SECONDS = 6.0
RELEASE_SUMMARIES = 1_000_000
RELEASE_MONTHS = 36
RELEASE_RUNS = 3
AGGREGATE_RUNS = 51
DP_SIZES = (10, 50, 200)
DP_RELEASES = 200
CARE = tuple(c.value for c in CareSetting)
PHASES = tuple(p.value for p in Phase)
MONTHS = tuple(f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13))
DIMENSIONS = ("resources", "attitudes", "perceptions")
ROLES = tuple(r.value for r in RoleGroup)
RATING_COUNT = 6
RATING_SPREAD = 0.8


def _random_summary(rng: random.Random) -> dict[str, Any]:
    """Return a plausible summary with 2-3 role groups rating each dimension."""
    roles = rng.sample(ROLES, rng.choice((2, 3)))
    ratings = [
        (d, r, round(rng.uniform(1, 5), 2), round(rng.uniform(0, 1.5), 2), rng.randint(3, 6))
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


def _cpu_seconds(process: psutil.Process) -> float:
    """Return the CPU time (user and system, all threads) a process has used so far."""
    times = process.cpu_times()
    return float(times.user + times.system)


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
        process = psutil.Process(server.pid)
        h_cpu = _cpu_seconds(process)
        h_fail, h_elapsed, h_lat = _drive(server, health, headers)
        p_cpu = _cpu_seconds(process)
        p_fail, p_elapsed, p_lat = _drive(server, puts, headers)
        p_cpu, h_cpu = _cpu_seconds(process) - p_cpu, p_cpu - h_cpu
    if h_fail or p_fail:
        raise RuntimeError(f"ingest benchmark saw failures: health {h_fail}, put {p_fail}")
    health_rate = len(h_lat) / h_elapsed
    put_rate = len(p_lat) / p_elapsed
    put_cpu, health_cpu = 1000 * p_cpu / len(p_lat), 1000 * h_cpu / len(h_lat)
    return [
        {
            # What the server spends per upload, whatever else the machine is doing.
            "name": "server.ingest_cpu",
            "value": put_cpu,
            "unit": "server CPU s per 1,000 summaries",
            "baseline_name": "server.healthz_cpu",
            "baseline_value": health_cpu,
            "ratio": put_cpu / health_cpu,
        },
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


def _values(names: tuple[str, ...], alias: str) -> str:
    """Return SQL for a one-column table `alias(value, n)` listing `names` numbered from 0."""
    rows = " UNION ALL ".join(f"SELECT '{v}', {i}" for i, v in enumerate(names))
    return f"{alias}(value, n) AS ({rows})"


# Sessions are generated in SQL: session i belongs to organisation i % 40, has a care
# setting, phase, month and role groups from the digits of i in mixed radix, and rates every
# power-balance dimension with RATING_COUNT people per role group at a mean in [1, 5].
_SESSIONS = """
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < :count)
INSERT INTO bench_sessions (i, org, care, phase, month, roles, mean)
SELECT i, i % 40, (i / 41) % :cares, (i / 410) % 3, (i / 1230) % :months,
       (i / 44281) % 4, 1.0 + ((i * 2654435761) % 401) / 100.0
FROM seq
"""

# Role sets: 0 all three groups, 1-3 leave one out.
_ROLESETS = "rolesets(roles, role) AS (SELECT 0, 0 UNION ALL SELECT 0, 1 UNION ALL SELECT 0, 2" + (
    "".join(f" UNION ALL SELECT {s}, {r}" for s in (1, 2, 3) for r in range(3) if r != s - 1) + ")"
)

_GROUPS = """
INSERT INTO bench_groups (org, care, phase, month, roles, sessions, mean_sum, square_sum)
SELECT org, care, phase, month, roles, COUNT(*), SUM(mean), SUM(mean * mean)
FROM bench_sessions GROUP BY org, care, phase, month, roles
"""


def _atom_sql(network_id: int) -> list[str]:
    """Return the statements that build the rating atoms from the session groups."""
    ctes = ", ".join(
        (
            _values(DIMENSIONS, "dims"),
            _values(ROLES, "roles"),
            _values(CARE, "cares"),
            _values(PHASES, "phases"),
            _values(_release_months(), "months"),
            _ROLESETS,
        )
    )
    keys = "template, dimension, role_group, care_setting, phase, month"
    first_org = "(SELECT MIN(id) FROM organisations)"
    c = RATING_COUNT
    return [
        f"""
        CREATE TEMP TABLE bench_atom_orgs AS WITH {ctes}
        SELECT 'power-balance' AS template, dims.value AS dimension, roles.value AS role_group,
               cares.value AS care_setting, phases.value AS phase, months.value AS month,
               g.org + {first_org} AS org, SUM(g.sessions) AS sessions,
               SUM(g.mean_sum) AS means, SUM(g.square_sum) AS squares
        FROM bench_groups g
        JOIN rolesets ON rolesets.roles = g.roles JOIN roles ON roles.n = rolesets.role
        JOIN cares ON cares.n = g.care JOIN phases ON phases.n = g.phase
        JOIN months ON months.n = g.month CROSS JOIN dims
        GROUP BY dims.value, roles.value, cares.value, phases.value, months.value, g.org
        """,
        f"""
        INSERT INTO rating_atom_orgs (network_id, {keys}, organisation_id, sessions)
        SELECT {network_id}, {keys}, org, sessions FROM bench_atom_orgs
        """,
        f"""
        INSERT INTO rating_atoms (network_id, {keys}, sessions, organisations, people, sum_mean,
            sum_square, mean_people, spread_people, spread_sum_mean, session_mean_sum)
        SELECT {network_id}, {keys}, SUM(sessions), COUNT(*), {c} * SUM(sessions),
            {c} * SUM(means), {c} * ({RATING_SPREAD**2} * SUM(sessions) + SUM(squares)),
            {c} * SUM(sessions), {c} * SUM(sessions), {c} * SUM(means), SUM(means)
        FROM bench_atom_orgs GROUP BY {keys}
        """,
    ]


def _release_months() -> tuple[str, ...]:
    """Return the months the release benchmark spreads its sessions over."""
    return tuple(f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(RELEASE_MONTHS))


def _month_case(column: str) -> str:
    """Return SQL turning a month number of the release benchmark into its YYYY-MM."""
    whens = " ".join(f"WHEN {n} THEN '{m}'" for n, m in enumerate(_release_months()))
    return f"(CASE {column} {whens} END)"


def _summary_columns(network_id: int) -> dict[str, str]:
    """Return SQL for every column of a stored summary, computed from a generated session."""
    known = {
        "organisation_id": "s.org + (SELECT MIN(id) FROM organisations)",
        "network_id": str(network_id),
        "summary_id": "printf('00000000-0000-4000-8000-%012d', s.i)",
        "body_hash": "printf('%064d', s.i)",
        "figures": "'{}'",
        "month": _month_case("s.month"),
    }
    out = {}
    for column in summaries.columns:
        if column.name == "id":
            continue
        if column.name not in known:
            raise RuntimeError(f"the release benchmark cannot fill summaries.{column.name}")
        out[column.name] = known[column.name]
    return out


def _bulk_load(db_url: str, count: int) -> str:
    """Store `count` summaries from 40 organisations and their rating atoms, all in SQL."""
    engine = make_engine(db_url)
    migrate(engine)
    admin.create_network(engine, "bench")
    for i in range(40):
        admin.create_organisation(engine, "bench", f"org-{i}")
    token = admin.issue_token(engine, "bench", "org-0")
    with engine.connect() as conn:
        network_id = int(conn.execute(sa.select(networks.c.id)).scalar_one())
    columns = _summary_columns(network_id)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TEMP TABLE bench_sessions (i INTEGER, org INTEGER, care INTEGER, "
            "phase INTEGER, month INTEGER, roles INTEGER, mean REAL)"
        )
        conn.exec_driver_sql(
            "CREATE TEMP TABLE bench_groups (org INTEGER, care INTEGER, phase INTEGER, "
            "month INTEGER, roles INTEGER, sessions INTEGER, mean_sum REAL, square_sum REAL)"
        )
        conn.execute(
            sa.text(_SESSIONS),
            {"count": count, "cares": len(CARE), "months": RELEASE_MONTHS},
        )
        conn.exec_driver_sql(
            f"INSERT INTO summaries ({', '.join(columns)}) "
            f"SELECT {', '.join(columns.values())} FROM bench_sessions s"
        )
        conn.exec_driver_sql(_GROUPS)
        for statement in _atom_sql(network_id):
            conn.exec_driver_sql(statement)
    engine.dispose()
    return token


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    """Return the median wall time of `fn` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def bench_release_and_aggregate(workdir: Path) -> list[dict[str, Any]]:
    """Publish releases over 1,000,000 summaries, then read the newest over HTTP."""
    db_url = f"sqlite:///{workdir / 'release.sqlite3'}"
    token = _bulk_load(db_url, RELEASE_SUMMARIES)
    engine = make_engine(db_url)

    def count_summaries() -> object:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(summaries)).scalar()

    stored = count_summaries()
    if stored != RELEASE_SUMMARIES:
        raise RuntimeError(f"loaded {stored} summaries, not {RELEASE_SUMMARIES}")
    release_ms = _median_ms(lambda: admin.release(engine, "bench"), RELEASE_RUNS)
    count_ms = _median_ms(count_summaries, RELEASE_RUNS)
    info = latest_release(engine, 1)
    assert info is not None
    with engine.connect() as conn:
        cells = conn.execute(
            sa.select(sa.func.count()).where(release_cells.c.release_id == info.id)
        ).scalar_one()
    grouping = [GroupBy.ROLE_GROUP]
    query_ms = _median_ms(lambda: aggregate(engine, info, AggregateFilter(), grouping), 11)

    def select_one() -> object:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT 1").scalar()

    select_ms = _median_ms(select_one, 11)
    engine.dispose()
    headers = {"Authorization": f"Bearer {token}"}
    queries = {
        "server.aggregate": "/v1/aggregates?group_by=role_group",
        "server.aggregate_fine": (
            "/v1/aggregates?group_by=role_group&group_by=care_setting&group_by=month"
        ),
    }
    results = [
        {
            "name": "server.release",
            "value": release_ms / 1000,
            "unit": f"s median, {RELEASE_SUMMARIES:,} summaries in {cells} cells, SQLite",
            "baseline_name": "sqlite.count_summaries",
            "baseline_value": count_ms / 1000,
            "ratio": release_ms / count_ms,
        },
        {
            "name": "server.aggregate_query",
            "value": query_ms,
            "unit": f"ms median, in process, uncached, {cells} cells grouped by role group",
            "baseline_name": "sqlite.select_1",
            "baseline_value": select_ms,
            "ratio": query_ms / select_ms,
        },
    ]
    with live_server(db_url, workdir, access_log=False) as server:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)

        def get(path: str) -> Callable[[], object]:
            def call() -> object:
                conn.request("GET", path, headers=headers)
                answer = conn.getresponse()
                body = answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"{path} answered {answer.status}")
                return body

            return call

        health_ms = _median_ms(get("/healthz"), AGGREGATE_RUNS)
        for name, path in queries.items():
            ms = _median_ms(get(path), AGGREGATE_RUNS)
            results.append(
                {
                    "name": name,
                    "value": ms,
                    "unit": f"ms median, HTTP, {path.split('?')[1]}",
                    "baseline_name": "server.healthz_latency",
                    "baseline_value": health_ms,
                    "ratio": ms / health_ms,
                }
            )
        conn.close()
    return results


def _dp_cell(workdir: Path, sessions: int, rng: random.Random) -> tuple[float, float, float, float]:
    """Return one cell's mean |error|, stated scale / n, share published and 95% coverage."""
    engine = make_engine(f"sqlite:///{workdir / f'dp-{sessions}.sqlite3'}")
    migrate(engine)
    admin.create_network(engine, "dp")
    orgs = [admin.create_organisation(engine, "dp", f"org-{i}") for i in range(5)]
    with engine.connect() as conn:
        network_id = int(conn.execute(sa.select(networks.c.id)).scalar_one())
    means = []
    for n in range(sessions):
        mean = round(rng.uniform(1.5, 5.5), 2)
        means.append(mean)
        raw = make_summary(ratings=[("resources", "professionals", mean, 0.5, 6)])
        store_summary(engine, network_id, orgs[n % len(orgs)], SummaryV2.model_validate(raw), None)
    truth = statistics.fmean(means)
    errors, scales, covered = [], [], 0
    for _ in range(DP_RELEASES):
        info = admin.release(engine, "dp")
        flt = AggregateFilter(dimension="resources")
        # With noise, a cell whose noisy counts miss a threshold is not listed at all.
        cells = aggregate(engine, info, flt, [])
        if not cells:
            continue
        (cell,) = cells
        if cell.suppressed or cell.mean is None or cell.mean_margin is None:
            continue
        errors.append(abs(cell.mean - truth))
        covered += abs(cell.mean - truth) <= cell.mean_margin
        scales.append(cell.mean_margin / 1.959964 / math.sqrt(2))
    engine.dispose()
    if not errors:
        return math.nan, math.nan, 0.0, math.nan
    published = len(errors) / DP_RELEASES
    return statistics.fmean(errors), statistics.fmean(scales), published, covered / len(errors)


def bench_dp_error(workdir: Path) -> list[dict[str, Any]]:
    """Report the error noise adds to a published mean, against the scale the release states.

    A Laplace draw of scale b has mean absolute value b; the baseline is the stated 95%
    margin turned back into that b over the cell's sessions, so a ratio near 1 means the
    stated margins are honest, and the value itself is what the network's epsilon costs.
    Only published releases of the cell count (with noise, a cell whose noisy counts miss a
    threshold is withheld), and the unit says how often the truth lay within the stated margin.
    """
    rng = random.Random(13)
    out = []
    for sessions in DP_SIZES:
        error, scale, published, coverage = _dp_cell(workdir, sessions, rng)
        out.append(
            {
                "name": f"server.dp_error_{sessions}",
                "value": error,
                "unit": (
                    f"mean |error| of a published mean (1-7 scale), {sessions} sessions per "
                    f"cell, epsilon 1.0, {DP_RELEASES} releases, {published:.0%} published, "
                    f"{coverage:.0%} within the stated 95% margin"
                ),
                "baseline_name": "stated_noise_scale_per_mean",
                "baseline_value": scale,
                "ratio": error / scale if scale else math.nan,
            }
        )
    return out


def run() -> list[dict[str, Any]]:
    """Run every server benchmark in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        work = Path(tmp)
        return bench_ingest(work) + bench_release_and_aggregate(work) + bench_dp_error(work)


if __name__ == "__main__":
    only = set(sys.argv[1:])
    parts = {
        "ingest": bench_ingest,
        "release": bench_release_and_aggregate,
        "dp_error": bench_dp_error,
    }
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        for name, part in parts.items():
            if only and name not in only:
                continue
            for entry in part(Path(tmp)):
                print(json.dumps(entry), flush=True)
