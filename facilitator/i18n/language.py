"""Provides the choice of interface language: --lang, then the saved setting, then the locale."""

from __future__ import annotations

from collections.abc import Mapping

from facilitator.i18n.languages import DEFAULT_LANGUAGE, is_registered

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_of(value: str | None) -> str | None:
    """The registered language a code or locale names (`sv`, `sv_SE.UTF-8`, `SV`), else None."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if is_registered(code) else None


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The language of the POSIX locale: the first set of LC_ALL, LC_MESSAGES, LANG."""
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return language_of(value)
    return None


def resolve_language(
    cli_lang: str | None, saved_setting: str | None, environ: Mapping[str, str]
) -> str:
    """The interface language: `--lang`, then the saved setting, then the locale, then en."""
    for choice in (language_of(cli_lang), language_of(saved_setting), locale_language(environ)):
        if choice is not None:
            return choice
    return DEFAULT_LANGUAGE
