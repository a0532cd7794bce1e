"""About the model: the same citation, corners and credits in the app and in every report."""

from __future__ import annotations

import pytest

from facilitator.about import CORNERS, about_model
from facilitator.reports.export import render_export
from facilitator.reports.project_report import render_project
from tests.facilitator.reports.fixtures import make_session


@pytest.mark.parametrize("language", ["en", "sv"])
def test_about_names_the_paper_the_three_corners_and_what_is_ours(language: str) -> None:
    about = about_model(language)
    assert "Ärleskog, Vackerberg" in about.citation and "8:108" in about.citation
    assert "Franzén" in about.citation
    assert len(about.corners) == len(CORNERS) == 3
    assert about.interplay and about.own_aids and about.esther


def test_about_reads_naturally_in_each_language() -> None:
    en, sv = about_model("en"), about_model("sv")
    assert en.title == "About the model" and sv.title == "Om modellen"
    assert [c.split(":")[0] for c in en.corners] == ["Resources", "Attitudes", "Perceptions"]
    assert [c.split(":")[0] for c in sv.corners] == ["Resurser", "Attityder", "Uppfattningar"]
    assert "samskapande" in sv.model and "makttriangel" in sv.citation
    assert "hörn" in sv.both_sides and "samspel" in sv.interplay_heading.casefold()
    assert "not the authors' figure" in en.own_aids


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_report_ends_with_the_about_section(language: str, fmt: str) -> None:
    session = make_session(language)
    about = about_model(language)
    for text in (
        render_export(session, fmt).decode("utf-8"),
        render_project("Safer discharge", [session], fmt).decode("utf-8"),
        *([render_project("Safer discharge", [], fmt).decode("utf-8")] if language == "en" else []),
    ):
        assert about.title in text
        assert "8:108" in text and "Franzén" in text
        own_aids = about.own_aids.replace("'", "&#x27;") if fmt == "html" else about.own_aids
        assert text.rindex(own_aids) > text.rindex(about.title)
        assert len(text) - text.rindex(own_aids) < len(own_aids) + 40  # it closes the report
    assert about_model("de") == about_model("en")
