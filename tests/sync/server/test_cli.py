"""Tests `facilitator-server admin`: tokens shown once and stored hashed, one-line errors."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync.server.cli import main
from sync.server.db import make_engine
from sync.server.models import tokens


def _run(db: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["admin", "--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_flow_issues_and_revokes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert _run(db, "network-create", "esther", capsys=capsys)[0] == 0
    assert _run(db, "org-create", "esther", "Region Jönköping", capsys=capsys)[0] == 0
    code, out, _ = _run(db, "token-issue", "esther", "Region Jönköping", capsys=capsys)
    assert code == 0
    token = out.strip().splitlines()[-1]
    assert token.startswith("fst_") and len(token) >= 4 + 43
    engine = make_engine(db)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(tokens.c.token_hash)).scalar_one()
    engine.dispose()
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    code, listing, _ = _run(db, "token-list", capsys=capsys)
    assert token not in listing and "active" in listing
    token_id = listing.split("\t")[0]
    assert _run(db, "token-revoke", token_id, capsys=capsys)[0] == 0
    assert "revoked" in _run(db, "token-list", capsys=capsys)[1]


def test_policy_can_be_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    _run(db, "network-create", "esther", capsys=capsys)
    code, out, _ = _run(
        db, "network-policy", "esther", "--min-sessions", "8", "--min-organisations", "4",
        "--allowed-tags", "money,time", "--dp-epsilon", "1.0", capsys=capsys,
    )  # fmt: skip
    assert code == 0
    assert '"min_sessions": 8' in out and '"dp_epsilon": 1.0' in out
    assert '"money"' in out


@pytest.mark.parametrize(
    "args",
    [
        ["org-create", "nowhere", "x"],
        ["token-issue", "nowhere", "x"],
        ["token-revoke", "999"],
        ["network-policy", "nowhere"],
        ["network-policy", "esther", "--allowed-tags", "gossip"],
        ["network-policy", "esther", "--dp-epsilon", "lots"],
        ["network-create", "esther"],
    ],
)
def test_admin_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    _run(db, "network-create", "esther", capsys=capsys)
    code, _, err = _run(db, *args, capsys=capsys)
    assert code == 1
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run("postgresql+psycopg://nobody@127.0.0.1:1/none", "token-list", capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_openapi_subcommand_prints_the_committed_spec() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "from sync.server.cli import main; main(['openapi'])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    committed = Path(__file__).parents[3] / "sync" / "server" / "openapi.json"
    assert out.stdout == committed.read_text(encoding="utf-8")
