"""Provides the composition root: the only module that wires core, screens and sync together.

Imported lazily by facilitator.cli.main, so commands that need no UI never load Textual.
Before the first screen only what it needs is loaded: the vault, cryptography, templates
and sync (with requests) are imported when first used.
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from facilitator.cli.context import CliContext
from facilitator.clock import Clock, SystemClock
from facilitator.errors import FacilitatorError
from facilitator.i18n import resolve_language
from facilitator.settings import read_settings, save_settings
from facilitator.vault.layout import vault_exists
from screens.services import Services

if TYPE_CHECKING:
    from facilitator.templates.model import Template
    from facilitator.vault import KdfParams, Vault
    from screens.room_port import RoomPort
    from screens.sync_port import SyncPort

NEW_VAULT_KDF_SECONDS = 0.5  # key derivation time a new or recovered vault is calibrated to


class _SyncOnFirstUse:
    """Stands for the SyncService and builds it when a screen first uses sync.

    Keeps sync (and requests) out of startup; the screens see a SyncPort either way.
    """

    def __init__(self, vault: Callable[[], Vault | None], clock: Clock) -> None:
        self._vault = vault
        self._clock = clock
        self._lock = threading.Lock()
        self._service: SyncPort | None = None

    def __getattr__(self, name: str) -> Any:
        with self._lock:
            if self._service is None:
                from sync.service import SyncService

                self._service = SyncService(self._vault, self._clock)
        return getattr(self._service, name)


def _room_service(clock: Clock) -> RoomPort:
    """The room server's service, built when the facilitator first opens a room."""
    from sync.room import make_room_service

    return make_room_service(clock)


def _room_addresses() -> list[str]:
    """The machine's local addresses to offer for the room, the likeliest LAN one first."""
    from sync.room import local_addresses

    return local_addresses()


def _check_passphrase(directory: Path, passphrase: str) -> None:
    """Checks a passphrase against the vault header; cryptography loads only when asked."""
    from facilitator.vault.keys import passphrase_checker

    passphrase_checker(directory)(passphrase)


def _new_vault_kdf() -> KdfParams:
    from facilitator.vault import KdfParams

    return KdfParams.calibrate(NEW_VAULT_KDF_SECONDS)


def build_services(
    args: argparse.Namespace, ctx: CliContext, clock: Clock | None = None
) -> Services:
    """Services for the TUI from the command line and the saved settings."""
    clock = clock or SystemClock()
    settings_file = ctx.locations.settings_file
    settings, chosen_language = read_settings(settings_file)
    settings.language = resolve_language(args.lang, chosen_language, dict(ctx.environ))
    if args.plain:
        settings.plain = True
    directory = ctx.locations.vault
    extra_files = [Path(f) for f in getattr(args, "template", [])]

    def templates(language: str) -> list[Template]:
        from facilitator.templates.catalog import usable_templates

        return usable_templates(language, ctx.locations.user_templates, extra_files)

    def create_vault(passphrase: str) -> tuple[Vault, str]:
        from facilitator.vault import Vault

        return Vault.create(directory, passphrase, kdf=_new_vault_kdf(), clock=clock)

    def unlock_vault(passphrase: str) -> Vault:
        from facilitator.vault import Vault

        return Vault.unlock(
            directory, passphrase, clock=clock, high_water=ctx.locations.high_water_file
        )

    def recover_vault(key: str, passphrase: str) -> Vault:
        from facilitator.vault import Vault

        return Vault.reset_passphrase_with_recovery(
            directory, key, passphrase, kdf=_new_vault_kdf(), clock=clock
        )

    services = Services(
        clock=clock,
        settings=settings,
        vault_dir=directory,
        create_vault=create_vault,
        unlock_vault=unlock_vault,
        vault_exists=lambda: vault_exists(directory),
        templates=templates,
        save_settings=lambda s: save_settings(settings_file, s),
        verify_passphrase=lambda passphrase: _check_passphrase(directory, passphrase),
        recover_vault=recover_vault,
        # Reads the vault once unlocked: `services` is bound by the time sync is first used.
        sync=cast("SyncPort", _SyncOnFirstUse(lambda: services.vault, clock)),
    )
    from screens.room_port import RoomMode  # loads the session model: not before it is needed

    services.room = RoomMode(lambda: _room_service(clock), _room_addresses)
    return services


def run_tui(args: argparse.Namespace, ctx: CliContext) -> int:
    """Start the full-screen app."""
    from screens.factory import make_app

    services = build_services(args, ctx)
    app = make_app(services)
    app.run()
    if services.room is not None:
        services.room.stop()  # normally stopped with the run screen; a room opening at quit too
    if services.vault is not None:
        services.vault.close()
    code = app.return_code
    return 0 if code is None else int(code)


def run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run a `facilitator sync ...` command."""
    try:
        from sync.cli import main as sync_main
    except ImportError:
        raise FacilitatorError("errors.cli.sync_unavailable") from None
    return int(sync_main(list(args.sync_args), ctx))
