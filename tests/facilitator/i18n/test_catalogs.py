"""Every interface string exists in English and Swedish, with the same parameters."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

from facilitator import vocabulary
from facilitator.i18n import available_languages, load_catalog
from facilitator.i18n.translator import placeholders


def _missing(language: str, reference: str) -> list[str]:
    return sorted(set(load_catalog(reference)) - set(load_catalog(language)))


@pytest.mark.parametrize("language", available_languages())
def test_every_key_is_translated(language: str) -> None:
    for other in available_languages():
        assert _missing(language, other) == [], f"{language} lacks keys that {other} has"


@pytest.mark.parametrize("language", available_languages())
def test_placeholders_match_english(language: str) -> None:
    english = load_catalog("en")
    mismatched = {
        key: (placeholders(english[key]), placeholders(text))
        for key, text in load_catalog(language).items()
        if placeholders(english[key]) != placeholders(text)
    }
    assert mismatched == {}


@pytest.mark.parametrize("language", available_languages())
def test_no_empty_strings(language: str) -> None:
    assert [k for k, v in load_catalog(language).items() if not v.strip()] == []


def _words(text: str) -> str:
    """The text without its placeholders: what a translator actually writes."""
    return re.sub(r"\{[^}]*\}", "", text)


def test_swedish_is_not_english() -> None:
    en, sv = load_catalog("en"), load_catalog("sv")
    same = [k for k in en if en[k] == sv[k] and len(_words(en[k]).strip(" :.,-")) > 12]
    assert same == []


_VOCABULARIES = {
    "role_group": vocabulary.RoleGroup,
    "phase": vocabulary.Phase,
    "care_setting": vocabulary.CareSetting,
    "round_kind": vocabulary.RoundKind,
    "note_kind": vocabulary.NoteKind,
    "action_status": vocabulary.ActionStatus,
    "session_status": vocabulary.SessionStatus,
    "tag": vocabulary.Tag,
}


@pytest.mark.parametrize(("area", "enum"), _VOCABULARIES.items())
def test_every_vocabulary_value_has_a_label(area: str, enum: type[StrEnum]) -> None:
    catalog = load_catalog("en")
    assert [v.value for v in enum if f"vocab.{area}.{v.value}" not in catalog] == []
