"""Provides the one lookup the run, presenter, summary and history screens use for their text.

Kept behind a single function so the lead can swap the translator without touching screens.
"""

from __future__ import annotations

from functools import cache

from textual.dom import DOMNode

from screens.i18n import Translator


@cache
def _translator(language: str) -> Translator:
    return Translator(language)


def language_of(node: DOMNode) -> str:
    """The interface language from the app's settings; English when there are none."""
    services = getattr(node.app, "services", None)
    settings = getattr(services, "settings", None)
    return str(getattr(settings, "language", "en"))


def tr(node: DOMNode, key: str, **params: object) -> str:
    """The interface text for `key` in the app's language."""
    return _translator(language_of(node)).t(key, **params)


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss (rounded up, so 0:00 appears only when time is up)."""
    whole = int(seconds) if seconds == int(seconds) else int(seconds) + 1
    return f"{whole // 60}:{whole % 60:02d}"
