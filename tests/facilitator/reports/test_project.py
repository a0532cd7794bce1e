"""Project trends, before/after of actions, and the project report in both formats."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from facilitator.errors import SessionNotFound
from facilitator.reports.project import action_effects, dimension_trends, load_project
from facilitator.reports.project_report import render_project
from facilitator.vault import Vault
from facilitator.vocabulary import RoleGroup
from tests.facilitator.reports.fixtures import make_session
from tests.facilitator.reports.golden import check_golden
from tests.facilitator.reports.htmlcheck import problems


def _project(language: str = "en") -> list:
    return [
        make_session(language, session_id="p1", start=datetime(2026, 9, 1, 9, tzinfo=UTC)),
        make_session(
            language, session_id="p2", start=datetime(2026, 11, 26, 9, tzinfo=UTC), shift=1
        ),
    ]


def test_trends_follow_each_dimension_per_role_group() -> None:
    trends = dimension_trends(_project())
    assert [t.dimension for t in trends] == ["resources", "attitudes", "perceptions"]
    resources = trends[0]
    assert resources.series(RoleGroup.USERS_RELATIVES) == (1.0, 2.0)
    assert resources.series(RoleGroup.MANAGERS) == (None, None)


def test_action_effects_show_the_dimension_before_and_after() -> None:
    effects = action_effects(_project())
    first = effects[0]
    assert (first.dimension, first.action.id) == ("resources", "p1-a00")
    assert first.after is not None and first.after.session_id == "p2"
    assert dict(first.agreed_in.means)[RoleGroup.USERS_RELATIVES] == 1.0
    assert dict(first.after.means)[RoleGroup.USERS_RELATIVES] == 2.0
    assert [e.after for e in effects if e.action.id.startswith("p2")] == [None, None]


def test_project_report_markdown_golden(language: str) -> None:
    check_golden(f"project-{language}.md", render_project("Esther café", _project(language), "md"))


def test_project_report_html_has_line_charts_and_parses(language: str) -> None:
    html = render_project("Esther <café>", _project(language), "html").decode()
    assert problems(html) == []
    assert html.count('class="trend"') >= 3
    assert 'class="series-users_relatives"' in html
    assert "Esther &lt;café&gt;" in html


def test_load_project_reads_the_vault_and_names_known_projects() -> None:
    vault = Vault.in_memory()
    for session in _project():
        vault.save_session(session)
    assert [s.id for s in load_project(vault, "Esther café Höglandet")] == ["p1", "p2"]
    with pytest.raises(SessionNotFound, match="Esther café Höglandet"):
        load_project(vault, "Nope")


def test_project_report_shows_each_dimension_before_and_after_its_actions() -> None:
    md = render_project("Esther café", _project("en"), "md").decode()
    before_after = md.split("## Before and after actions", 1)[1]
    assert (
        "| Resources | Hold the next meeting at 17:00 in the library. | Open "
        "| Autumn reflection (1 Sep 2026) | Professionals 2.2, Patients, users and relatives 1.0 "
        "| Autumn reflection (26 Nov 2026): Professionals 3.2, Patients, users and relatives 2.0 |"
    ) in before_after
    assert (
        "| Attitudes | +Ask relatives to co-chair. | In progress "
        "| Autumn reflection (1 Sep 2026) | Professionals 3.0, Patients, users and relatives 2.3 "
        "| Autumn reflection (26 Nov 2026): Professionals 4.0, Patients, users and relatives 3.3 |"
    ) in before_after


def test_project_report_html_writes_days_and_decimals_in_the_language() -> None:
    html = render_project("Esther café", _project("sv"), "html").decode()
    assert "1 sep. 2026" in html and "26 nov. 2026" in html and "2026-09-01" not in html
    assert "Personal 2,2, Patienter, brukare och närstående 1,0" in html
