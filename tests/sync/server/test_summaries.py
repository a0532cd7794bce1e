"""Tests upload and withdrawal: idempotency, conflicts, validation without echo, policy."""

from __future__ import annotations

import json
import uuid

import sqlalchemy as sa

from sync.server.models import summaries
from tests.sync.server.conftest import World, make_summary

KEY = "0b6f1f5e-3c1d-4f7a-9a2b-5d8e6c7b1a90"


def _count(world: World) -> int:
    with world.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(summaries)).scalar_one())


def test_put_stores_and_replays_identically(world: World) -> None:
    body = make_summary()
    url = f"/v1/summaries/{body['summary_id']}"
    first = world.client.put(url, json=body, headers=world.auth("a1"))
    again = world.client.put(url, json=body, headers=world.auth("a1"))
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() == {"summary_id": body["summary_id"], "status": "stored"}
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _count(world) == 1


def test_same_content_formatted_differently_is_a_replay(world: World) -> None:
    body = make_summary()
    url = f"/v1/summaries/{body['summary_id']}"
    world.client.put(url, json=body, headers=world.auth("a1"))
    spaced = json.dumps(body, indent=4).encode()
    headers = {**world.auth("a1"), "Content-Type": "application/json"}
    assert world.client.put(url, content=spaced, headers=headers).status_code == 201
    assert _count(world) == 1


def test_different_body_same_id_is_conflict(world: World) -> None:
    body = make_summary()
    url = f"/v1/summaries/{body['summary_id']}"
    world.client.put(url, json=body, headers=world.auth("a1"))
    changed = {**body, "phase": "evaluation"}
    answer = world.client.put(url, json=changed, headers=world.auth("a1"))
    assert answer.status_code == 409
    assert "evaluation" not in answer.text
    assert _count(world) == 1


def test_idempotency_key_replays_and_refuses_reuse(world: World) -> None:
    body = make_summary()
    headers = {**world.auth("a1"), "Idempotency-Key": KEY}
    url = f"/v1/summaries/{body['summary_id']}"
    assert world.client.put(url, json=body, headers=headers).status_code == 201
    assert world.client.put(url, json=body, headers=headers).status_code == 201
    other = make_summary()
    reused = world.client.put(f"/v1/summaries/{other['summary_id']}", json=other, headers=headers)
    assert reused.status_code == 409
    assert KEY not in reused.text
    assert _count(world) == 1


def test_url_and_body_ids_must_match(world: World) -> None:
    body = make_summary()
    answer = world.client.put(f"/v1/summaries/{uuid.uuid4()}", json=body, headers=world.auth("a1"))
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "summary_id"]


def test_delete_withdraws_own_summary_only(world: World) -> None:
    body = make_summary()
    url = f"/v1/summaries/{body['summary_id']}"
    world.client.put(url, json=body, headers=world.auth("a1"))
    assert world.client.delete(url, headers=world.auth("a2")).status_code == 404
    assert world.client.delete(url, headers=world.auth("b1")).status_code == 404
    assert _count(world) == 1
    assert world.client.delete(url, headers=world.auth("a1")).status_code == 204
    assert world.client.delete(url, headers=world.auth("a1")).status_code == 404
    assert _count(world) == 0
    assert world.client.put(url, json=body, headers=world.auth("a1")).status_code == 201


MARKER = "Astrid Lindgren 19121114-1234"


def _errors(world: World, body: object) -> tuple[int, str, list[dict[str, object]]]:
    answer = world.client.put(
        f"/v1/summaries/{uuid.uuid4()}",
        content=json.dumps(body).encode(),
        headers={**world.auth("a1"), "Content-Type": "application/json"},
    )
    detail = answer.json()["detail"]
    return answer.status_code, answer.text, detail if isinstance(detail, list) else []


def test_free_text_anywhere_is_refused_without_echo(world: World) -> None:
    body = make_summary()
    sid = body["summary_id"]
    cases = [
        ({**body, "notes": MARKER}, ["body"], "extra_forbidden"),
        ({**body, "region": MARKER}, ["body", "region"], "literal_error"),
        ({**body, "tags": [MARKER]}, ["body", "tags", 0], "enum"),
        ({**body, "summary_id": MARKER}, ["body", "summary_id"], "uuid_parsing"),
        ({**body, "month": MARKER}, ["body", "month"], "string_too_long"),
        ({**body, "template": {"id": MARKER, "version": 1}}, ["body", "template", "id"], None),
        (
            {**body, "ratings": [{**body["ratings"][0], MARKER: 1}]},
            ["body", "ratings", 0],
            "extra_forbidden",
        ),
    ]
    for case, loc, kind in cases:
        case["summary_id"] = case.get("summary_id", sid)
        status, text, detail = _errors(world, case)
        assert status == 422
        assert "Astrid" not in text and "1234" not in text
        assert detail[0]["loc"] == loc
        assert "input" not in detail[0] and "ctx" not in detail[0]
        if kind:
            assert detail[0]["type"] == kind


