"""The settings file: written as valid TOML, read back whole, wrong values fall back to defaults."""

from __future__ import annotations

import tomllib
from pathlib import Path

from facilitator.settings import (
    UiSettings,
    load_settings,
    read_settings,
    save_settings,
    saved_language,
)


def test_settings_round_trip_as_valid_toml(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    settings = UiSettings(
        language="sv",
        plain=True,
        autolock_minutes=2.5,
        auto_advance=True,
        bell=False,
        theme='nord"\n[x]',
    )
    save_settings(path, settings)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["theme"] == 'nord"\n[x]'  # quoted properly, not spliced into the file
    assert load_settings(path) == UiSettings(
        language="sv", plain=True, autolock_minutes=2.5, auto_advance=True, bell=False
    )


def test_missing_or_broken_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == UiSettings()
    broken = tmp_path / "broken.toml"
    broken.write_text('language = "sv"\nplain = [', encoding="utf-8")
    assert load_settings(broken) == UiSettings()


def test_each_wrong_value_falls_back_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'language = "de"\nplain = "yes"\nautolock_minutes = -3\nbell = false\ntheme = "nord"\n',
        encoding="utf-8",
    )
    assert load_settings(path) == UiSettings(bell=False, theme="nord")


def test_saved_language_tells_never_chosen_from_english(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert saved_language(path) is None  # no file
    path.write_text("bell = false\n", encoding="utf-8")
    assert saved_language(path) is None  # a file, but no language chosen
    assert load_settings(path).language == "en"  # the default, not a choice
    save_settings(path, UiSettings(language="en"))
    assert saved_language(path) == "en"
    path.write_text('language = "sv"\nplain = [', encoding="utf-8")
    assert saved_language(path) is None  # unreadable


def test_one_read_gives_the_preferences_and_the_chosen_language(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert read_settings(path) == (UiSettings(), None)  # no file: defaults, nothing chosen
    path.write_text('language = "sv"\nbell = false\n', encoding="utf-8")
    assert read_settings(path) == (UiSettings(language="sv", bell=False), "sv")
    path.write_text("plain = true\n", encoding="utf-8")
    assert read_settings(path) == (UiSettings(plain=True), None)  # English by default only
