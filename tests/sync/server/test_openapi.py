"""Tests that the committed OpenAPI spec is the one the code serves."""

from __future__ import annotations

import json

from sync.server.openapi import COMMITTED, spec_text

HINT = (
    "sync/server/openapi.json is out of date; regenerate it with\n"
    "    facilitator-server openapi > sync/server/openapi.json\n"
    "and review the diff."
)


def test_committed_spec_matches_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == spec_text(), HINT


def test_spec_describes_every_endpoint_and_error() -> None:
    spec = json.loads(spec_text())
    paths = spec["paths"]
    assert set(paths) == {
        "/v1/summaries/{summary_id}",
        "/v1/aggregates",
        "/v1/vocabulary",
        "/v1/templates",
        "/v1/me",
        "/healthz",
    }
    put = paths["/v1/summaries/{summary_id}"]["put"]
    assert {"201", "401", "409", "413", "422", "429"} <= set(put["responses"])
    summary = spec["components"]["schemas"]["SummaryV2"]
    assert summary["additionalProperties"] is False


def test_summary_schema_has_no_free_text() -> None:
    """Every string in the upload schema is an enum, a constant, a pattern or a UUID."""
    schemas = json.loads(spec_text())["components"]["schemas"]
    names = ["SummaryV2", "TemplateRef", "Participants", "Rating", "Round", "NoteCount",
             "ActionCount"]  # fmt: skip

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string":
                assert {"enum", "const", "pattern", "format"} & set(node), node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in names:
        assert schemas[name]["additionalProperties"] is False, name
        walk(schemas[name])


def test_spec_states_the_upload_rules() -> None:
    """Clients reading only the spec learn that keys are UUIDs and body and path ids agree."""
    put = json.loads(spec_text())["paths"]["/v1/summaries/{summary_id}"]["put"]
    params = {p["name"]: p for p in put["parameters"]}
    assert "must equal" in params["summary_id"]["description"]
    key = params["idempotency-key"]
    assert key["schema"]["anyOf"][0]["pattern"].startswith("^[0-9a-fA-F]{8}-")
