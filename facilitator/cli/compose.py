"""Provides the composition root: the only module that wires core, screens and sync together.

Imported lazily by facilitator.cli.main, so commands that need no UI never load Textual.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli.context import CliContext
from facilitator.clock import Clock, SystemClock
from facilitator.errors import FacilitatorError
from facilitator.i18n import resolve_language
from facilitator.settings import UiSettings, load_settings, save_settings
from facilitator.templates.model import Template
from facilitator.vault import KdfParams, Vault
from screens.factory import passphrase_checker
from screens.services import Services


def load_ui_settings(path: Path) -> UiSettings:
    """Saved preferences, or defaults when the file is missing or unreadable."""
    return load_settings(path)


def save_ui_settings(path: Path, settings: UiSettings) -> None:
    """Write preferences atomically; they hold no user content."""
    save_settings(path, settings)


def build_services(
    args: argparse.Namespace, ctx: CliContext, clock: Clock | None = None
) -> Services:
    """Services for the TUI from the command line and the saved settings."""
    clock = clock or SystemClock()
    settings_file = ctx.locations.settings_file
    settings = load_ui_settings(settings_file)
    has_saved_language = settings_file.exists()
    settings.language = resolve_language(
        args.lang, settings.language if has_saved_language else None, dict(ctx.environ)
    )
    if args.plain:
        settings.plain = True
    directory = ctx.locations.vault
    extra_files = [Path(f) for f in getattr(args, "template", [])]

    def templates(language: str) -> list[Template]:
        from facilitator.templates.catalog import usable_templates

        return usable_templates(language, ctx.locations.user_templates, extra_files)

    services = Services(
        clock=clock,
        settings=settings,
        vault_dir=directory,
        create_vault=lambda passphrase: Vault.create(
            directory, passphrase, kdf=KdfParams.calibrate(0.5), clock=clock
        ),
        unlock_vault=lambda passphrase: Vault.unlock(
            directory, passphrase, clock=clock, high_water=ctx.locations.high_water_file
        ),
        vault_exists=lambda: Vault.exists(directory),
        templates=templates,
        save_settings=lambda s: save_ui_settings(settings_file, s),
        verify_passphrase=passphrase_checker(directory),
        recover_vault=lambda key, passphrase: Vault.reset_passphrase_with_recovery(
            directory, key, passphrase, kdf=KdfParams.calibrate(0.5), clock=clock
        ),
    )
    from sync.service import SyncService

    services.sync = SyncService(lambda: services.vault, clock)
    from screens.room_port import RoomMode
    from sync.room import DEFAULT_PORT, local_addresses, make_room_service

    services.room = RoomMode(lambda: make_room_service(clock), local_addresses, DEFAULT_PORT)
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
