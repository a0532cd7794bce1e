"""Translator lookups, parameters, fallback and the choice of language."""

from __future__ import annotations

from pathlib import Path

from facilitator.i18n import resolve_language, translator, translator_with
from facilitator.i18n.translator import Translator


def test_lookup_with_parameters() -> None:
    assert translator("en").t("run.round_of", number=2, count=5) == "Round 2 of 5"
    assert translator("sv").t("run.round_of", number=2, count=5) == "Runda 2 av 5"


def test_missing_key_falls_back_to_english_then_to_the_key() -> None:
    t = Translator("sv", {}, {"a.b": "English"})
    assert t.t("a.b") == "English"
    assert t.t("no.such.key") == "no.such.key"


def test_missing_parameter_is_left_visible_not_raised() -> None:
    assert translator("en").t("run.round_of", number=2) == "Round 2 of {count}"


def test_unknown_language_gets_english() -> None:
    assert translator("de").language == "en"


def test_extra_catalog_folders(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "sv").mkdir()
    (tmp_path / "en" / "home.toml").write_text('[lock]\ntitle = "Locked"\n', encoding="utf-8")
    assert translator_with("sv", [tmp_path]).t("lock.title") == "Locked"
    assert translator_with("sv", [tmp_path]).t("home.title") == "Samtal"


def test_language_order() -> None:
    env = {"LANG": "sv_SE.UTF-8"}
    assert resolve_language("en", "sv", env) == "en"
    assert resolve_language(None, "en", env) == "en"
    assert resolve_language(None, None, env) == "sv"
    assert resolve_language(None, None, {}) == "en"


def test_locale_variables_in_posix_order() -> None:
    assert resolve_language(None, None, {"LC_ALL": "sv_FI", "LANG": "en_GB.UTF-8"}) == "sv"
    assert resolve_language(None, None, {"LC_MESSAGES": "sv_SE", "LANG": "en_US"}) == "sv"
    assert resolve_language(None, None, {"LC_ALL": "C", "LANG": "sv_SE"}) == "en"
    assert resolve_language(None, None, {"LANG": "de_DE.UTF-8"}) == "en"


def test_unsupported_choices_are_skipped() -> None:
    assert resolve_language("fr", "SV", {}) == "sv"
    assert resolve_language("", None, {"LANG": "sv"}) == "sv"
