"""The export, report, backup and restore commands end to end on a real vault."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from facilitator.cli.main import main
from facilitator.clock import FakeClock
from facilitator.codec import import_session_json
from facilitator.vault import KdfParams, Vault
from tests.facilitator.reports.fixtures import make_session

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "vault"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM, clock=FakeClock())
    with vault:
        vault.save_session(make_session("sv", session_id="abc123"))
    monkeypatch.setenv("FACILITATOR_VAULT", str(directory))
    monkeypatch.setenv("FACILITATOR_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("FACILITATOR_PASSPHRASE_FILE", raising=False)
    return directory


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert err and err[-1].startswith("facilitator: ")
    return err[-1]


def test_export_to_stdout_in_the_session_language(
    vault_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "abc", "--format", "md"]) == 0
    assert "## Anteckningar" in capsys.readouterr().out


def test_export_to_a_file_warns_and_needs_yes(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "s.csv"
    assert main(["export", "abc123", "--format", "csv", "-o", str(target)]) == 1
    assert "--yes" in _error(capsys) and not target.exists()
    assert main(["export", "abc123", "--format", "csv", "--bom", "-o", str(target), "--yes"]) == 0
    assert "not encrypted" in capsys.readouterr().err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_json_export_imports_back_identically(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "s.json"
    assert main(["export", "abc123", "--format", "json", "-o", str(target), "--yes"]) == 0
    assert import_session_json(target.read_bytes()) == make_session("sv", session_id="abc123")


def test_export_into_the_vault_is_refused(
    vault_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in vault_dir.rglob("*"))
    assert main(["export", "abc123", "--format", "html", "-o", str(vault_dir / "x.html")]) == 1
    assert "inside the vault directory" in _error(capsys)
    assert sorted(p.name for p in vault_dir.rglob("*")) == before


def test_project_report(vault_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "Esther café Höglandet", "--format", "html"]) == 0
    assert 'class="trend"' in capsys.readouterr().out
    assert main(["report", "Nobody's project"]) == 1
    assert "no sessions in the improvement work" in _error(capsys)


def test_backup_and_restore(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "vault.fcvbak"
    assert main(["backup", str(backup)]) == 0
    elsewhere = tmp_path / "restored"
    assert main(["restore", str(backup), "--vault", str(elsewhere)]) == 0
    with Vault.unlock(elsewhere, PASSPHRASE) as vault:
        assert vault.load_session("abc123") == make_session("sv", session_id="abc123")
    capsys.readouterr()
    assert main(["restore", str(backup), "--vault", str(elsewhere)]) == 1
    assert "nothing was restored" in _error(capsys)
    assert main(["restore", str(backup), "--vault", str(elsewhere), "--force"]) == 0


def test_damaged_backup_is_one_line_and_restores_nothing(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "vault.fcvbak"
    assert main(["backup", str(backup)]) == 0
    backup.write_bytes(backup.read_bytes()[:-10])
    capsys.readouterr()
    assert main(["restore", str(backup), "--vault", str(tmp_path / "r")]) == 1
    assert "is damaged" in _error(capsys)
    assert not (tmp_path / "r").exists()
