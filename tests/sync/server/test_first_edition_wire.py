"""Tests that the server takes the anonymized summary of a first-edition session."""

from __future__ import annotations

from facilitator.anonymize import build_summary, to_wire
from sync.server.registry import problems, shipped_shapes
from sync.server.schemas import SummaryV2
from tests.facilitator.test_first_edition import first_edition_session
from tests.sync.server.conftest import World


def test_a_first_edition_summary_fits_its_registered_shape() -> None:
    wire = to_wire(build_summary(first_edition_session(), region="SE-F"))
    summary = SummaryV2.model_validate(wire)
    shape = shipped_shapes().get(("power-balance", 1))
    assert shape is not None
    assert problems(summary, shape) == []


def test_an_older_client_sending_the_old_phase_name_is_accepted() -> None:
    wire = {**to_wire(build_summary(first_edition_session(), region="SE-F")), "phase": "during"}
    assert SummaryV2.model_validate(wire).phase.value == "do"


def test_the_server_stores_a_first_edition_summary(world: World) -> None:
    body = to_wire(build_summary(first_edition_session(), region="SE-F"))
    answer = world.client.put(
        f"/v1/summaries/{body['summary_id']}", json=body, headers=world.auth("a1")
    )
    assert answer.status_code == 201, answer.text
