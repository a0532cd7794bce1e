"""Provides the `export`, `report`, `backup` and `restore` commands.

Exports are the only plaintext facilitator writes: before writing a file the command says
so on stderr and asks (or needs --yes), and it never writes into the vault directory.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.backup import (
    Credentials,
    create_backup,
    install_backup,
    target_occupied,
    verify_backup,
)
from facilitator.cli.context import CliContext
from facilitator.cli.vault_commands import resolve_session_id
from facilitator.errors import FacilitatorError, VaultExists, VaultNotFound
from facilitator.reports.export import (
    FORMATS,
    PLAINTEXT_WARNING,
    UTF8_BOM,
    ensure_outside,
    render_export,
    write_private,
)
from facilitator.reports.project import load_project
from facilitator.reports.project_report import render_project
from facilitator.vault import Vault

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(subparsers: Subparsers) -> None:
    """Add export, report, backup and restore to the command line."""
    export = subparsers.add_parser("export", help="export a session (md, html, csv or json)")
    export.add_argument("session_id", metavar="ID")
    export.add_argument("--format", choices=FORMATS, default="md")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.add_argument("--bom", action="store_true", help="start with a UTF-8 BOM (for Excel)")
    export.add_argument("--yes", action="store_true", help="write without asking")
    export.set_defaults(func=cmd_export)

    report = subparsers.add_parser("report", help="a project's trends and actions (html or md)")
    report.add_argument("project", metavar="PROJECT")
    report.add_argument("--format", choices=["html", "md"], default="html")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    report.add_argument("--yes", action="store_true", help="write without asking")
    report.set_defaults(func=cmd_report)

    backup = subparsers.add_parser("backup", help="write the whole vault as one encrypted file")
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.add_argument("--yes", action="store_true", help="replace FILE without asking")
    backup.set_defaults(func=cmd_backup)

    restore = subparsers.add_parser("restore", help="restore a vault from an encrypted backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--vault", dest="restore_vault", type=Path, metavar="DIR", help="where to restore"
    )
    restore.add_argument("--force", action="store_true", help="replace an existing vault")
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help="open the backup with the recovery key (or FACILITATOR_RECOVERY_KEY)",
    )
    restore.add_argument("--yes", action="store_true", help=argparse.SUPPRESS)
    restore.set_defaults(func=cmd_restore)


def _emit(args: argparse.Namespace, ctx: CliContext, data: bytes, vault_dir: Path) -> int:
    """Write an export to -o FILE (after warning and asking) or to stdout."""
    output: Path | None = args.output
    if output is None:
        text = data.decode("utf-8")
        ctx.out.write(text)
        ctx.out.flush()
        return 0
    ensure_outside(output, vault_dir)
    ctx.err.write(f"facilitator: warning: {PLAINTEXT_WARNING.format(path=output)}\n")
    if not ctx.confirm(f"Write {output}?"):
        raise FacilitatorError(f"{output} not written; pass --yes to write without asking")
    try:
        write_private(output, data)
    except OSError as error:
        raise FacilitatorError(f"could not write {output}: {error.strerror or error}") from None
    ctx.err.write(f"Wrote {output}\n")
    return 0


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Export one session in the chosen format."""
    if args.output is not None:
        ensure_outside(args.output, ctx.locations.vault)
    with ctx.open_vault() as vault:
        session = vault.load_session(resolve_session_id(vault, args.session_id))
    data = render_export(session, args.format)
    if args.bom and not data.startswith(UTF8_BOM):
        data = UTF8_BOM + data
    return _emit(args, ctx, data, ctx.locations.vault)


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write a project report with trends and before/after of actions."""
    if args.output is not None:
        ensure_outside(args.output, ctx.locations.vault)
    with ctx.open_vault() as vault:
        sessions = load_project(vault, args.project)
    return _emit(
        args, ctx, render_project(args.project, sessions, args.format), ctx.locations.vault
    )


def _recovery_key(ctx: CliContext) -> str:
    key = ctx.environ.get("FACILITATOR_RECOVERY_KEY")
    if key:
        return key
    if not ctx.interactive:
        raise FacilitatorError("no recovery key: run in a terminal or set FACILITATOR_RECOVERY_KEY")
    return getpass.getpass("Recovery key: ")


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the whole vault as one encrypted file."""
    directory = ctx.locations.vault
    if not Vault.exists(directory):
        raise VaultNotFound(f"there is no vault at {directory}; nothing to back up")
    ensure_outside(args.file, directory)
    if args.file.exists() and not ctx.confirm(f"{args.file} exists; replace it?"):
        raise FacilitatorError(f"{args.file} exists; pass --yes to replace it")
    info = create_backup(directory, Credentials(passphrase=ctx.passphrase()), args.file)
    ctx.out.write(
        f"Backed up {info.sessions} sessions ({info.files} files, {info.bytes:,} bytes) "
        f"to {args.file}\nIt opens with the vault's passphrase or its recovery key.\n"
    )
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    """Verify a backup completely, then restore it (asking before replacing a vault)."""
    target: Path = args.restore_vault or ctx.locations.vault
    if args.recovery_key:
        credentials = Credentials(recovery_key=_recovery_key(ctx))
    else:
        credentials = Credentials(passphrase=ctx.passphrase("Passphrase of the backup: "))
    backup = verify_backup(args.file, credentials)
    replace = False
    if target_occupied(target):
        replace = args.force or ctx.confirm(f"Replace everything in {target} with the backup?")
        if not replace:
            raise VaultExists(f"{target} is not empty; nothing was restored (use --force)")
    count = install_backup(backup, target, replace=replace)
    ctx.out.write(f"Restored {count} files into {target}; open it with the same passphrase.\n")
    return 0
