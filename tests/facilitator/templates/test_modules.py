"""Tests the check-in and check-out modules: framed rounds, distribution-only everywhere."""

from __future__ import annotations

from dataclasses import replace

from facilitator.anonymize import build_summary, to_wire
from facilitator.codec import session_from_dict, session_to_dict
from facilitator.reports.csv_export import session_rows
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.session import ParticipantCounts, Rating, Session
from facilitator.summary import dimension_stats, rating_trend
from facilitator.templates import load_builtin
from facilitator.templates.modules import CHECK_IN, CHECK_OUT, module_dimensions, with_modules
from facilitator.vocabulary import RoleGroup, RoundKind
from tests.facilitator.fixtures import T0


def _session(language: str = "en") -> Session:
    template = with_modules(load_builtin("power-balance", language), [CHECK_IN, CHECK_OUT])
    session = replace(
        Session.plan("With check-in", template, created=T0),
        language=language,
        participants=ParticipantCounts(professionals=6, users_relatives=4, managers=0),
    )
    ratings = [
        ("raising-problems", RoleGroup.PROFESSIONALS, 6, 4),
        ("raising-problems", RoleGroup.PROFESSIONALS, 2, 2),
        ("raising-problems", RoleGroup.USERS_RELATIVES, 5, 3),
        ("resources", RoleGroup.PROFESSIONALS, 3, 5),
        ("resources", RoleGroup.USERS_RELATIVES, 1, 4),
    ]
    for i, (dimension, group, value, count) in enumerate(ratings):
        round_id = next(r.id for r in template.rounds if r.dimension == dimension)
        session = session.with_rating(Rating(f"r{i}", round_id, dimension, group, value, count))
    return session


def test_modules_frame_the_template_in_its_language() -> None:
    base = load_builtin("power-balance", "sv")
    framed = with_modules(base, [CHECK_OUT, CHECK_IN])
    assert framed.modules == (CHECK_IN, CHECK_OUT)
    assert framed.rounds[4:-1] == base.rounds
    assert [r.kind for r in framed.rounds[:4]] == [RoundKind.CHECK_IN] * 4
    assert framed.rounds[-1].kind is RoundKind.CHECK_OUT
    assert framed.rounds[0].prompts[0].startswith("Om jag tar upp ett problem")
    assert with_modules(base, []) == base
    only_out = with_modules(base, [CHECK_OUT])
    assert only_out.rounds[:-1] == base.rounds


def test_the_psych_safety_template_is_never_doubled() -> None:
    psych = load_builtin("psych-safety")
    assert with_modules(psych, [CHECK_IN, CHECK_OUT]) == psych


def test_module_ratings_are_a_distribution_in_summary_reports_and_wire() -> None:
    session = _session()
    stats = {s.dimension: s for s in dimension_stats(session)}
    assert stats["raising-problems"].distribution_only
    assert not stats["resources"].distribution_only
    assert rating_trend([session], "raising-problems", RoleGroup.PROFESSIONALS) == ()
    assert rating_trend([session], "resources", RoleGroup.PROFESSIONALS) != ()
    wire = to_wire(build_summary(session, region=None))
    by_dimension = {(r["dimension"], r["role_group"]): r for r in wire["ratings"]}
    module = by_dimension[("raising-problems", "professionals")]
    assert module["mean"] is None and module["distribution"][:7] == [0, 2, 0, 0, 0, 4, 0]
    assert by_dimension[("resources", "professionals")]["mean"] == 3.0
    assert {d for d, _ in by_dimension} <= set(wire["dimensions"])
    markdown = session_markdown(session)
    means = [line for line in markdown.splitlines() if "Raising" in line and "n=" in line]
    assert means == []  # never a row of means
    assert "### Raising problems" in markdown and "| Resources |" in markdown
    html = session_html(session)
    assert "<h3>Raising problems</h3>" in html and "<svg" in html
    assert module_dimensions() >= {"raising-problems", "felt-free"}


def test_module_groups_with_too_few_answers_stay_out_of_the_csv() -> None:
    session = _session()
    session = session.with_rating(
        Rating("few", "check-out", "felt-free", RoleGroup.USERS_RELATIVES, 4, 2)
    )
    rows = [r for r in session_rows(session) if r.get("dimension") == "felt-free"]
    assert rows == []


def test_a_framed_snapshot_survives_the_vault_codec() -> None:
    session = _session("sv")
    again = session_from_dict(session_to_dict(session))
    assert again.template == session.template
    assert again.template.distribution_only_for("knowledge-valued")
