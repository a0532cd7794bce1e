"""Provides the interface in every registered language: catalogs, language choice and formats.

Pure Python with no runtime dependencies, so the core, the CLI and the UI can all use it.
"""

from facilitator.i18n.catalog import available_languages, load_catalog
from facilitator.i18n.format import format_date, format_datetime, format_minutes, format_number
from facilitator.i18n.language import resolve_language
from facilitator.i18n.languages import DEFAULT_LANGUAGE, language_codes, native_names
from facilitator.i18n.translator import Translator, translator

__all__ = [
    "DEFAULT_LANGUAGE",
    "Translator",
    "available_languages",
    "format_date",
    "format_datetime",
    "format_minutes",
    "format_number",
    "language_codes",
    "load_catalog",
    "native_names",
    "resolve_language",
    "translator",
]