def test_wrong_types_get_precise_messages(world: World) -> None:
    body = make_summary()
    body["ratings"][0]["count"] = "5"
    status, _, detail = _errors(world, body)
    assert status == 422
    assert detail == [
        {"loc": ["body", "ratings", 0, "count"], "msg": "Input should be a valid integer",
         "type": "int_type"}
    ]  # fmt: skip


def test_malformed_json_is_422_without_echo(world: World) -> None:
    answer = world.client.put(
        f"/v1/summaries/{uuid.uuid4()}",
        content=b'{"schema": "' + MARKER.encode() + b'", ',
        headers={**world.auth("a1"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 422
    assert "Astrid" not in answer.text
    assert answer.json()["detail"][0]["msg"] == "Invalid JSON"


def test_newer_schema_is_refused_with_a_clear_error(world: World) -> None:
    body = {**make_summary(), "schema": "facilitator.summary/3"}
    status, _, detail = _errors(world, body)
    assert status == 422
    assert detail[0]["loc"] == ["body", "schema"]
    assert "upgrade the server" in str(detail[0]["msg"])


def test_ratings_below_group_minimum_are_refused(world: World) -> None:
    body = make_summary(ratings=[("resources", "managers", 3.0, 0.0, 2)])
    status, _, detail = _errors(world, body)
    assert status == 422
    assert detail[0]["loc"] == ["body", "ratings", 0, "count"]


def test_network_tag_policy_is_enforced(world: World) -> None:
    admin_tags = ["money"]
    from sync.server import admin

    admin.set_policy(world.engine, "alpha", allowed_tags=admin_tags)
    body = make_summary(tags=["money", "time"])
    answer = world.client.put(
        f"/v1/summaries/{body['summary_id']}", json=body, headers=world.auth("a1")
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "tags", 1]
    vocab = world.client.get("/v1/vocabulary", headers=world.auth("a1")).json()
    assert vocab["tags"] == ["money"]


def test_older_schema_is_refused_asking_for_an_app_upgrade(world: World) -> None:
    body = {**make_summary(), "schema": "facilitator.summary/1"}
    status, _, detail = _errors(world, body)
    assert status == 422 and "upgrade the app" in str(detail[0]["msg"])


def test_idempotency_key_must_be_a_uuid(world: World) -> None:
    body = make_summary()
    for key in ("upload-1", "x" * 128, KEY + "0"):
        headers = {**world.auth("a1"), "Idempotency-Key": key}
        answer = world.client.put(f"/v1/summaries/{body['summary_id']}", json=body, headers=headers)
        assert answer.status_code == 422
        assert key not in answer.text
    assert _count(world) == 0


def _rating_problem(world: World, **change: object) -> str:
    body = make_summary()
    body["ratings"][0].update(change)
    status, _, detail = _errors(world, body)
    assert status == 422, detail
    return str(detail[0]["msg"])


def test_small_groups_and_distributions_are_bounded(world: World) -> None:
    assert "spread" in _rating_problem(world, count=4, spread=0.5)
    assert "either a mean or a distribution" in _rating_problem(
        world, distribution=[0, 5, 0, 0, 0, 0, 0]
    )
    assert "add up" in _rating_problem(
        world, mean=None, spread=None, distribution=[0, 4, 0, 0, 0, 0, 0]
    )
    assert "head-count" in _rating_problem(world, count=6, role_group="users_relatives")
    assert "head-count" in _rating_problem(world, role_group="managers")


def test_counts_have_realistic_upper_bounds(world: World) -> None:
    body = make_summary()
    body["participants"]["professionals"] = 61
    assert _errors(world, body)[0] == 422
    body = make_summary()
    body["note_counts"][0]["count"] = 301
    assert _errors(world, body)[0] == 422
    body = make_summary()
    body["action_counts"][0]["count"] = 61
    assert _errors(world, body)[0] == 422
    assert _count(world) == 0
