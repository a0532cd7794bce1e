"""Tests that the server takes a summary with the check-in and check-out modules, as distributions."""

from __future__ import annotations

from dataclasses import replace

from facilitator.anonymize import build_summary, to_wire
from facilitator.session import ParticipantCounts, Rating, Session
from facilitator.templates import load_builtin
from facilitator.templates.modules import CHECK_IN, CHECK_OUT, with_modules
from facilitator.vocabulary import RoleGroup
from sync.server.registry import problems, shipped_shapes
from sync.server.schemas import SummaryV2
from tests.facilitator.fixtures import T0


def _wire() -> dict[str, object]:
    template = with_modules(load_builtin("power-balance"), [CHECK_IN, CHECK_OUT])
    session = replace(
        Session.plan("Framed", template, created=T0),
        participants=ParticipantCounts(professionals=5, users_relatives=3),
    )
    session = session.with_rating(
        Rating("a", "check-out", "felt-free", RoleGroup.PROFESSIONALS, 4, 5)
    ).with_rating(Rating("b", "resources", "resources", RoleGroup.PROFESSIONALS, 2, 5))
    return to_wire(build_summary(session, region=None))


def test_module_distributions_fit_every_shipped_template_shape() -> None:
    summary = SummaryV2.model_validate(_wire())
    assert problems(summary, shipped_shapes()[("power-balance", 2)]) == []
    assert problems(summary, shipped_shapes()[("power-balance", 1)]) == []


def test_a_module_rating_sent_as_a_mean_is_refused() -> None:
    body = _wire()
    ratings = body["ratings"]
    assert isinstance(ratings, list)
    for rating in ratings:
        if rating["dimension"] == "felt-free":
            rating["distribution"] = None
            rating["mean"] = 4.0
    summary = SummaryV2.model_validate(body)
    found = problems(summary, shipped_shapes()[("power-balance", 2)])
    assert [message for _, message in found] == ["this template's ratings travel as a distribution"]
