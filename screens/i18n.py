"""Provides the UI translator: the one catalog of facilitator.i18n, screens' keys included.

Every language's screen texts live in its registry folder (facilitator/i18n/locale/<code>).
"""

from __future__ import annotations

from facilitator.i18n import Translator, translator


def ui_translator(language: str) -> Translator:
    """The interface translator of a language, the default language filling any gap."""
    return translator(language)
