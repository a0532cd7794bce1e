"""Nothing silently wrong: a damaged latest save is always announced, and reading changes nothing."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.cli.main import main
from facilitator.vault import Vault
from tests.facilitator.cli.test_cli import PASSPHRASE, one_error_line
from tests.facilitator.fixtures import sample_session

SESSION = sample_session()
READ_COMMANDS = [
    ["sessions"],
    ["sessions", "--json"],
    ["export", SESSION.id[:8], "--format", "json"],
    ["export", SESSION.id[:8], "--format", "md"],
    ["report", SESSION.project, "--format", "md"],
    ["check"],
]


def state(directory: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove nothing was written."""
    return {
        str(p.relative_to(directory)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def vault(env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A vault whose session and index both have a previous generation."""
    assert main(["init", "--kdf-seconds", "0"]) == 0
    with Vault.unlock(env, PASSPHRASE) as opened:
        opened.save_session(SESSION)
        opened.save_session(replace(SESSION, title="Ward 12 reflection, second save"))
    capsys.readouterr()
    return env


def flip(path: Path) -> bytes:
    """Flip one byte in the middle of `path`; its damaged bytes."""
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    return bytes(raw)


def session_file(directory: Path) -> Path:
    (found,) = [p for p in (directory / "sessions").glob("*.fcv")]
    return found


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_read_commands_never_write_to_a_healthy_vault(
    vault: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = state(vault)
    assert main(command) == 0
    assert capsys.readouterr().err == ""
    assert state(vault) == before


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_a_damaged_index_is_announced_by_every_read_command_which_changes_nothing(
    vault: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    flip(vault / "index.fcv")
    before = state(vault)
    code = main(command)
    err = capsys.readouterr().err
    assert "index.fcv" in err, err
    assert "\x1b" not in err
    if command == ["check"]:
        assert code == 1 and "check --repair" in err
    else:
        assert code == 0
        (warning,) = [line for line in err.splitlines() if "index.fcv" in line]
        assert warning.startswith("facilitator: warning: vault file index.fcv")
        assert "the save from 20" in warning and "facilitator check" in warning
    assert state(vault) == before


@pytest.mark.parametrize("command", [c for c in READ_COMMANDS if c[0] != "sessions"], ids=" ".join)
def test_a_damaged_session_is_announced_by_every_command_that_reads_it(
    vault: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = session_file(vault)
    flip(target)
    before = state(vault)
    code = main(command)
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if target.name in line]
    assert len(lines) == 1, captured.err
    if command == ["check"]:
        assert code == 1
    else:
        assert code == 0
        assert lines[0].startswith(f"facilitator: warning: session {SESSION.id[:8]} “Ward 12")
        assert "Ward 12 reflection" in captured.out  # the earlier save is what was served
    assert state(vault) == before


def test_a_write_after_a_damaged_save_warns_and_keeps_the_damaged_file(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = flip(vault / "index.fcv")
    assert main(["demo"]) == 0
    assert "warning: vault file index.fcv" in capsys.readouterr().err
    assert (vault / "index.fcv.damaged").read_bytes() == damaged
    assert main(["demo"]) == 0  # a second save replaces nothing kept aside
    assert (vault / "index.fcv.damaged").read_bytes() == damaged
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert "index.fcv.damaged is a damaged save kept aside" in err
    assert "nothing is damaged" in out


def test_check_repair_makes_the_previous_save_current_and_keeps_the_damaged_one(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = session_file(vault)
    damaged = flip(target)
    previous = target.with_name(target.name + ".prev").read_bytes()
    assert main(["check", "--repair"]) == 0
    err = capsys.readouterr().err
    assert f"repaired sessions/{target.name}" in err
    assert target.read_bytes() == previous
    assert target.with_name(target.name + ".damaged").read_bytes() == damaged
    assert main(["export", SESSION.id[:8], "--format", "json"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_check_repair_replaces_a_damaged_previous_save(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = vault / "index.fcv.prev"
    damaged = flip(previous)
    assert main(["check"]) == 1
    assert "index.fcv.prev" in capsys.readouterr().err
    assert main(["check", "--repair"]) == 0
    assert previous.read_bytes() == (vault / "index.fcv").read_bytes()
    assert (vault / "index.fcv.prev.damaged").read_bytes() == damaged


def test_an_index_behind_its_sessions_is_a_note_not_damage(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crash between the session write and the index write heals itself: exit 0."""
    kept = {name: (vault / name).read_bytes() for name in ("index.fcv", "index.fcv.prev")}
    with Vault.unlock(vault, PASSPHRASE) as opened:
        opened.save_session(replace(SESSION, title="Renamed just before a crash"))
        opened.save_session(replace(sample_session(), id="f" * 32, title="Saved, never listed"))
    for name, data in kept.items():
        (vault / name).write_bytes(data)
    before = state(vault)
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert "note: the listing of session 01234567 is behind its file" in err
    assert "holds a session missing from the index" in err
    assert "restore" not in err and "nothing is damaged" in out
    assert state(vault) == before
    assert main(["check", "--repair"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr() == ("Vault OK: every file decrypted and validated.\n", "")


def test_escape_laden_titles_never_reach_the_terminal_raw(
    vault: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "Ward\x1b]0;owned\x07\x1b[2J\x9b31m\u202e"
    with Vault.unlock(vault, PASSPHRASE) as opened:
        opened.save_session(replace(SESSION, title=hostile, project="p\x1b[5m"))
    for command in (["sessions"], ["sessions", "--json"]):
        assert main(command) == 0
        out, err = capsys.readouterr()
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in out + err
    assert main(["sessions"]) == 0
    assert "Ward\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202e" in capsys.readouterr().out
    flip(session_file(vault))
    assert main(["export", SESSION.id[:8], "--format", "json", "-o", os.devnull, "--yes"]) == 0
    assert "\x1b" not in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode), "an export replaced the device"


def test_a_vault_put_back_whole_is_refused_in_one_line_until_accepted(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    older = tmp_path / "older"
    shutil.copytree(vault, older)
    assert main(["demo"]) == 0
    shutil.rmtree(vault)
    shutil.copytree(older, vault)
    capsys.readouterr()
    assert main(["sessions"]) == 1
    err = one_error_line(capsys)
    assert "older than the copy this computer last opened" in err
    assert "check --accept-rollback" in err
    assert main(["check", "--accept-rollback"]) == 0
    capsys.readouterr()
    assert main(["sessions"]) == 0


def test_restoring_a_backup_is_a_deliberate_step_back(
    vault: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "vault.backup"
    assert main(["backup", str(backup)]) == 0
    assert main(["demo"]) == 0
    assert main(["restore", str(backup), "--force"]) == 0
    capsys.readouterr()
    assert main(["sessions"]) == 0
    assert "older than" not in capsys.readouterr().err
