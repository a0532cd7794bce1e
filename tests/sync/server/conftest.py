"""Provides a fresh server per test over SQLite and, when available, real PostgreSQL.

Each test gets its own database (SQLite file or PostgreSQL schema), so data never leaks
between tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from sync.server import admin
from sync.server.app import create_app
from sync.server.db import make_engine
from sync.server.settings import ServerSettings

PG_ENV = "FACILITATOR_TEST_PG_URL"


def _postgres_url() -> str:
    """Return the test PostgreSQL URL, skipping (or failing on CI) when it is not set."""
    url = os.environ.get(PG_ENV)
    if url:
        return url
    reason = (
        f"PostgreSQL tests not run: set {PG_ENV} "
        "(e.g. postgresql+psycopg://facilitator:facilitator@127.0.0.1:5432/facilitator_test;"
        ' `eval "$(.ci/postgres.sh)"` starts one)'
    )
    _unreachable(reason)


def _unreachable(reason: str) -> NoReturn:
    """Skip a PostgreSQL test with `reason`, printed; on CI a missing database fails instead."""
    print(reason)
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason + " -- required on CI")
    pytest.skip(reason)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """Yield the URL of an empty database of the parametrised kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    base = sa.engine.make_url(_postgres_url())
    schema = f"t_{uuid.uuid4().hex[:16]}"
    owner = sa.create_engine(base)
    try:
        with owner.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sa.exc.OperationalError:
        owner.dispose()
        _unreachable(f"PostgreSQL at {PG_ENV} is not reachable")
    try:
        url = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with owner.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        owner.dispose()


@dataclass
class World:
    """A migrated server with two networks, four organisations and their tokens."""

    url: str
    engine: sa.Engine
    client: TestClient
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        """Return the Authorization header of one named token."""
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def release(self, *networks: str) -> None:
        """Publish a new release of each network (both when none are named)."""
        for network in networks or ("alpha", "beta"):
            admin.release(self.engine, network)


def build_world(url: str, **settings: Any) -> World:
    """Create networks `alpha` (orgs a1..a4) and `beta` (org b1) with a token each."""
    engine = make_engine(url)
    app = create_app(
        ServerSettings(url, rate_per_second=10000, rate_burst=10000, **settings), engine
    )
    admin.create_network(engine, "alpha")
    admin.create_network(engine, "beta")
    # Noise is on by default; these worlds switch it off explicitly so thresholds and exact
    # figures can be checked. The attack suite switches it back on.
    admin.set_policy(engine, "alpha", dp_epsilon=None)
    admin.set_policy(engine, "beta", dp_epsilon=None)
    tokens = {}
    for org in ("a1", "a2", "a3", "a4"):
        admin.create_organisation(engine, "alpha", org)
        tokens[org] = admin.issue_token(engine, "alpha", org)
    admin.create_organisation(engine, "beta", "b1")
    tokens["b1"] = admin.issue_token(engine, "beta", "b1")
    tokens["a1_revoked"] = admin.issue_token(engine, "alpha", "a1", "old laptop")
    revoked = [t for t in admin.list_tokens(engine) if t.label == "old laptop"]
    admin.revoke_token(engine, revoked[0].id)
    return World(url=url, engine=engine, client=TestClient(app), tokens=tokens)


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    """Yield a populated server on a fresh database."""
    w = build_world(database_url)
    with w.client:
        yield w
    w.engine.dispose()


def make_summary(
    *,
    summary_id: str | None = None,
    month: str = "2026-11",
    care_setting: str = "primary_care",
    phase: str = "during",
    template: str = "power-balance",
    ratings: list[tuple[str, str, float, float, int]] | None = None,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    """Return a valid wire summary; ratings are (dimension, role_group, mean, spread, count)."""
    if ratings is None:
        ratings = [("resources", "professionals", 2.4, 0.8, 5)]
    # Head-counts cover every rated group, as the client guarantees.
    people: dict[str, int | None] = {"professionals": 6, "users_relatives": 3, "managers": None}
    for _, group, _, _, count in ratings:
        people[group] = max(people[group] or 3, count)
    return {
        "schema": "facilitator.summary/2",
        "summary_id": summary_id or str(uuid.uuid4()),
        "template": {"id": template, "version": 1},
        "dimensions": ["resources", "attitudes", "perceptions"],
        "month": month,
        "region": "SE-F",
        "care_setting": care_setting,
        "phase": phase,
        "participants": people,
        "ratings": [
            {"dimension": d, "role_group": r, "mean": m, "spread": s if c >= 5 else None,
             "count": c, "distribution": None}
            for d, r, m, s, c in ratings
        ],
        "rounds": [
            {"kind": "dimension", "dimension": "resources", "planned_minutes": 12,
             "actual_minutes": 14}
        ],
        "note_counts": [{"dimension": "resources", "kind": "observation", "count": 4}],
        "action_counts": [{"dimension": "resources", "count": 2}],
        "tags": tags if tags is not None else ["money", "time"],
    }  # fmt: skip


def make_distribution_summary(
    distribution: list[int], dimension: str = "raising-problems", **kwargs: Any
) -> dict[str, Any]:
    """Return a valid psych-safety summary: one professionals rating as counts per point."""
    body = make_summary(**kwargs, ratings=[(dimension, "professionals", 1, 0, sum(distribution))])
    body["ratings"][0].update(mean=None, spread=None, distribution=distribution)
    body["template"] = {"id": "psych-safety", "version": 1}
    body["dimensions"] = ["raising-problems", "asking-for-help", "knowledge-valued", "felt-free"]
    body["rounds"] = [
        {"kind": "check_in", "dimension": dimension, "planned_minutes": 2, "actual_minutes": 2}
    ]
    body["note_counts"] = []
    body["action_counts"] = []
    return body


@pytest.fixture
def summary_factory() -> Callable[..., dict[str, Any]]:
    """Return the summary builder, for tests that prefer a fixture."""
    return make_summary
