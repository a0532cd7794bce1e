"""Provides the `export`, `report`, `backup` and `restore` commands.

Exports are the only plaintext facilitator writes: before writing a file the command says
so on stderr and asks (or needs --yes), and it never writes into the vault directory.
Reports, backups and the vault are imported inside the handlers, so `--help` stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.cli.context import CliContext
from facilitator.errors import FacilitatorError

if TYPE_CHECKING:
    from facilitator.backup import Credentials
    from facilitator.esther import DocumentStore, EstherCard
    from facilitator.i18n import Translator

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

# The same as facilitator.reports.export.FORMATS (a test keeps them equal), kept here so
# building the parser does not import the report renderers.
EXPORT_FORMATS = ("md", "html", "csv", "json")
REPORT_FORMATS = ("html", "md")


def register(subparsers: Subparsers, tr: Translator) -> None:
    """Add export, report, backup and restore, with help in the translator's language."""
    t = tr.t
    file, out = t("cli.metavar.file"), t("cli.help.output")
    export = subparsers.add_parser(
        "export", help=t("cli.help.export"), description=t("cli.help.export")
    )
    export.add_argument("session_id", metavar="ID", help=t("cli.help.session_id"))
    export.add_argument("--format", choices=EXPORT_FORMATS, default="md", help=t("cli.help.format"))
    export.add_argument("-o", "--output", type=Path, metavar=file, help=out)
    export.add_argument("--bom", action="store_true", help=t("cli.help.bom"))
    export.add_argument("--yes", action="store_true", help=t("cli.help.yes"))
    export.add_argument("--redact", action="store_true", help=t("cli.redaction.export_help"))
    export.add_argument("--with-esther", action="store_true", help=t("cli.esther.with_esther"))
    export.set_defaults(func=cmd_export)

    report = subparsers.add_parser(
        "report", help=t("cli.help.report"), description=t("cli.help.report")
    )
    report.add_argument("project", metavar=t("cli.metavar.project"), help=t("cli.help.project"))
    report.add_argument(
        "--format", choices=REPORT_FORMATS, default="html", help=t("cli.help.format")
    )
    report.add_argument("-o", "--output", type=Path, metavar=file, help=out)
    report.add_argument("--yes", action="store_true", help=t("cli.help.yes"))
    report.add_argument("--redact", action="store_true", help=t("cli.redaction.report_help"))
    report.set_defaults(func=cmd_report)

    for which in ("handout", "letter"):
        leaflet = subparsers.add_parser(
            which, help=t(f"cli.leaflet.{which}_help"), description=t(f"cli.leaflet.{which}_help")
        )
        leaflet.add_argument("session_id", metavar="ID", help=t("cli.help.session_id"))
        leaflet.add_argument(
            "-o", "--out", "--output", dest="output", type=Path, metavar=file, help=out
        )
        leaflet.add_argument(
            "--format", choices=REPORT_FORMATS, default=None, help=t("cli.leaflet.format_help")
        )
        leaflet.add_argument("--yes", action="store_true", help=t("cli.help.yes"))
        leaflet.set_defaults(func=cmd_leaflet, leaflet=which)

    backup = subparsers.add_parser(
        "backup", help=t("cli.help.backup"), description=t("cli.help.backup")
    )
    backup.add_argument("file", type=Path, metavar=file, help=t("cli.help.backup_file"))
    backup.add_argument("--yes", action="store_true", help=t("cli.help.backup_yes"))
    backup.add_argument("--recovery-key", action="store_true", help=t("cli.help.backup_recovery"))
    backup.set_defaults(func=cmd_backup)

    restore = subparsers.add_parser(
        "restore", help=t("cli.help.restore"), description=t("cli.help.restore")
    )
    restore.add_argument("file", type=Path, metavar=file, help=t("cli.help.restore_file"))
    restore.add_argument(
        "--vault",
        dest="restore_vault",
        type=Path,
        metavar=t("cli.metavar.dir"),
        help=t("cli.help.restore_vault"),
    )
    restore.add_argument("--force", action="store_true", help=t("cli.help.force"))
    restore.add_argument("--recovery-key", action="store_true", help=t("cli.help.restore_recovery"))
    restore.add_argument("--yes", action="store_true", help=argparse.SUPPRESS)
    restore.set_defaults(func=cmd_restore)


