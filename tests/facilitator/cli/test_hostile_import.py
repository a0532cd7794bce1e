"""Hostile import files: each refused in one line with exit 1, never exit 70, vault unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli.main import main
from facilitator.codec import export_session_json, import_session_json
from tests.facilitator.cli.test_cli import one_error_line, snapshot
from tests.facilitator.fixtures import sample_session

Doc = dict[str, Any]


def exported() -> Doc:
    document: Doc = json.loads(export_session_json(sample_session()))
    return document


def _set(path: str, value: object) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target: Any = doc["session"]
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("path as session id", _set("id", "../../../etc/passwd"), "session.id: must be an id"),
    ("path as note id", _set("notes.0.id", "a/b"), "session.notes[0].id: must be an id"),
    ("empty template id", _set("template.id", ""), "session.template.id: must be an id"),
    (
        "current round out of range",
        _set("current_round", 9999),
        "session.current_round: is 9999, but the session has",
    ),
    ("clock in no round", _set("clock.round_index", 50), "session.clock.round_index: is 50"),
    ("no clock is fine", _set("clock", None), ""),
    (
        "round missing from template",
        _set("rounds.0.round_id", "nowhere"),
        'names round "nowhere", which the session\'s template does not have',
    ),
    (
        "note in an unknown round",
        _set("notes.0.round_id", "nowhere"),
        "session.notes[0].round_id: names round",
    ),
    ("escape in title", _set("title", "Ward\x1b]0;owned\x07"), "session.title: holds control"),
    ("bell in project", _set("project", "p\x07"), "session.project: holds control"),
    ("C1 CSI in note", _set("notes.0.text", "a\x9b2J"), "session.notes[0].text: holds control"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_values_are_refused_in_one_line(
    vault_with_demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[Doc], None],
    expected: str,
) -> None:
    doc = exported()
    change(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before = snapshot(vault_with_demo)
    code = main(["import", str(bad)])
    if not expected:  # a control case: still importable
        assert code == 0
        return
    assert code == 1
    line = one_error_line(capsys)
    assert expected in line
    assert "\x1b" not in line and "\x07" not in line
    assert snapshot(vault_with_demo) == before


RAW_CASES = [
    ("5,000-digit number", '"professionals": ' + "9" * 5000, "more than 30 digits"),
    ("lone surrogate", '"title": "Ward \\ud800"', ": holds text that is not valid Unicode"),
    ("NaN", '"professionals": NaN', "not valid JSON"),
    ("escaped escape", '"title": "a\\u001b[2Jb"', ".title: holds control"),
]


@pytest.mark.parametrize(
    ("replacement", "expected"), [c[1:] for c in RAW_CASES], ids=[c[0] for c in RAW_CASES]
)
def test_hostile_json_text_is_refused_in_one_line(
    vault_with_demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    replacement: str,
    expected: str,
) -> None:
    text = export_session_json(sample_session())
    key = replacement.split(":")[0]
    start = text.index(key + ":")
    end = text.index("\n", start)
    end -= 1 if text[end - 1] == "," else 0
    bad = tmp_path / "bad.json"
    bad.write_text(text[:start] + replacement + text[end:], encoding="utf-8")
    before = snapshot(vault_with_demo)
    assert main(["import", str(bad)]) == 1
    assert expected in one_error_line(capsys)
    assert snapshot(vault_with_demo) == before


def test_an_ordinary_export_still_imports(
    vault_with_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(export_session_json(sample_session()), encoding="utf-8")
    assert main(["import", str(good)]) == 0
    assert main(["sessions"]) == 0
    assert "Ward 12 reflection" in capsys.readouterr().out


def test_ids_the_run_screen_writes_import_back(tmp_path: Path) -> None:
    """Rating ids are `round.group.value` on the run screen: an export of them imports again."""
    session = sample_session()
    dotted = tuple(
        replace(r, id=f"{r.round_id}.{r.role_group.value}.{r.value}") for r in session.ratings
    )
    assert dotted, "the sample session needs ratings for this test"
    source = tmp_path / "dotted.json"
    source.write_text(export_session_json(replace(session, ratings=dotted)), encoding="utf-8")
    assert import_session_json(source.read_bytes()).ratings == dotted
