"""Provides the message catalogs: one TOML file of interface strings per language.

Tables group keys by area (`[home] title = ...` is the key `home.title`); no runtime deps.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

DEFAULT_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "sv")


def available_languages() -> tuple[str, ...]:
    """Languages the interface is translated into, default first."""
    return LANGUAGES


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


@cache
def load_catalog(language: str) -> Mapping[str, str]:
    """The flat catalog of one shipped language; KeyError when it is not shipped."""
    if language not in LANGUAGES:
        raise KeyError(language)
    raw = resources.files(__package__).joinpath(f"{language}.toml").read_text("utf-8")
    return flatten(tomllib.loads(raw))


def load_extra_catalogs(language: str, folders: Sequence[Path]) -> dict[str, str]:
    """Keys from `<folder>/<language>/*.toml` files, for areas that keep their own catalogs."""
    return dict(_extra_catalogs(language, tuple(folders)))


@cache
def _extra_catalogs(language: str, folders: tuple[Path, ...]) -> Mapping[str, str]:
    """Parsed once per process: the fallback language is read for every translator."""
    merged: dict[str, str] = {}
    for folder in folders:
        for path in sorted((folder / language).glob("*.toml")):
            merged.update(flatten(tomllib.loads(path.read_text("utf-8"))))
    return merged
