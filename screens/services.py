"""Provides the services the App receives from the composition root.

Screens reach the vault, clock and translator only through this object, so tests build
the app the same way main does, with an in-memory vault and a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.settings import UiSettings

if TYPE_CHECKING:  # kept out of the import path so the first screen appears sooner
    from facilitator.clock import Clock
    from facilitator.templates.model import Template
    from facilitator.vault import Vault
    from screens.room_port import RoomMode
    from screens.sync_port import SyncPort


@dataclass
class Services:
    """Everything the App needs, built by the CLI (or a test) and passed in."""

    clock: Clock
    settings: UiSettings
    vault_dir: Path | None  # None: an in-memory vault (tests, demos)
    create_vault: Callable[[str], tuple[Vault, str]]  # passphrase -> (vault, recovery key)
    unlock_vault: Callable[[str], Vault]  # passphrase -> vault; raises WrongPassphrase
    vault_exists: Callable[[], bool]
    templates: Callable[[str], list[Template]]  # language -> templates to plan from
    # passphrase -> None, raises WrongPassphrase; checks the lock screen without reopening
    verify_passphrase: Callable[[str], None]
    # (recovery key, new passphrase) -> vault opened under the new passphrase; raises
    # WrongPassphrase for a wrong key
    recover_vault: Callable[[str, str], Vault]
    save_settings: Callable[[UiSettings], None]  # writes the preferences for the next start
    sync: SyncPort  # preview, approve, push and network figures; see screens.sync_port
    vault: Vault | None = None  # set once unlocked; screens read it through app.services
    room: RoomMode | None = None  # None: room mode not available (tests, demos)
