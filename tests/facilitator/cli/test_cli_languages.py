"""The command line in English and Swedish: --lang, FACILITATOR_LANG, the saved setting, the locale."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from facilitator.cli.main import main

PASSPHRASE = "correct horse battery staple"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "FACILITATOR_LANG")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh vault location, no language chosen anywhere, passphrases in the environment."""
    vault = tmp_path / "vault"
    monkeypatch.setenv("FACILITATOR_VAULT", str(vault))
    monkeypatch.setenv("FACILITATOR_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_NEW_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASSPHRASE)
    for name in (*LOCALE_VARIABLES, "FACILITATOR_PASSPHRASE_FILE", "FACILITATOR_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    return vault


@pytest.fixture
def vault(env: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", "--kdf-seconds", "0"]) == 0
    assert main(["demo", "--lang", "en"]) == 0
    capsys.readouterr()
    return env


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def recovery_key_of(init_output: str) -> str:
    return next(line.strip() for line in init_output.splitlines() if line.startswith("    "))


def test_init_in_swedish_and_english(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "sv", "init", "--kdf-seconds", "0")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Valvet är skapat och krypterat i {env}."
    assert lines[2] == (
        "Återställningsnyckel (visas bara den här gången; förvara den offline, "
        "inte på den här datorn):"
    )
    assert (
        lines[-1]
        == "Utan lösenfrasen eller den här nyckeln kan ingen läsa valvet – inte heller du."
    )
    assert PASSPHRASE not in out
    code, _, err = run(capsys, "--lang", "sv", "init", "--kdf-seconds", "0")
    assert (code, err) == (1, f"facilitator: det finns redan ett valv i {env}; inget har ändrats\n")
    code, _, err = run(capsys, "--lang", "en", "init", "--kdf-seconds", "0")
    assert (code, err) == (
        1,
        f"facilitator: a vault already exists at {env}; nothing was changed\n",
    )


def test_wrong_passphrase(vault: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", "not the passphrase")
    code, _, err = run(capsys, "--lang", "sv", "sessions")
    assert code == 1
    assert err == (
        f"facilitator: fel lösenfras för valvet i {vault}; "
        "försök igen eller använd din återställningsnyckel\n"
    )
    code, _, err = run(capsys, "--lang", "en", "sessions")
    assert err == (
        f"facilitator: the passphrase does not open the vault at {vault}; "
        "try again, or use your recovery key\n"
    )
    assert "not the passphrase" not in err


def test_missing_session_id(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "sv", "export", "ffffffff")
    assert (code, err) == (
        1,
        "facilitator: det finns inget samtal med id ffffffff; `facilitator sessions` visar dem\n",
    )
    code, _, err = run(capsys, "--lang", "en", "export", "ffffffff")
    assert err == "facilitator: no session with id ffffffff; `facilitator sessions` lists them\n"


@pytest.mark.parametrize(
    ("content", "swedish", "english"),
    [
        (
            b"",
            "{file}: inte giltig JSON (rad 1, kolumn 1: Expecting value); inget har importerats",
            "{file}: not valid JSON (line 1, column 1: Expecting value); nothing was imported",
        ),
        (
            b'{"format": "facilitator.session", "version": 1, "session": {"id": "a1", "title": 5}}',
            "session.title: här skulle det stå text, men det står ett tal; inget har importerats",
            "session.title: expected text, found a number; nothing was imported",
        ),
        (
            b'{"format": "facilitator.session", "version": 9, "session": {}}',
            "{file}: skriven av en nyare facilitator (version 9); uppgradera för att kunna "
            "importera den; inget har importerats",
            "{file}: written by a newer facilitator (version 9); upgrade to import it; "
            "nothing was imported",
        ),
    ],
)
def test_damaged_import(
    vault: Path, tmp_path: Path, capsys, content: bytes, swedish: str, english: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _, err = run(capsys, "--lang", "sv", "import", str(bad))
    assert (code, err) == (1, f"facilitator: {swedish.format(file=bad)}\n")
    code, _, err = run(capsys, "--lang", "en", "import", str(bad))
    assert (code, err) == (1, f"facilitator: {english.format(file=bad)}\n")


def test_unknown_format_is_a_usage_error(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "sv", "export", "x", "--format", "xml"])
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "facilitator export: argumentet --format: ogiltigt val: 'xml' "
        "(välj bland 'md', 'html', 'csv', 'json') (se `facilitator export --help`)\n"
    )
    with pytest.raises(SystemExit):
        main(["--lang", "en", "export", "x", "--format", "xml"])
    assert capsys.readouterr().err == (
        "facilitator export: argument --format: invalid choice: 'xml' "
        "(choose from 'md', 'html', 'csv', 'json') (see `facilitator export --help`)\n"
    )
    with pytest.raises(SystemExit):
        main(["--lang", "sv", "export"])
    assert capsys.readouterr().err == (
        "facilitator export: följande argument krävs: ID (se `facilitator export --help`)\n"
    )


def test_help_in_swedish(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "sv", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: facilitator [-h]")
    assert "Planera och led reflektionssamtal om makt i vård och omsorg." in out
    for line in [
        "flaggor:",
        "kommandon:",
        "  -h, --help            visa den här hjälpen och avsluta",
        "  --vault MAPP          valvets mapp (eller FACILITATOR_VAULT)",
        "    backup              spara hela valvet som en krypterad fil",
    ]:
        assert line in out.splitlines(), line
    for english in ("usage:", "options:", "show this help", "create a new encrypted vault"):
        assert english not in out
    with pytest.raises(SystemExit):
        main(["--lang", "sv", "backup", "--help"])
    out = capsys.readouterr().out
    assert "användning: facilitator backup [-h] [--yes] [--recovery-key] FIL" in out
    assert "argument:" in out


def test_sync_help_in_swedish(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "sv", "sync", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: facilitator sync [-h] ÅTGÄRD ...")
    assert "    status         visa utkorgen" in out.splitlines()


def test_success_lines_in_both_languages(vault: Path, capsys) -> None:
    assert run(capsys, "--lang", "sv", "check") == (
        0,
        "Valvet är i ordning: alla filer gick att dekryptera och kontrollera.\n",
        "",
    )
    assert run(capsys, "--lang", "en", "check")[1] == (
        "Vault OK: every file decrypted and validated.\n"
    )
    code, out, _ = run(capsys, "--lang", "sv", "sessions")
    assert code == 0 and "  Avslutat     Discharge planning" in out


def test_empty_vault_says_so_in_swedish(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--kdf-seconds", "0"]) == 0
    capsys.readouterr()
    assert run(capsys, "--lang", "sv", "sessions")[1] == (
        "Inga samtal än. Starta appen med `facilitator` eller prova `facilitator demo`.\n"
    )


def test_missing_vault_in_swedish(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "sv", "sessions")
    assert (code, err) == (
        1,
        f"facilitator: inget valv i {env}; skapa ett med `facilitator init` eller peka ut "
        "ditt med --vault / FACILITATOR_VAULT\n",
    )


def test_language_comes_from_flag_then_environment_then_setting_then_locale(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    swedish = f"facilitator: inget valv i {env}"
    english = f"facilitator: no vault at {env}"

    def first_words() -> str:
        assert main(["sessions"]) == 1
        return capsys.readouterr().err

    assert first_words().startswith(english)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert first_words().startswith(swedish)
    settings = tmp_path / "config" / "settings.toml"
    settings.parent.mkdir()
    settings.write_text('language = "en"\n', encoding="utf-8")
    assert first_words().startswith(english)
    monkeypatch.setenv("FACILITATOR_LANG", "sv")
    assert first_words().startswith(swedish)
    assert main(["--lang", "en", "sessions"]) == 1
    assert capsys.readouterr().err.startswith(english)
    assert main(["--lang=en", "sessions"]) == 1
    assert capsys.readouterr().err.startswith(english)


def test_saved_setting_is_read_from_the_config_flag(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other-config"
    other.mkdir()
    (other / "settings.toml").write_text('language = "sv"\n', encoding="utf-8")
    assert main(["--config", str(other), "sessions"]) == 1
    assert capsys.readouterr().err.startswith("facilitator: inget valv i ")


def test_demo_follows_the_interface_language(env: Path, capsys) -> None:
    assert main(["init", "--kdf-seconds", "0"]) == 0
    assert main(["--lang", "sv", "demo"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("Exempelsamtalet ") and err.endswith(") är tillagt.\n")


def test_backup_opens_the_vault_with_the_recovery_key(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    code, out, _ = run(capsys, "init", "--kdf-seconds", "0")
    recovery = recovery_key_of(out)
    assert main(["demo"]) == 0
    monkeypatch.delenv("FACILITATOR_PASSPHRASE")
    monkeypatch.setenv("FACILITATOR_RECOVERY_KEY", recovery)
    backup = tmp_path / "vault.fcvbackup"
    code, out, _ = run(capsys, "--lang", "sv", "backup", str(backup), "--recovery-key")
    assert code == 0
    assert out.splitlines()[0].startswith(
        f"Valvet är säkerhetskopierat till {backup} (samtal: 1, filer: 3, "
    )
    assert (
        out.splitlines()[1] == "Den öppnas med valvets lösenfras eller dess återställningsnyckel."
    )
    restored = tmp_path / "restored"
    code, out, _ = run(capsys, "restore", str(backup), "--vault", str(restored), "--recovery-key")
    assert code == 0 and out.startswith("Restored ")
    monkeypatch.setenv("FACILITATOR_VAULT", str(restored))
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "sessions", "--json")
    assert code == 0 and '"status": "finished"' in out


def test_backup_with_a_wrong_recovery_key_writes_nothing(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("FACILITATOR_RECOVERY_KEY", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    backup = tmp_path / "vault.fcvbackup"
    code, _, err = run(capsys, "--lang", "sv", "backup", str(backup), "--recovery-key")
    assert (code, err) == (
        1,
        f"facilitator: återställningsnyckeln öppnar inte valvet i {vault}; "
        "kontrollera att den är rätt inskriven\n",
    )
    assert not backup.exists()


def test_backup_without_a_recovery_key_says_where_to_put_it(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with open(os.devnull) as no_terminal:
        monkeypatch.setattr(sys, "stdin", no_terminal)
        code, _, err = run(capsys, "--lang", "sv", "backup", str(tmp_path / "b"), "--recovery-key")
    assert (code, err) == (
        1,
        "facilitator: ingen återställningsnyckel: kör i en terminal eller sätt "
        "FACILITATOR_RECOVERY_KEY\n",
    )
