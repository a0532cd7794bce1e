"""The Esther card: kept per improvement work in the vault, in exports only when asked for."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from facilitator.anonymize import build_summary, payload_bytes
from facilitator.errors import InvalidInput, NewerFormat
from facilitator.esther import (
    DOCUMENT,
    EstherCard,
    card_from_dict,
    card_summary,
    load_card,
    save_card,
)
from facilitator.reports.export import render_export
from facilitator.vault import Vault
from tests.facilitator.reports.fixtures import make_session

CARD = EstherCard(
    name="Maj-Britt",
    age="84",
    situation="Lives alone since her husband died; hip fracture in the spring",
    providers="the hospital's orthopaedic ward, home care, her health centre",
    matters="Coming home to her cat and her garden",
    on_presenter=True,
)


def test_a_card_is_kept_per_improvement_work_and_read_back() -> None:
    vault = Vault.in_memory()
    assert load_card(vault, "Safer discharge") is None
    save_card(vault, "Safer discharge", CARD)
    save_card(vault, "Esther café north", EstherCard(name="Elsa"))
    assert load_card(vault, "Safer discharge") == CARD
    assert load_card(vault, "  safer   DISCHARGE ") == CARD  # the work's name, not its spacing
    assert load_card(vault, "Esther café north") == EstherCard(name="Elsa")
    assert load_card(vault, "") is None


def test_an_emptied_card_is_removed() -> None:
    vault = Vault.in_memory()
    save_card(vault, "Safer discharge", CARD)
    save_card(vault, "Safer discharge", EstherCard())
    assert load_card(vault, "Safer discharge") is None


def test_a_session_without_improvement_work_cannot_have_a_card() -> None:
    with pytest.raises(InvalidInput):
        save_card(Vault.in_memory(), " ", CARD)


def test_damaged_or_newer_cards_are_one_line_errors() -> None:
    vault = Vault.in_memory()
    vault.save_document(DOCUMENT, {"version": 1, "cards": {"safer discharge": {"age": 84}}})
    with pytest.raises(InvalidInput) as damaged:
        load_card(vault, "Safer discharge")
    assert "age" in damaged.value.render("en") and "\n" not in damaged.value.render("en")
    vault.save_document(DOCUMENT, {"version": 9, "cards": {}})
    with pytest.raises(NewerFormat):
        load_card(vault, "Safer discharge")
    with pytest.raises(InvalidInput):
        card_from_dict(["not", "a", "card"])


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_opening_round_line_holds_every_field(language: str) -> None:
    line = card_summary(CARD, language)
    assert line.startswith("Esther: Maj-Britt, 84.")
    for text in (CARD.situation, CARD.providers, CARD.matters):
        assert text in line


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_exports_hold_the_card_only_when_it_is_given(fmt: str) -> None:
    session = make_session("en")
    without = render_export(session, fmt).decode("utf-8")
    with_card = render_export(session, fmt, esther=CARD).decode("utf-8")
    assert "Maj-Britt" not in without and "Esther card" not in without
    assert "Maj-Britt" in with_card and "cat and her garden" in with_card
    if fmt == "json":
        assert json.loads(with_card)["esther"] == asdict(CARD)
    assert render_export(session, "csv", esther=CARD) == render_export(session, "csv")


def test_the_card_is_never_in_the_anonymized_summary() -> None:
    vault = Vault.in_memory()
    session = make_session("en")
    save_card(vault, session.project or "Safer discharge", CARD)
    payload = payload_bytes(build_summary(session, region=None)).decode("utf-8")
    for text in (CARD.name, CARD.situation, CARD.providers, CARD.matters):
        assert text not in payload
    # The card lives beside the session, never in it: nothing built from a session carries it.
    assert "esther" not in session.__dataclass_fields__
