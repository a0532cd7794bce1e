"""Provides the UI translator: screens/locale/<lang>/*.toml layered over facilitator.i18n.

The screens' own catalogs win over the core's; English fills any gap in either.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
FALLBACK = "en"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def _catalog(language: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    folder = LOCALE_DIR / language
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            with path.open("rb") as handle:
                messages.update(_flatten(tomllib.load(handle)))
    return messages


def _core(language: str) -> dict[str, str]:
    try:
        from facilitator.i18n import load_catalog

        return dict(load_catalog(language))
    except (ImportError, KeyError):
        return {}


class Translator:
    """Looks up interface text by key in one language, falling back to English."""

    def __init__(self, language: str) -> None:
        self.language = language if (LOCALE_DIR / language).is_dir() else FALLBACK
        self._messages = {
            **_core(FALLBACK),
            **_catalog(FALLBACK),
            **_core(self.language),
            **_catalog(self.language),
        }

    def t(self, key: str, **params: object) -> str:
        """The text for `key` with `{name}` placeholders filled; the key itself when unknown."""
        text = self._messages.get(key, key)
        if params:
            try:
                return text.format(**params)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def has(self, key: str) -> bool:
        """Whether `key` is in the catalog."""
        return key in self._messages

    def languages(self) -> list[str]:
        """Languages that have a catalog folder."""
        return sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir())
