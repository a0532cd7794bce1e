"""The template catalog: shipped and user templates listed, odd files never raising."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.templates import BUILTIN_IDS, TemplateNotFound, check_template_file
from facilitator.templates.catalog import (
    discover_templates,
    find_template,
    list_templates,
    usable_templates,
)


def _user_template(folder: Path, template_id: str, name: str = "Mine") -> Path:
    path = folder / f"{template_id}.toml"
    path.write_text(
        f'id = "{template_id}"\nversion = 1\nlanguages = ["sv"]\n[sv]\nname = "{name}"\n'
        '[[rounds]]\nid = "a"\nkind = "plenary"\nminutes = 20\n[rounds.sv]\ntitle = "A"\n',
        encoding="utf-8",
    )
    return path


def test_shipped_first_then_user_folder_then_extra_files(tmp_path: Path) -> None:
    user = tmp_path / "templates"
    user.mkdir()
    _user_template(user, "b-mine")
    _user_template(user, "a-mine")
    extra = _user_template(tmp_path, "extra")
    ids = [e.id for e in discover_templates(user, [extra])]
    assert ids == [*BUILTIN_IDS, "a-mine", "b-mine", "extra"]


def test_missing_user_folder_lists_only_shipped(tmp_path: Path) -> None:
    assert [e.id for e in discover_templates(tmp_path / "absent", [])] == list(BUILTIN_IDS)
    assert [e.id for e in discover_templates(None, [])] == list(BUILTIN_IDS)


def test_json_listing(tmp_path: Path) -> None:
    _user_template(tmp_path, "mine")
    (tmp_path / "broken.toml").write_text("id = [", encoding="utf-8")
    listed = {e["id"]: e for e in list_templates(tmp_path, language="sv")}
    json.dumps(list(listed.values()))
    assert listed["power-balance"] == {
        "id": "power-balance",
        "name": "Maktbalans i samskapande",
        "names": {"en": "Power balance reflection", "sv": "Maktbalans i samskapande"},
        "languages": ["en", "sv"],
        "rounds": 5,
        "minutes": 51,
        "source": "built-in",
        "broken": None,
    }
    assert listed["mine"]["source"] == str(tmp_path / "mine.toml")
    assert listed["mine"]["broken"] is None
    assert str(listed["broken"]["broken"]).startswith(f"{tmp_path / 'broken.toml'}:1:")


def test_reused_id_is_listed_as_broken(tmp_path: Path) -> None:
    _user_template(tmp_path, "ladder")
    entries = discover_templates(tmp_path, [])
    (mine,) = [e for e in entries if e.source != "built-in" and e.id == "ladder"]
    assert mine.broken is not None and "already used by built-in" in mine.broken


def test_usable_and_find(tmp_path: Path) -> None:
    _user_template(tmp_path, "mine", name="Min mall")
    (tmp_path / "broken.toml").write_text("nope", encoding="utf-8")
    names = [t.name for t in usable_templates("en", tmp_path, [])]
    assert names[0] == "Power balance reflection"
    assert names[-1] == "Min mall"  # only in Swedish: its first language is used
    assert find_template("mine", "sv", user_dir=tmp_path).total_minutes == 20
    assert find_template("power-balance", "sv", "long").total_minutes == 75
    with pytest.raises(TemplateNotFound):
        find_template("broken", user_dir=tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "rounds = 'x'",
        "rounds = [1, 2]",
        "en = 5\nlanguages = 'en'",
        'languages = ["en"]\nen = { name = 3 }\nrounds = [{ en = [], scale = [] }]',
        'languages = ["en"]\nvariants = [{ minutes = 3 }, 7]\nrounds = [{ kind = 9 }]',
        "a = " + "[" * 5000 + "]" * 5000,
        "x = 1979-05-27T07:32:00Z\nid = 1979-05-27",
    ],
)
def test_odd_files_give_problems_not_tracebacks(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    problems = check_template_file(path)
    assert problems
    assert all(str(p).startswith(str(path)) for p in problems)


def test_each_file_is_decoded_once_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.templates import files

    decoded: list[str] = []
    real = files._decode

    def counting(raw: bytes, source: str) -> object:
        decoded.append(Path(source).name)
        return real(raw, source)

    monkeypatch.setattr(files, "_decode", counting)
    # An empty memo: one filled near MAX_DECODED by earlier tests in this process would be
    # cleared midway and decode the file again.
    monkeypatch.setattr(files, "_DECODED", {})
    _user_template(tmp_path, "once", name="Före")
    for language in ("sv", "en", "sv"):
        usable_templates(language, tmp_path)
    assert decoded == ["once.toml"]
    _user_template(tmp_path, "once", name="Efter")
    names = [t.name for t in usable_templates("sv", tmp_path) if t.id == "once"]
    assert names == ["Efter"] and decoded == ["once.toml", "once.toml"]