def _emit(args: argparse.Namespace, ctx: CliContext, data: bytes, vault_dir: Path) -> int:
    """Write an export to -o FILE (after warning and asking) or to stdout."""
    from facilitator.vault.files import ensure_outside, write_plaintext

    output: Path | None = args.output
    if output is None:
        text = data.decode("utf-8")
        ctx.out.write(text)
        ctx.out.flush()
        return 0
    ensure_outside(output, vault_dir)
    ctx.err.write(f"facilitator: {ctx.t('cli.plaintext_warning', path=output)}\n")
    if not ctx.confirm("cli.confirm_write", path=output):
        raise FacilitatorError("errors.cli.not_written", path=output)
    write_plaintext(output, data, vault_dir=vault_dir)
    ctx.tell("cli.wrote", path=output)
    return 0


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Export one session in the chosen format."""
    from facilitator.cli.vault_commands import resolve_session_id
    from facilitator.reports.export import UTF8_BOM, render_export
    from facilitator.vault.files import ensure_outside

    if args.output is not None:
        ensure_outside(args.output, ctx.locations.vault)
    with ctx.vault(read_only=True) as vault:
        session = vault.load_session(resolve_session_id(vault, args.session_id))
        esther = _esther_card(vault, session.project) if args.with_esther else None
    if args.redact:
        from facilitator.identifiers import redact
        from facilitator.identifiers.session import redact_session

        session = redact_session(session)
        if esther is not None:
            esther = esther.with_texts(lambda text: redact(text, session.language))
    data = render_export(session, args.format, esther=esther)
    if args.bom and not data.startswith(UTF8_BOM):
        data = UTF8_BOM + data
    return _emit(args, ctx, data, ctx.locations.vault)


def _esther_card(vault: DocumentStore, project: str) -> EstherCard:
    """The improvement work's Esther card; a one-line error when it has none."""
    from facilitator.esther import load_card

    card = load_card(vault, project)
    if card is None or card.empty:
        raise FacilitatorError("errors.esther.none", project=project or "–")
    return card


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write a project report with trends and before/after of actions."""
    from facilitator.reports.project import load_project
    from facilitator.reports.project_report import render_project
    from facilitator.vault.files import ensure_outside

    if args.output is not None:
        ensure_outside(args.output, ctx.locations.vault)
    with ctx.vault(read_only=True) as vault:
        sessions = load_project(vault, args.project)
    project: str = args.project
    if args.redact:
        from facilitator.identifiers import redact
        from facilitator.identifiers.session import redact_session

        sessions = [redact_session(session) for session in sessions]
        project = redact(project, sessions[-1].language if sessions else ctx.language)
    return _emit(args, ctx, render_project(project, sessions, args.format), ctx.locations.vault)


def cmd_leaflet(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the participants' handout or after letter of a session, always redacted."""
    from facilitator.cli.vault_commands import resolve_session_id
    from facilitator.reports.handout import render_leaflet
    from facilitator.vault.files import ensure_outside

    output: Path | None = args.output
    fmt = args.format or ("md" if output is not None and output.suffix == ".md" else "html")
    if output is not None:
        ensure_outside(output, ctx.locations.vault)
    with ctx.vault(read_only=True) as vault:
        session = vault.load_session(resolve_session_id(vault, args.session_id))
    return _emit(args, ctx, render_leaflet(session, args.leaflet, fmt), ctx.locations.vault)


def _credentials(args: argparse.Namespace, ctx: CliContext, prompt_key: str) -> Credentials:
    """The passphrase, or the recovery key when --recovery-key was given."""
    from facilitator.backup import Credentials

    if args.recovery_key:
        return Credentials(recovery_key=ctx.recovery_key())
    return Credentials(passphrase=ctx.passphrase(prompt_key))


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the whole vault as one encrypted file."""
    from facilitator.backup import create_backup
    from facilitator.errors import VaultNotFound
    from facilitator.i18n import format_number
    from facilitator.vault import Vault
    from facilitator.vault.files import ensure_outside

    directory = ctx.locations.vault
    if not Vault.exists(directory):
        raise VaultNotFound("errors.backup.no_vault", path=directory)
    ensure_outside(args.file, directory)
    if args.file.exists() and not ctx.confirm("cli.confirm_replace", path=args.file):
        raise FacilitatorError("errors.cli.backup_exists", path=args.file)
    credentials = _credentials(args, ctx, "cli.passphrase_prompt")
    info = create_backup(directory, credentials, args.file)
    ctx.say(
        "cli.backed_up",
        sessions=info.sessions,
        files=info.files,
        bytes=format_number(info.bytes, ctx.language),
        path=args.file,
    )
    ctx.say("cli.backup_opens_with")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    """Verify a backup completely, then restore it (asking before replacing a vault)."""
    from facilitator.backup import install_backup, target_occupied, verify_backup
    from facilitator.errors import VaultExists

    target: Path = args.restore_vault or ctx.locations.vault
    backup = verify_backup(args.file, _credentials(args, ctx, "cli.backup_passphrase_prompt"))
    replace = False
    if target_occupied(target):
        replace = args.force or ctx.confirm("cli.confirm_restore", path=target)
        if not replace:
            raise VaultExists("errors.cli.restore_refused", path=target)
    count = install_backup(backup, target, replace=replace)
    from facilitator.vault.header import read_header
    from facilitator.vault.high_water import reset

    reset(ctx.locations.high_water_file, read_header(target).vault_id)  # restored on purpose
    ctx.say("cli.restored", count=count, path=target)
    return 0
