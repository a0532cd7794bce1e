"""Every command-line and error message exists in English and Swedish, with the same slots."""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest

from facilitator.anonymize import LIMITS
from facilitator.cli.parsing import ARGPARSE_MESSAGES
from facilitator.errors import FacilitatorError, Text, VaultNotFound, os_reason
from facilitator.i18n.catalog import load_catalog
from facilitator.outbox import EntryStatus
from facilitator.scrubber import PATTERNS
from sync.push import Withdrawal
from sync.stats import COLUMNS

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [*sorted((ROOT / "facilitator").rglob("*.py")), *sorted((ROOT / "sync").glob("*.py"))]
LITERAL_KEY = re.compile(r"""["']((?:cli|errors)(?:\.[a-z0-9_]+)+)["']""")
REASON = re.compile(r"""\b(?:damaged|_damaged|SealError)\(\s*(?:[a-z_.]+,\s*)?["']([a-z_]+)["']""")
PERCENT = re.compile(r"%\(\w+\)[sr]|%[sr]")


def _area(language: str) -> dict[str, str]:
    catalog = load_catalog(language)
    return {k: v for k, v in catalog.items() if k.split(".")[0] in {"cli", "errors"}}


def _slots(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text)) | set(PERCENT.findall(text))


def test_cli_and_error_keys_exist_in_both_languages_with_the_same_slots() -> None:
    en, sv = _area("en"), _area("sv")
    assert len(en) > 250
    assert sorted(set(en) ^ set(sv)) == []
    assert {k for k in en if _slots(en[k]) != _slots(sv[k])} == set()


def test_every_key_the_code_names_exists() -> None:
    en, sv = load_catalog("en"), load_catalog("sv")
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text("utf-8"))}
    reasons = {
        f"errors.reason.{name}" for path in SOURCES for name in REASON.findall(path.read_text())
    }
    dynamic = {f"cli.sync.status_{status.value}" for status in EntryStatus}
    dynamic |= {
        f"cli.sync.outcome_{o}" for o in ("sent", "replayed", "conflict", "rejected", "failed")
    }
    dynamic |= {f"cli.sync.label_{label}" for label in ("server", "token", "region")}
    dynamic |= {
        f"errors.import.kind_{k}" for k in ("object", "list", "text", "bool", "number", "null")
    }
    dynamic |= {f"cli.sync.withdraw_{outcome.value}" for outcome in Withdrawal}
    dynamic |= {f"cli.sync.stats_{column}" for column in COLUMNS}
    dynamic |= {f"errors.summary.field_{name}" for name in LIMITS}
    dynamic |= {f"errors.quote.{kind}" for kind, _ in PATTERNS} | {
        "errors.quote.name",
        "errors.quote.too_long",
    }
    wanted = used | reasons | dynamic | set(ARGPARSE_MESSAGES.values())
    assert len(used) > 100 and len(reasons) > 20
    assert sorted(k for k in wanted if k not in en or k not in sv) == []


def test_argparse_messages_are_real_and_keep_their_placeholders() -> None:
    source = inspect.getsource(argparse)
    en, sv = load_catalog("en"), load_catalog("sv")
    for message, key in ARGPARSE_MESSAGES.items():
        assert repr(message) in source or f'"{message}"' in source, message
        assert en[key] == message or not key.startswith("cli.argparse."), key
        assert sorted(PERCENT.findall(sv[key])) == sorted(PERCENT.findall(message)), key


def test_export_formats_in_the_parser_match_the_renderers() -> None:
    from facilitator.cli.reports import EXPORT_FORMATS
    from facilitator.reports.export import FORMATS

    assert tuple(EXPORT_FORMATS) == tuple(FORMATS)


def test_an_error_reads_english_and_renders_swedish() -> None:
    error = VaultNotFound("errors.vault.not_found", path=Path("/data/v"))
    assert str(error) == "there is no vault at /data/v; create one with `facilitator init`"
    assert error.render("sv") == "det finns inget valv i /data/v; skapa ett med `facilitator init`"
    nested = FacilitatorError("errors.cli.import_refused", reason=Text.of("errors.reason.empty"))
    assert (str(nested), nested.render("sv")) == (
        "empty; nothing was imported",
        "tom; inget har importerats",
    )


def test_a_plain_sentence_stays_as_written() -> None:
    error = FacilitatorError("unlock the vault first")
    assert error.text is None
    assert str(error) == error.render("sv") == "unlock the vault first"


@pytest.mark.parametrize(
    ("errno_name", "english", "swedish"),
    [
        ("ENOSPC", "the disk is full", "disken är full"),
        ("EACCES", "permission denied", "behörighet saknas"),
    ],
)
def test_os_errors_have_plain_reasons(errno_name: str, english: str, swedish: str) -> None:
    import errno

    reason = os_reason(OSError(getattr(errno, errno_name), "ignored"))
    assert (str(reason), reason.render("sv")) == (english, swedish)


def test_a_broken_template_error_renders_in_swedish(tmp_path: Path) -> None:
    from facilitator.templates.files import check_template_file
    from facilitator.templates.source import TemplateInvalid

    broken = tmp_path / "mine.toml"
    broken.write_text("x = \n", encoding="utf-8")
    error = TemplateInvalid(check_template_file(broken))
    assert str(error).startswith(f"{broken}:1:5: TOML syntax error")
    assert error.render("sv").startswith(f"{broken}:1:5: fel i TOML-syntaxen")
