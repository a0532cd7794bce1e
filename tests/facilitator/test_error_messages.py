"""Errors of exports, project reports, follow-up and anonymized summaries, in English and Swedish."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.anonymize import SummaryRefused, build_summary
from facilitator.errors import FacilitatorError
from facilitator.followup import mark_action
from facilitator.reports.export import render_export, write_export
from facilitator.reports.project import load_project
from facilitator.reports.project_report import render_project
from facilitator.scrubber import kinds_text, scrub
from facilitator.vault import Vault
from facilitator.vault.files import ensure_outside
from facilitator.vocabulary import ActionStatus
from tests.facilitator.fixtures import sample_session
from tests.facilitator.reports.fixtures import make_session


def _both(error: FacilitatorError) -> tuple[str, str]:
    return str(error), error.render("sv")


def test_an_export_into_the_vault_directory_is_refused_in_both_languages(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    with pytest.raises(FacilitatorError) as caught:
        ensure_outside(vault / "notes.md", vault)
    assert _both(caught.value) == (
        f"{vault}/notes.md is inside the vault directory {vault}, where only encrypted files "
        "belong; choose another place",
        f"{vault}/notes.md ligger i valvmappen {vault}, där bara krypterade filer hör hemma; "
        "välj en annan plats",
    )


def test_a_missing_folder_and_an_unknown_format_say_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.md"
    with pytest.raises(FacilitatorError) as caught:
        write_export(make_session("en"), "md", target, vault_dir=None)
    assert caught.value.render("sv") == (
        f"kan inte skriva {target}: mappen {target.parent} finns inte; "
        "skapa den eller välj en annan plats"
    )
    with pytest.raises(FacilitatorError) as caught:
        render_export(make_session("en"), "pdf")
    assert _both(caught.value) == (
        'unknown format "pdf"; choose one of md, html, csv, json',
        'okänt format "pdf"; välj ett av md, html, csv, json',
    )
    with pytest.raises(FacilitatorError) as caught:
        render_project("P", [], "pdf")
    assert caught.value.render("sv") == 'okänt format "pdf"; välj ett av md, html'


def test_a_project_without_sessions_in_both_languages() -> None:
    vault = Vault.in_memory()
    with pytest.raises(FacilitatorError) as caught:
        load_project(vault, "Nope")
    assert _both(caught.value) == (
        'there are no sessions in the improvement work "Nope"; '
        "name the improvement work when you plan sessions",
        'det finns inga samtal i förbättringsarbetet "Nope"; '
        "ange ett förbättringsarbete när du planerar samtalen",
    )
    vault.save_session(replace(sample_session(), project="Höglandet"))
    with pytest.raises(FacilitatorError) as caught:
        load_project(vault, "Nope")
    assert _both(caught.value) == (
        'there are no sessions in the improvement work "Nope"; '
        "improvement work in this vault: Höglandet",
        'det finns inga samtal i förbättringsarbetet "Nope"; '
        "förbättringsarbeten i valvet: Höglandet",
    )


def test_marking_a_missing_action_renders_in_swedish() -> None:
    session = sample_session()
    with pytest.raises(FacilitatorError) as caught:
        mark_action(session, "gone", ActionStatus.DONE)
    assert caught.value.render("sv") == (
        f"samtalet {session.id} har ingen åtgärd gone; den kan ha tagits bort, "
        "så öppna samtalet igen"
    )


def test_what_the_scrubber_found_is_listed_in_words() -> None:
    found = kinds_text(scrub("Anna rang +46 70 12 34 56 on 3 May"))
    assert found.render("en") == "a name, a phone number and a date"
    assert found.render("sv") == "ett namn, ett telefonnummer och ett datum"
    assert kinds_text(scrub("x" * 300)).render("sv") == "mer än 280 tecken"


def test_summary_refusals_render_in_swedish() -> None:
    with pytest.raises(SummaryRefused) as caught:
        build_summary(sample_session(), region="Jönköping")
    assert caught.value.render("sv") == (
        '"Jönköping" är ingen känd regionkod; ange en med `facilitator sync config --region KOD`'
    )
    with pytest.raises(SummaryRefused) as caught:
        build_summary(replace(sample_session(), created=None), region=None)
    assert caught.value.render("sv").startswith("samtalet saknar datum för när det skapades")
