"""Every interface string exists in English and Swedish, with the same placeholders."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from facilitator.i18n.catalog import flatten, load_catalog
from facilitator.i18n.languages import ENTRY_FILE

ROOT = Path(__file__).resolve().parent.parent
CATALOG_FOLDERS = [ROOT / "facilitator" / "i18n" / "locale"]
KEY_IN_CODE = re.compile(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def _catalog(language: str) -> dict[str, str]:
    return dict(load_catalog(language))


def _file(path: Path) -> dict[str, str]:
    return flatten(tomllib.loads(path.read_text(encoding="utf-8")))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalog_files_have_the_same_keys_in_both_languages() -> None:
    for folder in CATALOG_FOLDERS:
        for english in sorted((folder / "en").glob("*.toml")):
            if english.name == ENTRY_FILE:
                continue
            swedish = folder / "sv" / english.name
            assert swedish.exists(), f"{swedish} is missing"
            en, sv = _file(english), _file(swedish)
            assert sorted(set(en) - set(sv)) == [], f"untranslated in {swedish.name}"
            assert sorted(set(sv) - set(en)) == [], f"only Swedish in {swedish.name}"
            for key in en:
                assert _placeholders(en[key]) == _placeholders(sv[key]), key


@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_key_used_in_the_interface_exists(language: str) -> None:
    catalog = _catalog(language)
    used: dict[str, Path] = {}
    for package in ("screens", "facilitator", "sync"):
        for path in (ROOT / package).rglob("*.py"):
            for key in KEY_IN_CODE.findall(path.read_text(encoding="utf-8")):
                used.setdefault(key, path)
    assert len(used) > 50
    missing = {key: str(path.relative_to(ROOT)) for key, path in used.items() if key not in catalog}
    assert missing == {}


def test_swedish_is_not_a_copy_of_english() -> None:
    en, sv = _catalog("en"), _catalog("sv")
    same = [k for k in en if k in sv and en[k] == sv[k] and len(en[k]) > 12 and " " in en[k]]
    assert len(same) <= len(en) // 50, same[:20]
