"""Distribution-only templates (psychological safety): counts per scale point, never a mean,
and nothing for a role group with fewer answers than the template's minimum, in every format."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from facilitator.reports.export import render_export
from facilitator.reports.project import action_effects, dimension_trends
from facilitator.reports.project_report import render_project
from tests.facilitator.reports.fixtures import make_psych_session, make_session
from tests.facilitator.reports.htmlcheck import problems

HIDDEN = {"en": "fewer than 3 answered; not shown", "sv": "färre än 3 svarade; visas inte"}
ROLE = {
    "en": ("Professionals", "Patients, users and relatives", "Managers"),
    "sv": ("Personal", "Patienter, brukare och närstående", "Chefer"),
}


def test_markdown_shows_counts_per_scale_point_and_no_means(language: str) -> None:
    md = render_export(make_psych_session(language), "md").decode()
    staff, users, managers = ROLE[language]
    assert f"| {staff} | 0 | 0 | 1 | 0 | 2 | 1 | 0 | 4 |" in md  # raising problems, 1-7
    assert f"| {users} | 0 | 0 | 0 | 0 | 3 | 0 | 0 | 3 |" in md  # asking for help: three
    assert f"| {staff} | 0 | 0 | 0 | 2 | 2 | 4 |" in md  # the check-out's 1-5 scale
    assert f"- {users}: {HIDDEN[language]}." in md  # two users rated raising problems
    assert f"- {managers}: {HIDDEN[language]}." in md  # one manager checked out
    for mean in ("4.8", "4,8", "6.2", "6,2", "4.5", "4,5", "n="):
        assert mean not in md
    assert "Gap" not in md and "Skillnad" not in md


def test_html_shows_the_same_distribution_without_triangle_or_means(language: str) -> None:
    html = render_export(make_psych_session(language), "html").decode()
    assert problems(html) == []
    assert "power-triangle" not in html
    staff = ROLE[language][0]
    cells = "".join(f'<td class="num">{c}</td>' for c in (0, 0, 1, 0, 2, 1, 0, 4))
    assert f"<tr><td>{staff}</td>{cells}</tr>" in html
    assert html.count(HIDDEN[language]) == 2
    for mean in ("4.8", "4,8", "n="):
        assert mean not in html


def test_csv_leaves_out_groups_with_too_few_answers() -> None:
    text = render_export(make_psych_session("en"), "csv").decode()
    rows = [r for r in csv.DictReader(io.StringIO(text, newline="")) if r["record"] == "rating"]
    shown = {(r["dimension"], r["role_group"]) for r in rows}
    assert ("raising-problems", "users_relatives") not in shown
    assert ("felt-free", "managers") not in shown
    assert ("asking-for-help", "users_relatives") in shown
    assert len(rows) == 8


def test_csv_of_other_templates_keeps_every_rating() -> None:
    session = make_session("en")  # one manager rated attitudes: a mean template keeps the row
    text = render_export(session, "csv").decode()
    rows = [r for r in csv.DictReader(io.StringIO(text, newline="")) if r["record"] == "rating"]
    assert len(rows) == len(session.ratings)


def test_json_stays_the_complete_session() -> None:
    session = make_psych_session("en")
    assert render_export(session, "json").decode().count('"role_group"') == len(session.ratings)


def test_project_trends_leave_distribution_only_sessions_out(language: str) -> None:
    sessions = [
        make_session(language, session_id="p1", start=datetime(2026, 9, 1, 9, tzinfo=UTC)),
        make_psych_session(language),
    ]
    trends = dimension_trends(sessions)
    assert [t.dimension for t in trends] == ["resources", "attitudes", "perceptions"]
    assert all(len(t.points) == 1 for t in trends)
    assert all(e.after is None for e in action_effects(sessions))
    md = render_project("Esther café", sessions, "md").decode()
    assert "Team check-in" not in md and "Incheckning i teamet" not in md
    assert dimension_trends([make_psych_session(language)]) == ()
