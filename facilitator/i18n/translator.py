"""Provides the Translator: interface strings in one language, with English as fallback."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache

from facilitator.i18n.catalog import load_catalog
from facilitator.i18n.languages import DEFAULT_LANGUAGE, is_registered


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
    """The shared Translator of a registered language; unknown languages get the default."""
    lang = language if is_registered(language) else DEFAULT_LANGUAGE
    return Translator(lang, load_catalog(lang), load_catalog(DEFAULT_LANGUAGE))


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` parameters a catalog text expects."""
    return frozenset(
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(text)
        if field is not None and field != ""
    )
