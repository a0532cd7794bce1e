"""Provides the Translator: interface strings in one language, with English as fallback."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from facilitator.i18n.catalog import DEFAULT_LANGUAGE, LANGUAGES, load_catalog, load_extra_catalogs


class _KeepMissing(dict[str, object]):
    """Format parameters that leave an unknown `{name}` as written instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Translator:
    """Looks up interface strings by key and fills in their `{name}` parameters."""

    def __init__(
        self, language: str, catalog: Mapping[str, str], fallback: Mapping[str, str]
    ) -> None:
        self.language = language
        self._catalog = catalog
        self._fallback = fallback

    def t(self, key: str, /, **params: object) -> str:
        """The text for `key` with `params` filled in; the key itself when nobody wrote it."""
        text = self._catalog.get(key) or self._fallback.get(key)
        if text is None:
            return key
        if not params:
            return text
        try:
            return string.Formatter().vformat(text, (), _KeepMissing(params))
        except (ValueError, IndexError, AttributeError, TypeError):
            return text

    def has(self, key: str) -> bool:
        """Whether this language (not the fallback) has `key`."""
        return key in self._catalog


@cache
def translator(language: str) -> Translator:
    """The shared Translator of a language; unknown languages get English."""
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return Translator(lang, load_catalog(lang), load_catalog(DEFAULT_LANGUAGE))


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` parameters a catalog text expects."""
    return frozenset(
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None and field != ""
    )


def translator_with(language: str, folders: Sequence[Path]) -> Translator:
    """A Translator that also knows the keys in `<folder>/<language>/*.toml` of each folder."""
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    catalog = {**load_catalog(lang), **load_extra_catalogs(lang, folders)}
    fallback = {**load_catalog(DEFAULT_LANGUAGE), **load_extra_catalogs(DEFAULT_LANGUAGE, folders)}
    return Translator(lang, catalog, fallback)
