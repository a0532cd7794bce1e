"""Tests the per-network template registry: only registered ids travel, never texts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from facilitator.templates.builtin import builtin_file_name
from sync.server import admin
from sync.server.cli import main
from tests.sync.server.conftest import World, make_distribution_summary, make_summary

SHIPPED = Path(__file__).parents[3] / "facilitator" / "templates" / "shipped"


def _put(world: World, body: dict[str, Any], who: str = "a1") -> Any:
    return world.client.put(
        f"/v1/summaries/{body['summary_id']}", json=body, headers=world.auth(who)
    )


def _custom(tmp_path: Path, template_id: str = "care-talk", version: int = 1) -> Path:
    text = (SHIPPED / builtin_file_name("ladder")).read_text(encoding="utf-8")
    text = text.replace('id = "ladder"', f'id = "{template_id}"', 1)
    text = re.sub(r"^version = \d+$", f"version = {version}", text, count=1, flags=re.M)
    path = tmp_path / f"{template_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _ladder_body(template_id: str, version: int = 1) -> dict[str, Any]:
    body = make_summary(ratings=[("ladder", "professionals", 4.0, 1.0, 5)])
    body["template"] = {"id": template_id, "version": version}
    body["dimensions"] = ["ladder"]
    body["rounds"] = [
        {"kind": "placement", "dimension": "ladder", "planned_minutes": 5, "actual_minutes": 6}
    ]
    body["note_counts"] = [{"dimension": "ladder", "kind": "observation", "count": 1}]
    body["action_counts"] = []
    return body


def test_shipped_templates_are_registered_everywhere(world: World) -> None:
    listed = world.client.get("/v1/templates", headers=world.auth("b1")).json()["templates"]
    ids = {(t["id"], t["version"]) for t in listed}
    assert {("power-balance", 1), ("psych-safety", 1), ("ladder", 1)} <= ids
    assert {("power-balance", 2), ("psych-safety", 2), ("ladder", 2)} <= ids
    psych = next(t for t in listed if t["id"] == "psych-safety")
    assert psych["distribution_only"] is True
    assert "name" not in psych and "description" not in psych


def test_unregistered_template_and_version_are_refused(world: World) -> None:
    for template in ({"id": "care-talk", "version": 1}, {"id": "power-balance", "version": 99}):
        body = {**make_summary(), "template": template}
        answer = _put(world, body)
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"] == ["body", "template"]
        assert "template-register" in answer.json()["detail"][0]["msg"]


def test_free_text_in_ids_is_refused(world: World) -> None:
    """Attack: a member writes a name or personal number into a dimension id; nothing is stored."""
    body = make_summary()
    body["dimensions"] = ["resources", "anna-svensson-19850101-1234"]
    answer = _put(world, body)
    assert answer.status_code == 422
    assert "anna" not in answer.text and "19850101" not in answer.text
    body = make_summary(ratings=[("kalle-anka", "professionals", 3.0, 1.0, 5)])
    body["dimensions"] = ["kalle-anka"]
    assert _put(world, body).status_code == 422
    listed = world.client.get("/v1/templates", headers=world.auth("a2")).text
    assert "anna" not in listed and "kalle" not in listed
    assert world.client.get("/v1/aggregates", headers=world.auth("a2")).json()["cells"] == []


def test_means_of_a_distribution_only_template_are_refused(world: World) -> None:
    """Attack: a member sends psych-safety as mean and spread; the server refuses it."""
    body = make_distribution_summary([0, 0, 1, 2, 2, 0, 0])
    body["ratings"][0].update(mean=4.2, spread=0.7, distribution=None)
    answer = _put(world, body)
    assert answer.status_code == 422
    assert "distribution" in answer.json()["detail"][0]["msg"]
    assert _put(world, make_distribution_summary([0, 0, 1, 2, 2, 0, 0])).status_code == 201


def test_ratings_outside_the_template_scale_are_refused(world: World) -> None:
    assert (
        _put(world, make_summary(ratings=[("resources", "professionals", 6.5, 0.2, 5)])).status_code
        == 422
    )
    off_scale = make_distribution_summary([0, 0, 1, 2, 1, 0, 1], dimension="felt-free")
    assert _put(world, off_scale).status_code == 422


def test_custom_template_registers_by_cli_for_one_network(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _custom(tmp_path)
    assert _put(world, _ladder_body("care-talk")).status_code == 422
    assert main(["admin", "--db", world.url, "template-register", "alpha", str(path)]) == 0
    assert "registered care-talk version 1" in capsys.readouterr().out
    assert _put(world, _ladder_body("care-talk")).status_code == 201
    assert _put(world, _ladder_body("care-talk"), who="b1").status_code == 422
    listed = world.client.get("/v1/templates", headers=world.auth("a2")).json()["templates"]
    assert ("care-talk", 1) in {(t["id"], t["version"]) for t in listed}
    # Same id and version with other rounds is refused: a registered shape never changes.
    text = path.read_text(encoding="utf-8").replace('kind = "placement"', 'kind = "plenary"')
    path.write_text(text, encoding="utf-8")
    assert main(["admin", "--db", world.url, "template-register", "alpha", str(path)]) == 1
    assert "raise the template's version" in capsys.readouterr().err


def test_broken_template_file_is_one_line(world: World, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\nid = "Bad Id"\n', encoding="utf-8")
    with pytest.raises(admin.AdminError) as caught:
        admin.register_template(world.engine, "alpha", path)
    assert "\n" not in str(caught.value)
