"""Provides in-memory services for screen tests and benchmarks: a vault that never touches disk.

A fixed recovery key stands in for the one a real vault shows once, so tests can type it;
sync is a service with no server set up, as on a fresh install.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.clock import Clock, SystemClock
from facilitator.errors import FacilitatorError, VaultExists, VaultNotFound, WrongPassphrase
from facilitator.outbox import Outbox
from facilitator.settings import UiSettings
from screens.services import Services

if TYPE_CHECKING:
    from facilitator.session import Session
    from facilitator.templates.model import Template
    from facilitator.vault import Vault
    from screens.sync_port import NetworkCell, PushResult, SyncPort

MEMORY_RECOVERY_KEY = "MEMORY-RECOVERY-KEY-0000"  # the in-memory vault's fixed recovery key
PREVIEW_SUMMARY_ID = "5d1c2b9e-7f3a-4c8e-9b1d-2a6e4f0c3b71"  # fixed, so previews are stable


def _squeezed(key: str) -> str:
    """A typed key without spaces, dashes or case, as the real vault reads it."""
    return "".join(c for c in key.upper() if not c.isspace() and c not in "-_.")


def keep_in_memory(settings: UiSettings) -> None:
    """Keeps settings in memory only: nothing is written."""


def builtin_templates(language: str) -> list[Template]:
    """The shipped templates in `language`."""
    from facilitator.templates.builtin import builtin_sources, load_builtin

    return [load_builtin(source.id, language) for source in builtin_sources()]


@dataclass(frozen=True)
class _NoSetup:
    """Sync settings with no server, region or token saved."""

    server: str | None = None
    region: str | None = None
    configured: bool = False


@dataclass(frozen=True)
class _NothingSent:
    """A push with nothing queued: nothing sent, nothing left."""

    sent: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    remaining: int = 0
    failure: Exception | None = None


@dataclass
class UnsetSync:
    """A sync service with no server set up: it previews, and refuses to approve or set up.

    Never touches a network; `previewed` records the sessions it showed.
    """

    previewed: list[str] = field(default_factory=list)

    def configured(self) -> bool:
        return False

    def preview(self, session: Session) -> bytes:
        from facilitator.anonymize import build_summary, payload_bytes

        self.previewed.append(session.id)
        return payload_bytes(build_summary(session, region=None, summary_id=PREVIEW_SUMMARY_ID))

    def approve(self, session: Session) -> Any:
        raise FacilitatorError("errors.sync.not_set_up")

    def push(self, progress: Callable[[Any], None] | None = None) -> PushResult:
        return _NothingSent()

    def stats(self) -> Sequence[NetworkCell]:
        raise FacilitatorError("errors.sync.not_set_up")

    def settings(self) -> _NoSetup:
        return _NoSetup()

    def set_up(self, server: str | None, token_file: str | None, region: str | None) -> _NoSetup:
        raise FacilitatorError("errors.sync.not_set_up")

    def outbox(self) -> Outbox:
        return Outbox()

    def withdraw(self, key: str) -> str:
        raise FacilitatorError("errors.sync.not_set_up")


class _MemoryVaultState:
    """The one in-memory vault and its passphrase, created on first use."""

    def __init__(self, clock: Clock, passphrase: str | None) -> None:
        self.clock = clock
        self.passphrase = passphrase
        self._vault: Vault | None = None

    def opened(self) -> Vault:
        if self._vault is None:
            from facilitator.vault import Vault

            self._vault = Vault.in_memory(clock=self.clock)
        return self._vault

    def create(self, secret: str) -> tuple[Vault, str]:
        if self.passphrase is not None:
            raise VaultExists("a vault already exists here")
        self.passphrase = secret
        return self.opened(), MEMORY_RECOVERY_KEY

    def unlock(self, secret: str) -> Vault:
        if secret != self.passphrase:
            raise WrongPassphrase("the passphrase does not open this vault")
        return self.opened()

    def verify(self, secret: str) -> None:
        self.unlock(secret)

    def recover(self, key: str, new_passphrase: str) -> Vault:
        from facilitator.vault.keys import check_passphrase

        check_passphrase(new_passphrase)
        if self.passphrase is None:
            raise VaultNotFound("there is no vault to recover yet")
        if _squeezed(key) != _squeezed(MEMORY_RECOVERY_KEY):
            raise WrongPassphrase("the recovery key does not open this vault")
        self.passphrase = new_passphrase
        return self.opened()

    def exists(self) -> bool:
        return self.passphrase is not None


def memory_services(
    *,
    clock: Clock | None = None,
    settings: UiSettings | None = None,
    templates: Callable[[str], list[Template]] | None = None,
    passphrase: str | None = None,
    sync: SyncPort | None = None,
) -> Services:
    """Services over an in-memory vault; with `passphrase` the vault already exists, locked.

    The vault module is imported on first use, as with a real vault, so startup stays light.
    """
    state = _MemoryVaultState(clock or SystemClock(), passphrase)
    return Services(
        clock=state.clock,
        settings=settings or UiSettings(),
        vault_dir=None,
        create_vault=state.create,
        unlock_vault=state.unlock,
        vault_exists=state.exists,
        templates=templates or builtin_templates,
        verify_passphrase=state.verify,
        recover_vault=state.recover,
        save_settings=keep_in_memory,
        sync=sync or UnsetSync(),
    )
