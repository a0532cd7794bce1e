"""Provides the message catalogs: per language, its registry folder's TOML files as one namespace.

Tables group keys by area (`[home] title = ...` is the key `home.title`); no runtime deps.
The controlled vocabularies are named once, under `vocab.`; older key families the screens
use are served as aliases of them, so each concept is translated in exactly one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from facilitator.i18n.cached_toml import load_toml
from facilitator.i18n.languages import DEFAULT_LANGUAGE, entries, is_registered, language_codes
from facilitator.i18n.languages import entry as language_entry

# Key families that name a vocabulary under another prefix: alias -> the one place.
ALIASES: dict[str, str] = {
    "run.kind": "vocab.note_kind",
    "run.group": "vocab.role_group",
    "role": "vocab.role_group",
    "summary.abbr": "vocab.role_group.abbr",
    "phase": "vocab.phase",
    "care": "vocab.care_setting",
}
# The same, written in lower case because they stand inside a line of text.
LOWER_CASE_ALIASES: dict[str, str] = {"status": "vocab.session_status"}

__all__ = ["DEFAULT_LANGUAGE", "available_languages", "flatten", "load_catalog"]


def available_languages() -> tuple[str, ...]:
    """Languages the interface is translated into, default first."""
    return language_codes()


def flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    """Nested TOML tables as flat dotted keys; non-text values are refused."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise ValueError(f"{name}: catalog values must be text")
    return flat


def read_files(language: str) -> dict[str, dict[str, str]]:
    """Each catalog file of a registered language, flat, by file name."""
    item = language_entry(language)
    return {file.name: flatten(load_toml(file)) for file in item.catalog_files()}


def _children(catalog: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The direct children of `prefix` (`vocab.phase.plan`, not `vocab.phase.x.y`) by name."""
    start = prefix + "."
    return {
        key[len(start) :]: text
        for key, text in catalog.items()
        if key.startswith(start) and "." not in key[len(start) :]
    }


def with_aliases(catalog: Mapping[str, str]) -> dict[str, str]:
    """The catalog plus every alias key and, where missing, `language.<code>` names."""
    full = dict(catalog)
    for alias, target in ALIASES.items():
        for name, text in _children(catalog, target).items():
            full.setdefault(f"{alias}.{name}", text)
    for alias, target in LOWER_CASE_ALIASES.items():
        for name, text in _children(catalog, target).items():
            full.setdefault(f"{alias}.{name}", text.lower())
    for item in entries():
        full.setdefault(f"language.{item.code}", item.native_name)
    return full


@cache
def load_catalog(language: str) -> Mapping[str, str]:
    """The flat catalog of one registered language; KeyError when it is not registered.

    A key written in two files of one language is refused: each text has one home.
    """
    if not is_registered(language):
        raise KeyError(language)
    merged: dict[str, str] = {}
    owner: dict[str, str] = {}
    for name, keys in read_files(language).items():
        for key, text in keys.items():
            if key in merged:
                raise ValueError(f"{language}/{name}: {key} is already in {owner[key]}")
            merged[key] = text
            owner[key] = name
    return with_aliases(merged)
