"""The command line end to end: real vault files, one-line errors, nothing damaged."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli.main import main

PASSPHRASE = "correct horse battery staple"


def snapshot(directory: Path) -> dict[str, str]:
    """Hash of every file under `directory`, to prove nothing changed."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    vault = tmp_path / "vault"
    monkeypatch.setenv("FACILITATOR_VAULT", str(vault))
    monkeypatch.setenv("FACILITATOR_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_NEW_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("FACILITATOR_PASSPHRASE_FILE", raising=False)
    monkeypatch.delenv("FACILITATOR_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C")  # English whatever the machine's locale
    return vault


@pytest.fixture
def vault_with_demo(env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", "--kdf-seconds", "0"]) == 0
    assert main(["demo"]) == 0
    capsys.readouterr()
    return env


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    assert err.startswith("facilitator: "), err
    assert "Traceback" not in err
    return err


def sessions_json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["sessions", "--json"]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


def test_init_shows_a_recovery_key_once_and_refuses_a_second_vault(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--kdf-seconds", "0"]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out
    assert PASSPHRASE not in out
    before = snapshot(env)
    assert main(["init", "--kdf-seconds", "0"]) == 1
    assert "already exists" in one_error_line(capsys)
    assert snapshot(env) == before


def test_demo_then_sessions_json_lists_it(vault_with_demo: Path, capsys) -> None:
    rows = sessions_json(capsys)
    assert len(rows) == 1
    assert {"id", "title", "created", "status"} <= set(rows[0])
    assert rows[0]["status"] == "finished"
    assert "Esther" in str(rows[0]["title"])


def test_no_plaintext_reaches_the_vault_files(vault_with_demo: Path) -> None:
    from facilitator.clock import SystemClock
    from facilitator.demo import demo_session

    sample = demo_session(SystemClock(), "en")
    secrets = [sample.title, sample.project]
    secrets += [n.text for n in sample.notes] + [a.text for a in sample.actions]
    blobs = [p.read_bytes() for p in vault_with_demo.rglob("*") if p.is_file()]
    for text in secrets:
        for needle in {text.encode(), text.encode("utf-16-le"), text[:12].encode()}:
            assert not any(needle in blob for blob in blobs), text


def test_export_then_import_into_another_vault_is_identical(
    vault_with_demo: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    session_id = str(sessions_json(capsys)[0]["id"])
    first = tmp_path / "first.json"
    assert main(["export", session_id[:8], "--format", "json", "-o", str(first), "--yes"]) == 0
    other = tmp_path / "other"
    monkeypatch.setenv("FACILITATOR_VAULT", str(other))
    assert main(["init", "--kdf-seconds", "0"]) == 0
    assert main(["import", str(first)]) == 0
    second = tmp_path / "second.json"
    assert main(["export", session_id, "--format", "json", "-o", str(second), "--yes"]) == 0
    assert first.read_bytes() == second.read_bytes()
    capsys.readouterr()
    assert main(["import", str(first)]) == 1
    assert "--as-new" in one_error_line(capsys)


def test_wrong_passphrase_is_one_line_and_changes_nothing(
    vault_with_demo: Path, monkeypatch, capsys
) -> None:
    before = snapshot(vault_with_demo)
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", "not the passphrase")
    assert main(["sessions"]) == 1
    assert "passphrase" in one_error_line(capsys).lower()
    assert snapshot(vault_with_demo) == before


def test_passphrase_file_is_read_and_an_empty_one_refused(
    vault_with_demo: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("FACILITATOR_PASSPHRASE")
    good = tmp_path / "pass.txt"
    good.write_text(PASSPHRASE + "\n")
    assert main(["--passphrase-file", str(good), "sessions"]) == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    capsys.readouterr()
    assert main(["--passphrase-file", str(empty), "sessions"]) == 1
    assert "empty" in one_error_line(capsys)


def test_without_any_passphrase_source_the_error_says_what_to_do(
    vault_with_demo: Path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("FACILITATOR_PASSPHRASE")
    with open(os.devnull) as no_terminal:
        monkeypatch.setattr(sys, "stdin", no_terminal)
        assert main(["sessions"]) == 1
    assert "FACILITATOR_PASSPHRASE" in one_error_line(capsys)


def test_missing_vault_says_how_to_create_one(env: Path, capsys) -> None:
    assert main(["sessions"]) == 1
    assert "facilitator init" in one_error_line(capsys)


def test_check_passes_then_names_a_damaged_file(vault_with_demo: Path, capsys) -> None:
    assert main(["check"]) == 0
    capsys.readouterr()
    session_files = [
        p for p in vault_with_demo.rglob("*") if p.is_file() and "session" in str(p.parent.name)
    ]
    session_files = [p for p in session_files if not p.name.endswith(".prev")]
    assert session_files
    target = session_files[0]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    assert main(["check"]) == 1
    assert target.name in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "facilitator.session", "version": 1, "session": {"title": 5}}', "session"),
        (b'{"format": "facilitator.session", "version": 7, "session": {}}', "newer"),
        (b"[" * 50_000, "nested too deeply"),
        (b"\x00\x01\x02", "not valid JSON"),
        (b'{"format": "facilitator.session", "version": "1"}', "version"),
        (b"", "not valid JSON"),
    ],
)
def test_hostile_imports_are_refused_and_change_nothing(
    vault_with_demo: Path, tmp_path: Path, content: bytes, expected: str, capsys
) -> None:
    before = snapshot(vault_with_demo)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert main(["import", str(bad)]) == 1
    assert expected in one_error_line(capsys)
    assert snapshot(vault_with_demo) == before


def test_a_huge_string_import_is_refused(vault_with_demo: Path, tmp_path: Path, capsys) -> None:
    from facilitator.codec import export_session_json
    from tests.facilitator.fixtures import sample_session

    doc = json.loads(export_session_json(sample_session()))
    doc["session"]["notes"][0]["text"] = "x" * 5_000_000
    bad = tmp_path / "huge.json"
    bad.write_text(json.dumps(doc))
    before = snapshot(vault_with_demo)
    assert main(["import", str(bad)]) == 1
    assert "longer than" in one_error_line(capsys)
    assert snapshot(vault_with_demo) == before


def test_passwd_changes_the_passphrase(vault_with_demo: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("FACILITATOR_NEW_PASSPHRASE", "a brand new passphrase")
    assert main(["passwd"]) == 0
    assert main(["sessions"]) == 1
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", "a brand new passphrase")
    capsys.readouterr()
    assert len(sessions_json(capsys)) == 1


def test_a_second_process_gets_a_clear_lock_message(vault_with_demo: Path) -> None:
    from facilitator.vault import Vault

    with Vault.unlock(vault_with_demo, PASSPHRASE):
        result = subprocess.run(
            [sys.executable, "-m", "facilitator", "sessions"],
            capture_output=True,
            text=True,
            env={**os.environ},
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "another" in result.stderr


def test_unknown_session_id_is_one_line(vault_with_demo: Path, capsys) -> None:
    assert main(["export", "ffffffff", "--format", "json"]) == 1
    assert "facilitator sessions" in one_error_line(capsys)


def test_a_lost_passphrase_is_replaced_with_the_recovery_key(
    env: Path, monkeypatch, capsys
) -> None:
    assert main(["init", "--kdf-seconds", "0"]) == 0
    out = capsys.readouterr().out
    recovery = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    assert main(["demo"]) == 0
    monkeypatch.setenv("FACILITATOR_RECOVERY_KEY", recovery)
    monkeypatch.setenv("FACILITATOR_NEW_PASSPHRASE", "remembered at last")
    assert main(["passwd", "--recovery-key"]) == 0
    assert main(["sessions"]) == 1
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", "remembered at last")
    capsys.readouterr()
    assert len(sessions_json(capsys)) == 1
    monkeypatch.setenv("FACILITATOR_RECOVERY_KEY", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    assert main(["passwd", "--recovery-key"]) == 1
    assert "recovery" in one_error_line(capsys).lower()
