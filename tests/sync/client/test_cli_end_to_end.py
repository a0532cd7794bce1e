"""`facilitator sync ...` through the real entry point, a real vault on disk and the live server."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from facilitator.cli.main import main
from facilitator.vault import KdfParams, Vault
from tests.facilitator.fixtures import sample_session
from tests.sync.client.conftest import LiveServer


def test_preview_output_is_byte_for_byte_what_the_server_stores(
    live_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    vault_dir = tmp_path / "vault"
    vault, _ = Vault.create(vault_dir, "a passphrase", kdf=KdfParams.MINIMUM)
    session = sample_session()
    vault.save_session(session)
    vault.close()
    token_file = tmp_path / "token"
    token_file.write_text(live_server.token + "\n", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_PASSPHRASE", "a passphrase")
    base = ["--vault", str(vault_dir), "sync"]

    assert (
        main([*base, "config", "--server", live_server.url, "--token-file", str(token_file)]) == 0
    )
    assert main([*base, "test"]) == 0
    capsysbinary.readouterr()
    assert main([*base, "preview", session.id[:10]]) == 0
    previewed = capsysbinary.readouterr().out.removesuffix(b"\n")
    assert main([*base, "approve", session.id]) == 0
    assert main([*base, "push"]) == 0
    from sync.server import admin

    admin.release(live_server.engine, "esther")
    assert main([*base, "stats"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "sent 1, still queued 0" in out and "resources" in out
    stored = [b for bodies in live_server.bodies().values() for b in bodies]
    assert hashlib.sha256(previewed).hexdigest() in stored
    assert live_server.token.encode() not in b"".join(
        p.read_bytes() for p in vault_dir.rglob("*") if p.is_file()
    )
