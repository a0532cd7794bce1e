"""Provides UiSettings and the settings file they are kept in (TOML, no user content).

One module reads and writes the file, so the CLI and the app's Settings screen agree on it.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from facilitator.i18n.languages import DEFAULT_LANGUAGE, is_registered

MAX_AUTOLOCK_MINUTES = 24 * 60


@dataclass
class UiSettings:
    """Preferences that shape the interface; none of them is user content."""

    language: str = DEFAULT_LANGUAGE
    plain: bool = False  # accessible mode: no animation, milestones as text lines
    autolock_minutes: float = 10.0  # 0 switches auto-lock off
    auto_advance: bool = False  # rounds end by themselves when time is up
    bell: bool = True
    theme: str = "textual-dark"  # any of Textual's themes


def valid_theme(theme: object) -> bool:
    """Whether `theme` looks like a theme name (letters, digits and dashes, short)."""
    return isinstance(theme, str) and theme.replace("-", "").isalnum() and len(theme) <= 64


def valid_autolock(minutes: object) -> bool:
    """Whether `minutes` is a number of minutes auto-lock accepts (0 switches it off)."""
    return (
        isinstance(minutes, int | float)
        and not isinstance(minutes, bool)
        and 0 <= minutes <= MAX_AUTOLOCK_MINUTES
    )


def _saved(path: Path) -> dict[str, Any]:
    """The settings file's table; empty when it is missing or unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    import tomllib  # only when there is a file: a first start never parses TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}


def read_settings(path: Path) -> tuple[UiSettings, str | None]:
    """The saved preferences and the language the user chose, from one read of the file.

    The preferences fall back to defaults for anything missing, wrong or unreadable; the
    language is None when never chosen (unlike the preferences' English default), so the
    locale decides until the user picks one.
    """
    data = _saved(path)
    value = data.get("language")
    return _settings_from(data), value if isinstance(value, str) else None


def saved_language(path: Path) -> str | None:
    """The language saved in the settings file; None when none is saved or it is unreadable."""
    return read_settings(path)[1]


def load_settings(path: Path) -> UiSettings:
    """Saved preferences, or defaults for any that are missing, wrong or unreadable."""
    return read_settings(path)[0]


def _settings_from(data: dict[str, Any]) -> UiSettings:
    """The preferences in the file's table, each wrong or missing one left at its default."""
    settings = UiSettings()
    if is_registered(data.get("language")):
        settings.language = str(data["language"])
    for name in ("plain", "auto_advance", "bell"):
        if isinstance(data.get(name), bool):
            setattr(settings, name, data[name])
    if valid_autolock(data.get("autolock_minutes")):
        settings.autolock_minutes = float(data["autolock_minutes"])
    if valid_theme(data.get("theme")):
        settings.theme = str(data["theme"])
    return settings


def save_settings(path: Path, settings: UiSettings) -> None:
    """Write preferences atomically (a temporary file renamed over the old one)."""
    import tomli_w  # only when saving, so reading the settings at startup stays light

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(tomli_w.dumps(asdict(settings)), encoding="utf-8")
    os.replace(temporary, path)
