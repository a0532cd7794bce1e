"""SyncService's cheap question, is sync set up, asks no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError, InvalidInput
from facilitator.vault import Vault
from sync.client import SyncClient
from sync.service import SyncService
from sync.settings import SyncSettings


def _no_network(settings: SyncSettings) -> SyncClient:
    raise AssertionError("these questions must not build a client")


def _service() -> SyncService:
    vault = Vault.in_memory(clock=FakeClock())
    return SyncService(lambda: vault, FakeClock(), _no_network)


def test_not_configured_until_both_server_and_token_are_saved() -> None:
    service = _service()
    assert service.configured() is False
    service.configure(SyncSettings(server="https://sync.example.org"))
    assert service.configured() is False
    service.configure(SyncSettings(server="https://sync.example.org", token="fst_abc"))
    assert service.configured() is True


def test_configured_while_locked_is_a_one_line_error() -> None:
    service = SyncService(lambda: None, FakeClock(), _no_network)
    with pytest.raises(FacilitatorError, match="the vault is locked; unlock it first"):
        service.configured()


def test_locked_and_not_set_up_read_in_swedish() -> None:
    locked = SyncService(lambda: None, FakeClock(), _no_network)
    with pytest.raises(FacilitatorError) as caught:
        locked.configured()
    assert caught.value.render("sv") == "valvet är låst; lås upp det först"
    from sync.service import default_client

    with pytest.raises(FacilitatorError) as refused:
        default_client(SyncSettings())
    assert refused.value.render("sv").startswith("synkning är inte inställd: kör `facilitator sync")


def test_set_up_checks_each_field_and_keeps_what_is_left_empty(tmp_path: Path) -> None:
    clock = FakeClock()
    vault = Vault.in_memory(clock=clock)
    service = SyncService(lambda: vault, clock, _no_network)
    token_file = tmp_path / "token.txt"
    token_file.write_text("  s3cret-token\n", encoding="utf-8")
    saved = service.set_up("https://sync.example.org/", str(token_file), "SE-F")
    assert (saved.server, saved.token, saved.region) == (
        "https://sync.example.org",
        "s3cret-token",
        "SE-F",
    )
    assert service.set_up(None, None, None) == saved
    assert service.set_up("", "", "").region is None
    with pytest.raises(InvalidInput) as refused:
        service.set_up("http://sync.example.org", None, None)
    assert "\n" not in refused.value.render("en")
    with pytest.raises(FacilitatorError) as unreadable:
        service.set_up(None, str(tmp_path / "missing.txt"), None)
    assert "cannot read the token file" in unreadable.value.render("en")
    assert "s3cret" not in unreadable.value.render("en")
    with pytest.raises(InvalidInput):
        service.set_up(None, None, "XX")
    assert service.settings().server == "https://sync.example.org"
