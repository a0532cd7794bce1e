"""`export --redact` and `report --redact`: placeholders in the export's language, JSON whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.cli.main import main

PASSPHRASE = "correct horse battery staple"
IDENTIFIERS = ("Anna Lindqvist", "19450312-1234", "070-123 45 67", "anna.l@example.se")
NOTE = "Anna Lindqvist (19450312-1234) asks us to ring 070-123 45 67 or mail anna.l@example.se"


@pytest.fixture
def session_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> str:
    """A vault holding the demo session with one note full of identifiers."""
    monkeypatch.setenv("FACILITATOR_VAULT", str(tmp_path / "vault"))
    monkeypatch.setenv("FACILITATOR_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_NEW_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("FACILITATOR_PASSPHRASE_FILE", raising=False)
    monkeypatch.delenv("FACILITATOR_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C")
    assert main(["init", "--kdf-seconds", "0"]) == 0
    assert main(["demo", "--lang", "sv"]) == 0
    capsys.readouterr()
    assert main(["sessions", "--json"]) == 0
    demo = json.loads(capsys.readouterr().out)[0]
    assert main(["export", demo["id"], "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    document["session"]["notes"][0]["text"] = NOTE
    document["session"]["title"] = "Uppföljning med Anna Lindqvist"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(changed), "--as-new"]) == 0
    capsys.readouterr()
    assert main(["sessions", "--json"]) == 0
    ids = {row["id"] for row in json.loads(capsys.readouterr().out)} - {demo["id"]}
    return ids.pop()


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_export_redact_replaces_every_identifier_with_a_swedish_placeholder(
    session_id: str, fmt: str, capsys
) -> None:
    assert main(["export", session_id, "--format", fmt, "--redact"]) == 0
    out = capsys.readouterr().out
    for identifier in IDENTIFIERS:
        assert identifier not in out
    for placeholder in ("[namn]", "[personnummer]", "[telefon]", "[e-post]"):
        assert placeholder in out


def test_json_export_without_redact_stays_complete(session_id: str, capsys) -> None:
    assert main(["export", session_id, "--format", "json"]) == 0
    assert NOTE in json.loads(capsys.readouterr().out)["session"]["notes"][0]["text"]


def test_markdown_without_redact_keeps_the_note(session_id: str, capsys) -> None:
    assert main(["export", session_id, "--format", "md"]) == 0
    assert "19450312-1234" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_redact_replaces_identifiers_in_every_session(
    session_id: str, fmt: str, capsys
) -> None:
    assert main(["sessions", "--json"]) == 0
    project = json.loads(capsys.readouterr().out)[0]["project"]
    assert main(["report", project, "--format", fmt]) == 0
    plain = capsys.readouterr().out
    assert main(["report", project, "--format", fmt, "--redact"]) == 0
    redacted = capsys.readouterr().out
    assert "Anna Lindqvist" in plain
    assert "Anna Lindqvist" not in redacted
    assert "[namn]" in redacted


def test_redact_is_in_the_help_in_both_languages(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "sv", "export", "--help"])
    assert "--redact" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_redact_replaces_identifiers_in_the_project_name(
    session_id: str, fmt: str, tmp_path: Path, capsys
) -> None:
    assert main(["export", session_id, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    document["session"]["project"] = "Hemgång för Anna Lindqvist"
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(moved), "--as-new"]) == 0
    capsys.readouterr()
    assert main(["report", "Hemgång för Anna Lindqvist", "--format", fmt, "--redact"]) == 0
    redacted = capsys.readouterr().out
    assert "Lindqvist" not in redacted
    assert "Hemgång för [namn]" in redacted


def _save_card(tmp_path: Path, project: str) -> None:
    from facilitator.esther import EstherCard, save_card
    from facilitator.vault import Vault

    card = EstherCard(name="Maj-Britt Lindqvist", age="84", matters="Her garden")
    with Vault.unlock(tmp_path / "vault", PASSPHRASE) as vault:
        save_card(vault, project, card)


def test_export_with_esther_includes_the_card_only_when_asked(
    session_id: str, tmp_path: Path, capsys
) -> None:
    assert main(["export", session_id, "--format", "json"]) == 0
    project = json.loads(capsys.readouterr().out)["session"]["project"]
    assert main(["export", session_id, "--format", "md", "--with-esther"]) == 1
    assert "--with-esther" in capsys.readouterr().err  # no card yet: one line saying so
    _save_card(tmp_path, project)
    assert main(["export", session_id, "--format", "md"]) == 0
    assert "Maj-Britt" not in capsys.readouterr().out
    assert main(["export", session_id, "--format", "json", "--with-esther"]) == 0
    assert json.loads(capsys.readouterr().out)["esther"]["name"] == "Maj-Britt Lindqvist"
    assert main(["export", session_id, "--format", "md", "--with-esther", "--redact"]) == 0
    redacted = capsys.readouterr().out
    assert "Lindqvist" not in redacted and "Her garden" in redacted


@pytest.mark.parametrize("which", ["handout", "letter"])
def test_handout_and_letter_are_redacted_always_and_warn_before_writing(
    session_id: str, which: str, tmp_path: Path, capsys
) -> None:
    target = tmp_path / f"{which}.html"
    assert main([which, session_id, "--out", str(target), "--yes"]) == 0
    err = capsys.readouterr().err
    assert "not encrypted" in err and str(target) in err
    html = target.read_text(encoding="utf-8")
    assert "Lindqvist" not in html and "[namn]" in html  # the title names Anna Lindqvist
    assert "19450312-1234" not in html and "Anna Lindqvist (" not in html  # never a note
    assert target.stat().st_mode & 0o777 == 0o600
    assert main([which, session_id, "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# ") and "Lindqvist" not in markdown


def test_letter_refuses_an_unknown_session_in_one_line(session_id: str, capsys) -> None:
    assert main(["letter", "no-such-session"]) != 0
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
