"""SyncService's cheap question, is sync set up, asks no network."""

from __future__ import annotations

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError
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
