"""Tests the hard edges: body size, rate limits and what reaches the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.settings import ServerSettings
from tests.sync.server.conftest import World, build_world, make_summary


def test_declared_oversize_body_is_413(world: World) -> None:
    body = make_summary()
    padding = b" " * (64 * 1024)
    answer = world.client.put(
        f"/v1/summaries/{body['summary_id']}",
        content=padding + b"{}",
        headers={**world.auth("a1"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 413


def test_streamed_oversize_body_is_413(world: World) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * 4096

    answer = world.client.put(
        "/v1/summaries/9b2f0c1e-2f0a-4e8e-9a57-0c7e3a1d2b44",
        content=chunks(),
        headers={**world.auth("a1"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 413


def test_body_just_under_the_limit_is_read(world: World) -> None:
    answer = world.client.put(
        "/v1/summaries/9b2f0c1e-2f0a-4e8e-9a57-0c7e3a1d2b44",
        content=b" " * (64 * 1024 - 2) + b"{}",
        headers={**world.auth("a1"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 422


@pytest.fixture
def slow_world(database_url: str) -> Iterator[World]:
    """A server that allows three requests per token and refills one per 100 seconds."""
    w = build_world(database_url)
    app = create_app(ServerSettings(database_url, rate_per_second=0.01, rate_burst=3), w.engine)
    w.client = TestClient(app)
    yield w
    w.engine.dispose()


def test_rate_limit_is_per_token_with_retry_after(slow_world: World) -> None:
    client = slow_world.client
    for _ in range(3):
        assert client.get("/v1/me", headers=slow_world.auth("a1")).status_code == 200
    limited = client.get("/v1/me", headers=slow_world.auth("a1"))
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 100
    assert client.get("/v1/me", headers=slow_world.auth("a2")).status_code == 200


def test_logs_hold_no_tokens_or_bodies(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = make_summary(tags=["tokenism"])
    body["region"] = "SE-Z"
    headers = {**world.auth("a1"), "Idempotency-Key": "5f0c8a4e-7d2b-4c1e-8a9f-3b6d2e1c0a77"}
    world.client.put(f"/v1/summaries/{body['summary_id']}", json=body, headers=headers)
    world.client.put(f"/v1/summaries/{body['summary_id']}", json={**body, "x": 1}, headers=headers)
    world.client.get("/v1/me", headers={"Authorization": "Bearer fst_wrong"})
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (
        *world.tokens.values(),
        "fst_wrong",
        "tokenism",
        "SE-Z",
        "5f0c8a4e-7d2b-4c1e-8a9f-3b6d2e1c0a77",
    ):
        assert secret not in text
    assert body["summary_id"] not in text or "PUT" in text
