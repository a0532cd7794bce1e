"""Provides the app's messages: small dataclasses that workers and screens post upward."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from facilitator.session import Session
    from facilitator.vault import SessionSummary, Vault


@dataclass
class VaultOpened(Message):
    """A vault was created or unlocked; a recovery key comes only with a new vault."""

    vault: Vault
    recovery_key: str | None = None


@dataclass
class VaultRefused(Message):
    """Creating or unlocking failed; `reason` is one line for the user."""

    reason: str
    wrong_passphrase: bool = False


@dataclass
class PassphraseChecked(Message):
    """The lock screen's passphrase was checked."""

    accepted: bool
    reason: str = ""


@dataclass
class SessionsListed(Message):
    """The vault's session list, newest first."""

    sessions: list[SessionSummary]


@dataclass
class SessionLoaded(Message):
    """A session was read from the vault, ready to open."""

    session: Session


@dataclass
class SessionSaved(Message):
    """A session reached the vault."""

    session: Session


@dataclass
class SessionDeleted(Message):
    """A session was removed from the vault."""

    session_id: str


@dataclass
class VaultFailed(Message):
    """A vault read or write failed; `reason` is one line for the user."""

    reason: str


@dataclass
class HistoryLoaded(Message):
    """A project's sessions were read for its history (or could not be)."""

    sessions: list[Session]
    error: str = ""
