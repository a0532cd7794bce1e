"""Broken template files give located problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.templates import TemplateInvalid, check_template_file, load_template_file
from facilitator.templates.catalog import discover_templates
from facilitator.templates.problems import format_problems

VALID = """\
id = "mine"
version = 1
languages = ["en", "sv"]

[en]
name = "Mine"

[sv]
name = "Min"

[[rounds]]
id = "first"
kind = "dimension"
dimension = "resources"
minutes = 10
scale = { minimum = 1, maximum = 5 }

[rounds.en]
title = "First"
prompts = ["One?", "Two?"]
scale = { low = "Low", high = "High" }

[rounds.sv]
title = "Första"
prompts = ["Ett?", "Två?"]
scale = { low = "Låg", high = "Hög" }
"""


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "mine.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _lines(tmp_path: Path, text: str | bytes) -> list[str]:
    path = _write(tmp_path, text)
    lines = format_problems(check_template_file(path))
    assert lines, "expected at least one problem"
    for line in lines:
        assert line.startswith(f"{path}:"), line
    return [line.removeprefix(f"{path}:") for line in lines]


def test_valid_file_has_no_problems(tmp_path: Path) -> None:
    assert check_template_file(_write(tmp_path, VALID)) == []
    assert load_template_file(_write(tmp_path, VALID)).id == "mine"


def test_bad_toml_gives_line_and_column(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, VALID.replace('title = "First"', 'title = "First'))
    assert line.startswith("19:15: ")
    assert "TOML syntax error" in line


def test_truncated_toml_points_at_end(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, 'id = "mine"\nversion =')
    assert line.startswith("2:10: ")


def test_missing_fields(tmp_path: Path) -> None:
    text = VALID.replace("version = 1\n", "").replace('title = "Första"\n', "")
    lines = _lines(tmp_path, text)
    assert any(line.endswith(" version: missing") for line in lines)
    assert any(" rounds[0].sv.title: missing" in line for line in lines)


def test_negative_minutes(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, VALID.replace("minutes = 10", "minutes = -5"))
    assert line == "15:11: rounds[0].minutes: must be 0 or more"


def test_scale_minimum_above_maximum(tmp_path: Path) -> None:
    text = VALID.replace("minimum = 1, maximum = 5", "minimum = 5, maximum = 1")
    lines = _lines(tmp_path, text)
    assert any(line.startswith("16:21: rounds[0].scale.minimum: the minimum (5)") for line in lines)


def test_unknown_round_kind(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, VALID.replace('kind = "dimension"', 'kind = "dance"'))
    assert line.startswith('13:8: rounds[0].kind: unknown round kind "dance"')


def test_ten_thousand_rounds(tmp_path: Path) -> None:
    text = VALID + "".join(f'[[rounds]]\nid = "r{i}"\n' for i in range(9_999))
    lines = _lines(tmp_path, text)
    assert len(lines) == 1
    assert "rounds: 10,000 entries; at most 200 are allowed" in lines[0]


def test_megabyte_prompt(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, VALID.replace('"Two?"', '"' + "x" * 1_000_000 + '"'))
    assert line.startswith("20:20: rounds[0].en.prompts[1]: 1,000,000 characters; at most 5,000")


def test_file_too_large(tmp_path: Path) -> None:
    (line,) = _lines(tmp_path, VALID + "# " + "x" * 3_000_000 + "\n")
    assert "larger than" in line


def test_not_utf8(tmp_path: Path) -> None:
    raw = VALID.replace("Första", "F\udcf6rsta").encode("utf-8", "surrogateescape")
    (line,) = _lines(tmp_path, raw)
    assert line.startswith("24:11: ")
    assert "UTF-8" in line


def test_languages_mismatched(tmp_path: Path) -> None:
    text = VALID.replace('prompts = ["Ett?", "Två?"]', 'prompts = ["Ett?"]')
    text = text.replace('scale = { low = "Låg", high = "Hög" }', 'scale = { low = "Låg" }')
    text += '[rounds.de]\ntitle = "x"\n'
    lines = _lines(tmp_path, text)
    assert any(
        'rounds[0].sv.prompts: 1 entries here, but 2 in the "en" version' in x for x in lines
    )
    assert any("rounds[0].sv.scale.high: missing" in x for x in lines)
    assert any("27:1: rounds[0].de: unknown field" in x for x in lines)


def test_missing_language_table(tmp_path: Path) -> None:
    start = VALID.index("[rounds.sv]")
    lines = _lines(tmp_path, VALID[:start])
    assert lines == ["11:1: rounds[0].sv: missing"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('id = "mine"', 'id = "Mine Template"', "1:6: id: must be a short id"),
        ("version = 1", 'version = "one"', "2:11: version: must be a whole number"),
        ('languages = ["en", "sv"]', 'languages = ["en", "sv", "english"]', "languages[2]"),
        ("minutes = 10", "minuts = 10", "rounds[0].minuts: unknown field"),
        ('dimension = "resources"\n', "", "rounds[0].dimension: a dimension round"),
        ("minutes = 10", "minutes = 10000", "rounds[0].minutes: must be 600 or less"),
        ('title = "First"', 'title = ""', "rounds[0].en.title: must not be empty"),
        ('id = "mine"', 'format = 99\nid = "mine"', "format: written for a newer facilitator"),
    ],
)
def test_other_problems_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    lines = _lines(tmp_path, VALID.replace(old, new, 1))
    assert any(expected in line for line in lines), lines


def test_every_problem_is_reported(tmp_path: Path) -> None:
    text = VALID.replace("minutes = 10", "minutes = -1").replace('kind = "dimension"', 'kind = "x"')
    text = text.replace("version = 1", "version = 0")
    assert len(_lines(tmp_path, text)) == 3


def test_load_raises_with_first_problem(tmp_path: Path) -> None:
    with pytest.raises(TemplateInvalid, match=r"rounds\[0\]\.minutes: must be 0 or more") as info:
        load_template_file(_write(tmp_path, VALID.replace("minutes = 10", "minutes = -1")))
    assert len(info.value.problems) == 1


def test_problems_speak_swedish(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID.replace("minutes = 10", "minutes = -1"))
    (line,) = format_problems(check_template_file(path), "sv")
    assert line.endswith("rounds[0].minutes: ska vara 0 eller mer")


def test_unreadable_path(tmp_path: Path) -> None:
    (problem,) = check_template_file(tmp_path / "absent.toml")
    assert "cannot read" in str(problem)


def test_broken_user_template_is_listed_not_raised(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(VALID, encoding="utf-8")
    (tmp_path / "bad.toml").write_text("id = ", encoding="utf-8")
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00")
    entries = {e.source: e for e in discover_templates(tmp_path, [tmp_path / "nowhere.toml"])}
    good = entries[str(tmp_path / "good.toml")]
    assert good.broken is None and good.rounds == 1 and good.minutes == 10
    assert entries[str(tmp_path / "bad.toml")].broken
    assert entries[str(tmp_path / "binary.toml")].broken
    assert entries[str(tmp_path / "nowhere.toml")].broken


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a value after its key: the column of the value, not of the line
        ("minutes = 10", "minutes   =   -1", "15:15: rounds[0].minutes: must be 0 or more"),
        # an entry of an array: the column of that entry
        (
            'languages = ["en", "sv"]',
            'languages = ["en", "sv", "EN"]',
            "3:26: languages[2]: must be a language code",
        ),
        # inside an inline table: the value of that field
        (
            "{ minimum = 1, maximum = 5 }",
            "{ minimum = 1, maximum = 500 }",
            "16:34: rounds[0].scale.maximum: must be 100 or less",
        ),
        # a misspelt key inside an inline table: the key itself
        (
            '{ low = "Low", high = "High" }',
            '{ low = "Low", hihg = "High" }',
            "21:24: rounds[0].en.scale.hihg: unknown field",
        ),
        # characters, not bytes: "Två" before it holds a letter of two bytes
        (
            'prompts = ["Ett?", "Två?"]',
            'prompts = ["Två?", ""]',
            "25:20: rounds[0].sv.prompts[1]: must not be empty",
        ),
        # a field that is missing: the table that should hold it
        ('title = "Första"\n', "", "23:1: rounds[0].sv.title: missing"),
        # a top-level field that is missing: the start of the document
        ("version = 1\n", "", "1:1: version: missing"),
    ],
)
def test_every_problem_names_its_line_and_real_column(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in VALID
    lines = _lines(tmp_path, VALID.replace(old, new, 1))
    assert any(line.startswith(expected) for line in lines), lines
