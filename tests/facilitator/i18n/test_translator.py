"""Translator lookups, parameters, fallback and the choice of language."""

from __future__ import annotations

from facilitator.i18n import resolve_language, translator
from facilitator.i18n.translator import Translator


def test_lookup_with_parameters() -> None:
    assert translator("en").t("errors.quote.last", a="x", b="y") == "x and y"
    assert translator("sv").t("errors.quote.last", a="x", b="y") == "x och y"


def test_missing_key_falls_back_to_english_then_to_the_key() -> None:
    t = Translator("sv", {}, {"a.b": "English"})
    assert t.t("a.b") == "English"
    assert t.t("no.such.key") == "no.such.key"


def test_missing_parameter_is_left_visible_not_raised() -> None:
    assert translator("en").t("errors.quote.last", a="x") == "x and {b}"


def test_unknown_language_gets_english() -> None:
    assert translator("de").language == "en"


def test_screen_report_and_core_keys_share_one_catalog() -> None:
    sv = translator("sv")
    assert sv.t("home.title") == "Samtal"
    assert sv.t("report.date") == "Datum"
    assert sv.t("vocab.note_kind.parking_lot") == "Parkerade frågor"


def test_vocabulary_aliases_read_the_one_place() -> None:
    for language in ("en", "sv"):
        t = translator(language)
        assert t.t("run.kind.question") == t.t("vocab.note_kind.question")
        assert t.t("role.managers") == t.t("run.group.managers") == t.t("vocab.role_group.managers")
        assert t.t("status.finished") == t.t("vocab.session_status.finished").lower()
        assert t.t("summary.abbr.managers") == t.t("vocab.role_group.abbr.managers")


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
