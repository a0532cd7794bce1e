"""Golden files, escaping, formula defusing and the JSON round trip of session exports."""

from __future__ import annotations

import csv
import io
import re
import stat
from pathlib import Path

import pytest

from facilitator.codec import export_session_json, import_session_json
from facilitator.reports.export import render_export, write_export
from facilitator.reports.markdown import cell
from facilitator.vault.files import ExportRefused
from tests.facilitator.reports.fixtures import make_session
from tests.facilitator.reports.golden import check_golden
from tests.facilitator.reports.htmlcheck import problems


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_export_matches_golden(fmt: str, language: str) -> None:
    check_golden(f"session-{language}.{fmt}", render_export(make_session(language), fmt))


def test_json_export_import_export_is_identical(language: str) -> None:
    first = render_export(make_session(language), "json")
    again = import_session_json(first)
    assert again == make_session(language)
    assert export_session_json(again).encode() == first


def test_headings_follow_the_session_language() -> None:
    assert "## Notes" in render_export(make_session("en"), "md").decode()
    swedish = render_export(make_session("sv"), "md").decode()
    assert "## Anteckningar" in swedish
    assert "| Resurser | 2,2 (2–3, n=4)" in swedish


def test_html_escapes_user_text_and_is_well_formed(language: str) -> None:
    html = render_export(make_session(language), "html").decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert problems(html) == []


def test_html_checker_catches_external_references() -> None:
    bad = '<!DOCTYPE html><html><body><img src="https://x.example/a.png"><p></body></html>'
    assert len(problems(bad)) >= 2


def test_html_is_self_contained_with_print_css_and_triangle(language: str) -> None:
    html = render_export(make_session(language), "html").decode()
    assert "@page { size: A4" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="power-triangle"' in html
    assert 'class="gap"' in html  # professionals and users both rated: the gap is drawn
    for group in ("professionals", "users_relatives"):
        assert f'class="group-{group}"' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_markdown_keeps_raw_html_and_table_pipes_inert() -> None:
    md = render_export(make_session("en"), "md").decode()
    assert re.search(r"(?<!\\)<script>", md) is None
    assert "\\<script>alert(1)\\</script>" in md
    assert cell("a | b\nc <b>") == "a \\| b c \\<b>"


def test_csv_has_one_row_per_record_and_defuses_formulas() -> None:
    session = make_session("en")
    text = render_export(session, "csv").decode()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    kinds = [r["record"] for r in rows]
    assert kinds.count("note") == len(session.notes)
    assert kinds.count("rating") == len(session.ratings)
    assert kinds.count("action") == len(session.actions)
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "-", "@")), (key, value)
    texts = {r["text"] for r in rows}
    assert "'=SUM(A1:A9) could we pay for transport?" in texts
    assert "We expect relatives to listen, not to propose.\nSecond line of the note." in texts


def test_csv_bom_is_optional() -> None:
    session = make_session("sv")
    assert render_export(session, "csv", bom=True).startswith(b"\xef\xbb\xbf")
    assert not render_export(session, "csv").startswith(b"\xef\xbb\xbf")


def test_write_export_is_private_and_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out" / "session.html"
    target.parent.mkdir()
    write_export(make_session("en"), "html", target, vault_dir=tmp_path / "vault")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["session.html"]


def test_write_export_refuses_the_vault_directory(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / "sub").mkdir(parents=True)
    for target in (vault / "x.md", vault / "sub" / "x.md", vault / ".." / "vault" / "y.md"):
        with pytest.raises(ExportRefused, match="inside the vault directory"):
            write_export(make_session("en"), "md", target, vault_dir=vault)
    assert sorted(p.name for p in vault.rglob("*")) == ["sub"]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ExportRefused, match="unknown format"):
        render_export(make_session("en"), "pdf")


def test_groups_below_the_template_minimum_are_hidden(language: str) -> None:
    session = make_session(language)  # one manager rated attitudes; the minimum is 3
    for fmt in ("md", "html"):
        text = render_export(session, fmt).decode()
        assert "n=1" not in text
        assert ("fewer than 3" if language == "en" else "färre än 3") in text
