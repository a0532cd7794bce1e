"""Provides the language registry: every interface language, its formats and its catalog folder.

Catalogs, `--lang`, settings, number and date formats and reports all read this one list;
a language is a folder holding `language.toml` (the entry) and the catalog's other TOML files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from facilitator.i18n.cached_toml import load_toml

DEFAULT_LANGUAGE = "en"
ENTRY_FILE = "language.toml"


@dataclass(frozen=True)
class Formats:
    """How a language writes dates, durations and numbers."""

    months: tuple[str, ...]  # twelve short month names, January first
    hour_unit: str  # "h" in `1 h 15 min`
    datetime_separator: str  # between the day and the time
    decimal_mark: str
    group_separator: str  # between groups of thousands


@dataclass(frozen=True)
class LanguageEntry:
    """One interface language: its code, its own name, its formats and its catalog folder."""

    code: str
    native_name: str
    formats: Formats
    catalog: Path  # a folder of TOML files, `language.toml` aside

    def catalog_files(self) -> Iterator[Path]:
        """The catalog's TOML files in name order, the registry entry left out."""
        files = [
            f
            for f in self.catalog.iterdir()
            if f.is_file() and f.name.endswith(".toml") and f.name != ENTRY_FILE
        ]
        yield from sorted(files, key=lambda f: f.name)


def read_entry(folder: Path) -> LanguageEntry:
    """The entry that `folder/language.toml` describes; ValueError when it is malformed."""
    try:
        data = load_toml(folder / ENTRY_FILE)
        formats = data["formats"]
        months = tuple(str(month) for month in formats["months"])
        entry = LanguageEntry(
            code=str(data["code"]),
            native_name=str(data["native_name"]),
            formats=Formats(
                months=months,
                hour_unit=str(formats["hour_unit"]),
                datetime_separator=str(formats["datetime_separator"]),
                decimal_mark=str(formats["decimal_mark"]),
                group_separator=str(formats["group_separator"]),
            ),
            catalog=folder,
        )
    except (KeyError, TypeError, ValueError) as exc:  # ValueError: tomllib.TOMLDecodeError
        raise ValueError(f"{folder.name}/{ENTRY_FILE}: {exc}") from None
    if len(months) != 12 or not entry.code.isalpha() or not entry.code.islower():
        raise ValueError(f"{folder.name}/{ENTRY_FILE}: needs a lower-case code and 12 months")
    return entry


def _shipped() -> dict[str, LanguageEntry]:
    """The languages that ship in facilitator/i18n/locale, the default first."""
    root = Path(__file__).parent / "locale"  # package data, installed as plain files
    found = [read_entry(f) for f in root.iterdir() if (f / ENTRY_FILE).is_file()]
    found.sort(key=lambda entry: (entry.code != DEFAULT_LANGUAGE, entry.code))
    return {entry.code: entry for entry in found}


_registry: dict[str, LanguageEntry] = {}


def _entries() -> dict[str, LanguageEntry]:
    if not _registry:
        _registry.update(_shipped())
    return _registry


def language_codes() -> tuple[str, ...]:
    """The codes of every registered language, the default first."""
    return tuple(_entries())


def entries() -> tuple[LanguageEntry, ...]:
    """Every registered language, the default first."""
    return tuple(_entries().values())


def entry(code: str) -> LanguageEntry:
    """The registered language `code`, else the default language."""
    registry = _entries()
    return registry.get(code) or registry[DEFAULT_LANGUAGE]


def is_registered(code: object) -> bool:
    """Whether `code` names a registered language (settings and `--lang` accept it)."""
    return isinstance(code, str) and code in _entries()


def native_names() -> dict[str, str]:
    """Each language's name in itself, by code: what a language picker shows."""
    return {code: item.native_name for code, item in _entries().items()}


def register(item: LanguageEntry) -> None:
    """Add (or replace) a language; catalogs and translators built before are forgotten."""
    _entries()[item.code] = item
    _forget_loaded()


def register_folder(folder: Path) -> LanguageEntry:
    """Register the language whose entry and catalog are in `folder`, and return it."""
    item = read_entry(folder)
    register(item)
    return item


def unregister(code: str) -> None:
    """Remove a language registered at run time; the default language always stays."""
    if code != DEFAULT_LANGUAGE:
        _entries().pop(code, None)
        _forget_loaded()


def _forget_loaded() -> None:
    """Drop cached catalogs and translators, which were built from the old registry."""
    from facilitator.i18n.catalog import load_catalog
    from facilitator.i18n.translator import translator

    load_catalog.cache_clear()
    translator.cache_clear()
