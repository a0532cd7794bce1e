"""One list of languages and one home per concept: nothing spells them a second time."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

import pytest

from facilitator import vocabulary
from facilitator.i18n import language_codes, load_catalog
from facilitator.i18n.catalog import ALIASES, LOWER_CASE_ALIASES, read_files
from tests.facilitator.i18n.test_catalogs import _VOCABULARIES

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("facilitator", "screens", "sync")
REGISTRY = ROOT / "facilitator" / "i18n" / "languages.py"
# Sample sessions are content, like a template's language tables: a language without its
# own sample gets the English one, so the table names languages without offering a choice.
CONTENT_BY_LANGUAGE = {ROOT / "facilitator" / "demo.py"}

CODES = frozenset(language_codes())
VOCABULARIES = _VOCABULARIES
FORMS = ("plural", "abbr")  # other forms of the same word, kept beside it


def _code(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in CODES


def _spells_choices(node: ast.AST) -> bool:
    """Whether `node` lists two codes, keys a table by two, offers them as `choices=`,
    or compares with one."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return sum(_code(item) for item in node.elts) >= 2
    if isinstance(node, ast.Dict):
        return sum(_code(key) for key in node.keys) >= 2
    if isinstance(node, ast.keyword) and node.arg == "choices":
        return any(_code(n) for n in ast.walk(node.value))
    if isinstance(node, ast.Compare):
        return any(_code(side) for side in (node.left, *node.comparators))
    return False


def language_spellings(tree: ast.AST) -> list[int]:
    """Lines where language codes are spelled as a choice instead of read from the registry."""
    return sorted({getattr(n, "lineno", 0) for n in ast.walk(tree) if _spells_choices(n)})


def test_the_scan_finds_a_spelled_language_list() -> None:
    sample = 'LANGS = ("en", "sv")\np.add_argument("--lang", choices=["sv"])\nx = lang == "sv"\n'
    assert language_spellings(ast.parse(sample)) == [1, 2, 3]
    assert language_spellings(ast.parse('ONE = {"ett": 1, "en": 1}\nf(language="en")\n')) == []


def test_no_language_list_outside_the_registry() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == REGISTRY or path in CONTENT_BY_LANGUAGE:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(ROOT)}:{line}" for line in language_spellings(tree)]
    assert found == [], "read facilitator.i18n.languages instead of spelling language codes"


def _enumerations(catalog: dict[str, str], values: frozenset[str]) -> dict[str, set[str]]:
    """Key prefixes whose direct children name at least half of a vocabulary's values."""
    children: dict[str, set[str]] = {}
    for key in catalog:
        prefix, _, last = key.rpartition(".")
        if last in values:
            children.setdefault(prefix, set()).add(last)
    return {p: names for p, names in children.items() if len(names) >= max(2, len(values) / 2)}


@pytest.mark.parametrize("language", language_codes())
@pytest.mark.parametrize(("area", "enum"), VOCABULARIES.items())
def test_each_vocabulary_is_translated_in_one_place(
    language: str, area: str, enum: type[StrEnum]
) -> None:
    values = frozenset(v.value for v in enum)
    home = f"vocab.{area}"
    allowed = {home, *(f"{home}.{form}" for form in FORMS)}
    places = [
        (name, prefix)
        for name, keys in read_files(language).items()
        for prefix in _enumerations(keys, values)
    ]
    assert [f"{name}: {prefix}" for name, prefix in places if prefix not in allowed] == []
    assert [name for name, prefix in places if prefix == home] == ["vocab.toml"]


def test_the_duplicate_check_finds_a_second_translation() -> None:
    keys = {f"run.kind.{v.value}": "x" for v in vocabulary.NoteKind}
    assert set(_enumerations(keys, frozenset(v.value for v in vocabulary.NoteKind))) == {"run.kind"}


def test_aliases_point_at_the_one_place() -> None:
    for target in (*ALIASES.values(), *LOWER_CASE_ALIASES.values()):
        area = target.split(".")[1]
        assert target.startswith("vocab.") and area in VOCABULARIES, target


@pytest.mark.parametrize("language", language_codes())
def test_each_form_names_every_value(language: str) -> None:
    catalog = load_catalog(language)
    for area, enum in VOCABULARIES.items():
        for form in FORMS:
            prefix = f"vocab.{area}.{form}."
            if any(key.startswith(prefix) for key in catalog):
                missing = [v.value for v in enum if prefix + v.value not in catalog]
                assert missing == [], f"{prefix}: {missing}"
