"""Provides the app's messages: small dataclasses that workers, widgets and screens post upward.

Every screen outside the run screen declares its messages here, one way: a Message subclass
with typed fields, named for what happened (the handler is on_<snake_case name>).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path

    from facilitator.esther import EstherCard
    from facilitator.followup import FollowUp
    from facilitator.identifiers.session import Located
    from facilitator.session import Session
    from facilitator.vault import SessionSummary, Vault
    from facilitator.vocabulary import ActionStatus
    from screens.sync_port import NetworkCell, SyncSetup


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


@dataclass
class FollowUpLoaded(Message):
    """A planned session was saved and its project's pending follow-up was read."""

    session: Session
    follow_up: FollowUp
    problem: str = ""  # why the follow-up could not be read; the session is saved regardless


@dataclass
class FollowUpRecorded(Message):
    """A follow-up mark reached the vault (or failed to, with `problem` set)."""

    index: int
    status: ActionStatus
    problem: str = ""


@dataclass
class NewPassphraseChosen(Message):
    """Both new-passphrase fields agree and the passphrase is long enough."""

    passphrase: str


@dataclass
class NewPassphraseRefused(Message):
    """The new-passphrase entry cannot be used yet; `reason` is one line for the user."""

    reason: str


@dataclass
class EarlierSaveLoaded(Message):
    """A session was read from its previous save; ask before opening it."""

    session: Session
    warnings: tuple[str, ...]


@dataclass
class NetworkLoaded(Message):
    """The network's cells, or why they could not be fetched."""

    cells: Sequence[NetworkCell]
    error: str | None = None
    titles: Mapping[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class SyncChecked(Message):
    """Whether sync is set up (a server and a token saved), or why that could not be read."""

    configured: bool
    error: str | None = None


@dataclass
class PreviewReady(Message):
    """The payload bytes (or why there are none), and whether sync is set up."""

    payload: bytes | None
    error: str | None = None
    configured: bool = False


@dataclass
class PushStepped(Message):
    """Progress of a push: done of total."""

    done: int
    total: int


@dataclass
class SyncFinished(Message):
    """Approval and push ended with a one-line outcome."""

    text: str


@dataclass
class SetupShown(Message):
    """The saved set-up and the summaries that can be withdrawn, as (summary id, line)."""

    setup: SyncSetup
    shared: list[tuple[str, str]]


@dataclass
class SetupFailed(Message):
    """A set-up, read or withdrawal failed; `reason` is one line for the user."""

    reason: str


@dataclass
class Withdrawn(Message):
    """A summary was withdrawn; `outcome` is already, dequeued, deleted or gone."""

    outcome: str


@dataclass
class CardLoaded(Message):
    """The card read from the vault (None: the work has none yet), or why it could not be."""

    card: EstherCard | None
    error: str | None = None


@dataclass
class CardSaved(Message):
    """The card was kept, or why it was not."""

    card: EstherCard
    error: str | None = None


@dataclass
class TargetChecked(Message):
    """The export path was checked: a catalog key naming the problem, or whether it exists."""

    path: Path
    problem: str | None = None
    exists: bool = False


@dataclass
class Scanned(Message):
    """The session's free text was scanned for possible identifiers."""

    findings: tuple[Located, ...]


@dataclass
class EstherFound(Message):
    """The improvement work has an Esther card the export may include."""

    card: EstherCard


@dataclass
class ExportDone(Message):
    """The export was written to `path`, or not, for a one-line reason."""

    path: Path
    error: str | None = None
