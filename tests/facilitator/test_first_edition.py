"""Tests that a session saved with the first-edition templates still reads, reports and shares."""

from __future__ import annotations

from pathlib import Path

from facilitator.anonymize import build_summary, to_wire
from facilitator.codec import import_session_json, session_from_dict, session_to_dict
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.session import Session
from facilitator.summary import dimension_stats
from facilitator.vocabulary import Phase, SessionStatus

FIRST_EDITION = Path(__file__).parent / "data" / "first-edition-session.json"


def first_edition_session() -> Session:
    """The committed session, saved in Swedish with power-balance version 1, mid-run."""
    return import_session_json(FIRST_EDITION.read_bytes(), FIRST_EDITION.name)


def test_it_opens_with_its_snapshot_and_its_phase_mapped() -> None:
    session = first_edition_session()
    assert session.template.version == 1
    assert session.template.credit == "" and session.template.role_labels == ()
    assert session.template.modules == ()
    assert session.phase is Phase.STUDY  # saved as "evaluation"
    assert session.status is SessionStatus.IN_PROGRESS and session.current_round == 3
    resources = session.template.round("resources").scale
    assert resources is not None and resources.mid_label == "Verkligt delad"  # kept as run
    assert session_from_dict(session_to_dict(session)) == session


def test_it_reports_in_the_second_edition_words() -> None:
    session = first_edition_session()
    markdown = session_markdown(session)
    html = session_html(session)
    assert "Rapport från reflektionssamtalet" in markdown
    assert "- Fas: Studera" in markdown
    assert "Patienter, brukare och närstående" in markdown
    assert "Makttriangeln" in html and "Maktriangeln" not in html
    stats = {s.dimension: s for s in dimension_stats(session)}
    assert not any(s.distribution_only for s in stats.values())
    assert stats["resources"].groups


def test_it_builds_an_anonymized_summary() -> None:
    wire = to_wire(build_summary(first_edition_session(), region="SE-F"))
    assert wire["template"] == {"id": "power-balance", "version": 1}
    assert wire["phase"] == "study"
    assert wire["dimensions"] == ["resources", "attitudes", "perceptions"]
    assert all(r["mean"] is not None for r in wire["ratings"])
