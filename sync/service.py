"""Provides SyncService: preview, approve, push, withdraw and stats over one vault.

The CLI and the TUI (through screens.sync_port.SyncPort) share it, so both send the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from facilitator.anonymize import build_summary, new_summary_id, payload_bytes
from facilitator.clock import Clock
from facilitator.errors import FacilitatorError, InvalidInput, os_reason
from facilitator.outbox import DocumentStore, Outbox, OutboxEntry, load_outbox, save_outbox
from facilitator.session import Session
from sync.client import SyncClient
from sync.push import ProgressCallback, PushProgress, PushReport, push_outbox, withdraw
from sync.registry import check_known, known_templates
from sync.settings import (
    SyncSettings,
    check_region,
    check_server_url,
    check_token,
    load_settings,
    save_settings,
)
from sync.stats import NetworkRow, network_rows


class SyncVault(DocumentStore, Protocol):
    """The vault operations sync needs."""

    def list_sessions(self) -> Any:
        """Summaries (with `.id`) of every session."""
        ...

    def load_session(self, session_id: str) -> Session:
        """One full session."""
        ...


ClientFactory = Callable[[SyncSettings], SyncClient]


def default_client(settings: SyncSettings) -> SyncClient:
    """A real client for the configured server; refuses when sync is not set up."""
    if not settings.server or not settings.token:
        raise FacilitatorError("errors.sync.not_set_up")
    return SyncClient(settings.server, settings.token)


class SyncService:
    """Everything sync does, over a vault reached through `vault()` (None while locked)."""

    def __init__(
        self,
        vault: Callable[[], SyncVault | None],
        clock: Clock,
        client_factory: ClientFactory = default_client,
    ) -> None:
        self._vault = vault
        self._clock = clock
        self._client_factory = client_factory

    def _store(self) -> SyncVault:
        vault = self._vault()
        if vault is None:
            raise FacilitatorError("errors.sync.vault_locked")
        return vault

    def settings(self) -> SyncSettings:
        """The saved sync settings."""
        return load_settings(self._store())

    def configured(self) -> bool:
        """Whether a server and a token are saved; reads the vault only, never the network."""
        return self.settings().configured

    def configure(self, settings: SyncSettings) -> None:
        """Save new sync settings into the vault."""
        save_settings(self._store(), settings)

    def set_up(
        self, server: str | None, token_file: str | None, region: str | None
    ) -> SyncSettings:
        """Check and save new settings; None or "" keeps a saved server or token.

        `region` None keeps the saved one and "" or "none" clears it; bad input raises a
        one-line InvalidInput or FacilitatorError naming the field.
        """
        current = self.settings()
        url = check_server_url(server) if server else current.server
        token = current.token
        if token_file:
            try:
                text = Path(token_file).expanduser().read_text(encoding="utf-8")
            except OSError as error:
                reason = os_reason(error)
                raise FacilitatorError("errors.cli.token_unreadable", reason=reason) from None
            except UnicodeDecodeError:
                raise InvalidInput("errors.sync.token_invalid") from None
            token = check_token(text)
        code = current.region if region is None else check_region(region)
        settings = SyncSettings(server=url, token=token, region=code)
        self.configure(settings)
        return settings

    def client(self) -> SyncClient:
        """A client for the configured server."""
        return self._client_factory(self.settings())

    def outbox(self) -> Outbox:
        """The outbox as saved."""
        return load_outbox(self._store())

    def preview(self, session: Session) -> bytes:
        """The exact bytes approval would queue and push would send for `session`."""
        store = self._store()
        outbox, summary_id = load_outbox(store).summary_id_for(session.id, new_summary_id)
        if outbox != load_outbox(store):
            save_outbox(store, outbox)
        settings = self.settings()
        if settings.configured:
            check_known(session.template, known_templates(store, self.client))
        region = session.region or settings.region
        return payload_bytes(build_summary(session, region=region, summary_id=summary_id))

    def approve(self, session: Session) -> OutboxEntry:
        """Record the facilitator's approval (with the time) and queue the previewed bytes."""
        body = self.preview(session)
        store = self._store()
        outbox = load_outbox(store)
        _, summary_id = outbox.summary_id_for(session.id, new_summary_id)
        outbox = outbox.approve(session.id, summary_id, body, self._clock.now())
        save_outbox(store, outbox)
        entry = outbox.latest_for(summary_id)
        assert entry is not None
        return entry

    def push(self, progress: Callable[[PushProgress], None] | None = None) -> PushReport:
        """Send every queued summary (see sync.push)."""
        store = self._store()
        if not load_outbox(store).queued:
            return PushReport()
        client = self.client()
        try:
            callback: ProgressCallback = progress or (lambda _: None)
            return push_outbox(store, client, self._clock, callback)
        finally:
            client.close()

    def withdraw(self, key: str) -> str:
        """Withdraw the summary of a session (or summary id); returns what happened."""
        return withdraw(self._store(), key, self.client)

    def test(self) -> dict[str, Any]:
        """GET /v1/me: which organisation and network the token belongs to."""
        client = self.client()
        try:
            return client.me()
        finally:
            client.close()

    def sessions(self) -> list[Session]:
        """Every local session, for the facilitator's side of the network view."""
        store = self._store()
        return [store.load_session(s.id) for s in store.list_sessions()]

    def stats(self) -> tuple[NetworkRow, ...]:
        """The network's cells per dimension and role group, with the local sessions beside."""
        client = self.client()
        try:
            answer = client.aggregates(("role_group",))
        finally:
            client.close()
        return network_rows(answer, self.sessions())
