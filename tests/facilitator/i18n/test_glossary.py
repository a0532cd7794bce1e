"""Tests that every catalog, shipped template and report string follows the glossary."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.demo import demo_session
from facilitator.i18n.glossary import glossary, misuses
from facilitator.i18n.languages import language_codes
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.templates.builtin import BUILTIN_IDS, builtin_file_name
from facilitator.templates.modules import CHECK_IN, CHECK_OUT, with_modules

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = language_codes()


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string under `value`, with a dotted path saying where it sits."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


def catalog_strings(language: str) -> Iterator[tuple[str, str]]:
    """Every value of the catalog files of `language` (core, report and screen keys)."""
    for path in sorted((ROOT / "facilitator" / "i18n" / "locale" / language).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        yield from _strings(data, str(path.relative_to(ROOT)))


def template_strings(language: str) -> Iterator[tuple[str, str]]:
    """Every text one language table of a shipped template holds."""
    shipped = ROOT / "facilitator" / "templates" / "shipped"
    for template_id in BUILTIN_IDS:
        data = tomllib.loads((shipped / builtin_file_name(template_id)).read_text("utf-8"))
        where = f"{template_id}.{language}"
        yield from _strings(data.get(language, {}), where)
        for index, item in enumerate(data.get("rounds", [])):
            yield from _strings(item.get(language, {}), f"{template_id}.rounds[{index}]")
        for index, item in enumerate(data.get("variants", [])):
            yield from _strings(item.get(language, {}), f"{template_id}.variants[{index}]")


def report_strings(language: str) -> Iterator[tuple[str, str]]:
    """The Markdown and HTML reports of the demo session, planned with both modules."""
    session = demo_session(FakeClock(), language)
    yield f"demo.{language}.md", session_markdown(session)
    yield f"demo.{language}.html", session_html(session)
    framed = replace(session, template=with_modules(session.template, [CHECK_IN, CHECK_OUT]))
    yield f"framed.{language}.md", session_markdown(framed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_glossary(language: str) -> None:
    assert glossary(language)
    assert all(term.forbidden for term in glossary(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_forbidden_variant_anywhere(language: str) -> None:
    found = [
        f'{where}: "{m.found}" ({m.concept}; write "{m.preferred}")'
        for source in (catalog_strings, template_strings, report_strings)
        for where, text in source(language)
        for m in misuses(text, language)
    ]
    assert found == []


def test_the_scan_reads_what_it_claims() -> None:
    sv = dict(catalog_strings("sv"))
    assert any(text == "Makttriangeln" for text in sv.values())
    assert len(list(template_strings("sv"))) > 60
    assert misuses("Maktriangeln och en session", "sv") and not misuses(
        "`facilitator sessions`", "sv"
    )
    assert [m.found for m in misuses("Brukare och närstående", "sv")] == ["Brukare och närstående"]
    assert misuses("Patienter, brukare och närstående", "sv") == []
    assert misuses("Projektorvy", "sv") == [] and misuses("projektet", "sv")
    assert misuses("Users and relatives", "en") and not misuses(
        "Patients, users and relatives", "en"
    )
