"""A session keeps the template it was run with, whatever happens to the file later."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from facilitator.codec import session_from_dict, session_to_dict
from facilitator.session import Session
from facilitator.templates import load_builtin, load_template_file
from facilitator.templates.builtin import builtin_file_name

CREATED = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def _saved_and_restored(session: Session) -> Session:
    return session_from_dict(json.loads(json.dumps(session_to_dict(session))))


def test_snapshot_survives_edits_and_deletion_of_the_file(tmp_path: Path) -> None:
    shipped = resources.files("facilitator.templates.shipped").joinpath(
        builtin_file_name("power-balance")
    )
    path = tmp_path / "power.toml"
    path.write_text(
        shipped.read_text("utf-8").replace('id = "power-balance"', 'id = "power"'), "utf-8"
    )
    template = load_template_file(path).resolve("sv")
    stored = json.dumps(session_to_dict(Session.plan("Vårdkedjan", template, created=CREATED)))

    edited = path.read_text("utf-8").replace("minutes = 12", "minutes = 30")
    path.write_text(edited.replace("Resurser", "Pengar"), "utf-8")
    changed = load_template_file(path).resolve("sv")
    assert changed != template
    path.unlink()

    restored = session_from_dict(json.loads(stored))
    assert restored.template == template
    assert restored.template.round("resources").title == "Resurser"
    assert [r.planned_minutes for r in restored.rounds] == [5, 12, 12, 12, 10]


@pytest.mark.parametrize("template_id", ["power-balance", "esther-cafe"])
def test_shipped_snapshot_round_trips_through_the_codec(template_id: str) -> None:
    session = Session.plan("S", load_builtin(template_id, "sv"), created=CREATED)
    assert _saved_and_restored(session).template == session.template


@pytest.mark.parametrize(
    ("template_id", "variant"),
    [("ladder", None), ("psych-safety", None), ("power-balance", "short")],
)
def test_new_template_fields_round_trip_through_the_codec(
    template_id: str, variant: str | None
) -> None:
    template = load_builtin(template_id, "sv", variant)
    if template_id == "psych-safety":
        assert template.distribution_only
    session = Session.plan("S", template, created=CREATED)
    assert _saved_and_restored(session).template == session.template
