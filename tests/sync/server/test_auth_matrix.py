"""Tests each endpoint with no token, a revoked one, another organisation's, another network's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.sync.server.conftest import World, make_summary

Caller = Callable[[World, dict[str, str], dict[str, Any]], Any]


def _put(world: World, headers: dict[str, str], owned: dict[str, Any]) -> Any:
    return world.client.put(f"/v1/summaries/{owned['summary_id']}", json=owned, headers=headers)


def _delete(world: World, headers: dict[str, str], owned: dict[str, Any]) -> Any:
    return world.client.delete(f"/v1/summaries/{owned['summary_id']}", headers=headers)


def _aggregates(world: World, headers: dict[str, str], _owned: dict[str, Any]) -> Any:
    return world.client.get("/v1/aggregates?group_by=role_group", headers=headers)


def _vocabulary(world: World, headers: dict[str, str], _owned: dict[str, Any]) -> Any:
    return world.client.get("/v1/vocabulary", headers=headers)


def _me(world: World, headers: dict[str, str], _owned: dict[str, Any]) -> Any:
    return world.client.get("/v1/me", headers=headers)


ENDPOINTS: dict[str, Caller] = {
    "put": _put,
    "delete": _delete,
    "aggregates": _aggregates,
    "vocabulary": _vocabulary,
    "me": _me,
}


def _seed(world: World) -> dict[str, Any]:
    """Store enough a1..a3 summaries in network alpha that its aggregates publish a cell."""
    owned = make_summary()
    world.client.put(f"/v1/summaries/{owned['summary_id']}", json=owned, headers=world.auth("a1"))
    for i in range(6):
        other = make_summary()
        org = ("a1", "a2", "a3")[i % 3]
        world.client.put(
            f"/v1/summaries/{other['summary_id']}", json=other, headers=world.auth(org)
        )
    world.release()
    return owned


def _owned_still_there(world: World, owned: dict[str, Any]) -> bool:
    answer = world.client.put(
        f"/v1/summaries/{owned['summary_id']}", json=owned, headers=world.auth("a1")
    )
    return answer.status_code == 201 and answer.headers.get("Idempotent-Replayed") == "true"


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
@pytest.mark.parametrize("who", ["none", "garbage", "revoked", "other_org", "other_network"])
def test_authorization_matrix(world: World, endpoint: str, who: str) -> None:
    owned = _seed(world)
    headers = {
        "none": {},
        "garbage": {"Authorization": "Bearer fst_not-a-real-token"},
        "revoked": world.auth("a1_revoked"),
        "other_org": world.auth("a4"),
        "other_network": world.auth("b1"),
    }[who]
    answer = ENDPOINTS[endpoint](world, headers, owned)
    if who in ("none", "garbage", "revoked"):
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"] == "Bearer"
        assert answer.json() == {"detail": "a valid bearer token is required"}
    elif endpoint == "put":
        # Ids are scoped to the uploading organisation: nothing is revealed or overwritten.
        assert answer.status_code == 201
    elif endpoint == "delete":
        assert answer.status_code == 404
    elif endpoint == "aggregates":
        cells = answer.json()["cells"]
        if who == "other_network":
            assert cells == []
        else:
            assert any(not c["suppressed"] for c in cells)
    elif endpoint == "me":
        assert answer.json()["organisation"] == ("a4" if who == "other_org" else "b1")
    else:
        assert answer.status_code == 200
    assert _owned_still_there(world, owned)
    for secret in world.tokens.values():
        assert secret not in answer.text


def test_healthz_needs_no_token(world: World) -> None:
    assert world.client.get("/healthz").json() == {"status": "ok"}


def test_other_network_never_sees_alpha_numbers(world: World) -> None:
    _seed(world)
    alpha = world.client.get("/v1/aggregates", headers=world.auth("a2")).json()["cells"]
    beta = world.client.get("/v1/aggregates", headers=world.auth("b1")).json()["cells"]
    assert alpha and not beta


def test_bearer_scheme_is_required(world: World) -> None:
    token = world.tokens["a1"]
    for value in (token, f"Basic {token}", f"Bearer  {token}x", "Bearer "):
        assert world.client.get("/v1/me", headers={"Authorization": value}).status_code == 401


def test_revocation_takes_effect_at_once(world: World) -> None:
    from sync.server import admin

    assert world.client.get("/v1/me", headers=world.auth("a2")).status_code == 200
    a2 = next(t for t in admin.list_tokens(world.engine) if t.organisation == "a2")
    admin.revoke_token(world.engine, a2.id)
    assert world.client.get("/v1/me", headers=world.auth("a2")).status_code == 401
