"""Provides the sync settings kept inside the vault: server URL, token and region.

The token lives only in the encrypted vault document "sync_settings", never in a plain file.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from facilitator.errors import InvalidInput
from facilitator.outbox import DocumentStore
from facilitator.vocabulary import REGIONS

DOCUMENT = "sync_settings"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_TOKEN = 200


@dataclass(frozen=True)
class SyncSettings:
    """Where to sync and with which credential; the token is never shown in a repr."""

    server: str | None = None
    token: str | None = field(default=None, repr=False)
    region: str | None = None

    @property
    def configured(self) -> bool:
        """Whether both a server and a token are set."""
        return bool(self.server and self.token)


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; https is required except on this machine (loopback)."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise InvalidInput("errors.sync.server_not_url")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidInput("errors.sync.server_url_extras")
    loopback = host in LOOPBACK_HOSTS
    if not loopback:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
    if parts.scheme != "https" and not loopback:
        raise InvalidInput("errors.sync.https_required")
    return url


def check_token(token: str) -> str:
    """A token as typed or read from a file, stripped; refuses empty or absurd ones."""
    token = token.strip()
    if not token or len(token) > MAX_TOKEN or any(c.isspace() for c in token):
        raise InvalidInput("errors.sync.token_invalid")
    return token


def check_region(region: str | None) -> str | None:
    """A region code from facilitator.vocabulary.REGIONS, or None."""
    if region in (None, "", "none"):
        return None
    if region not in REGIONS:
        raise InvalidInput(
            "errors.sync.unknown_region", region=region[:40], choices=", ".join(REGIONS)
        )
    return region


def load_settings(store: DocumentStore) -> SyncSettings:
    """The sync settings saved in the vault, or empty ones."""
    data: dict[str, Any] = store.load_document(DOCUMENT) or {}
    server, token, region = data.get("server"), data.get("token"), data.get("region")
    return SyncSettings(
        server=server if isinstance(server, str) else None,
        token=token if isinstance(token, str) else None,
        region=region if isinstance(region, str) and region in REGIONS else None,
    )


def save_settings(store: DocumentStore, settings: SyncSettings) -> None:
    """Save the settings into the vault (encrypted, atomic)."""
    store.save_document(
        DOCUMENT,
        {
            "version": 1,
            "server": settings.server,
            "token": settings.token,
            "region": settings.region,
        },
    )
