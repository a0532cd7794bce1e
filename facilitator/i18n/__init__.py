"""Provides the interface in English and Swedish: catalogs, language choice and formats.

Pure Python with no runtime dependencies, so the core, the CLI and the UI can all use it.
"""

from facilitator.i18n.catalog import available_languages, load_catalog
from facilitator.i18n.format import format_date, format_datetime, format_minutes, format_number
from facilitator.i18n.language import resolve_language
from facilitator.i18n.translator import Translator, translator, translator_with

__all__ = [
    "Translator",
    "available_languages",
    "format_date",
    "format_datetime",
    "format_minutes",
    "format_number",
    "load_catalog",
    "resolve_language",
    "translator",
    "translator_with",
]
