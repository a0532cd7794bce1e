"""Provides the UI translator: the core catalogs with screens/locale/<lang>/*.toml on top.

The screens keep their own catalog files; facilitator.i18n does the loading and lookup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from facilitator.i18n import Translator, translator_with

LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def ui_translator(language: str) -> Translator:
    """The interface translator of a language, English filling any gap; built once each."""
    return translator_with(language, [LOCALE_DIR])
