"""Provides `facilitator sync ...`: preview, approve, push, status, withdraw, stats, config, test.

The token is read from stdin or --token-file, never from argv, and kept only in the vault.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from facilitator.cli.context import CliContext
from facilitator.cli.parsing import OneLineParser, translated_argparse
from facilitator.cli.vault_commands import resolve_session_id
from facilitator.errors import InvalidInput, SessionNotFound, render
from facilitator.i18n import Translator, translator
from facilitator.outbox import EntryStatus
from sync.push import PushProgress, note_text
from sync.service import SyncService, SyncVault
from sync.settings import check_token
from sync.stats import format_rows


class _Closable(SyncVault, Protocol):
    def close(self) -> None: ...


def build_parser(tr: Translator | None = None) -> argparse.ArgumentParser:
    """The grammar of `facilitator sync`, its help in the translator's language."""
    t = (tr or translator("en")).t
    parser = OneLineParser(prog="facilitator sync", description=t("cli.sync.description"))
    commands = parser.add_subparsers(
        dest="action",
        metavar=t("cli.metavar.action"),
        required=True,
        title=t("cli.help.commands"),
        parser_class=OneLineParser,
    )
    for name in ("preview", "approve", "send", "withdraw"):
        text = t(f"cli.sync.{name}")
        sub = commands.add_parser(
            name, help=text, description=text, aliases=["queue"] if name == "approve" else []
        )
        sub.add_argument("id", metavar="ID", help=t("cli.help.session_id"))
    for name in ("status", "push", "stats", "test"):
        commands.add_parser(name, help=t(f"cli.sync.{name}"), description=t(f"cli.sync.{name}"))
    config = commands.add_parser(
        "config", help=t("cli.sync.config"), description=t("cli.sync.config")
    )
    config.add_argument("--server", metavar=t("cli.metavar.url"), help=t("cli.sync.server"))
    config.add_argument(
        "--token-file", metavar=t("cli.metavar.file"), help=t("cli.sync.token_file")
    )
    config.add_argument("--token-stdin", action="store_true", help=t("cli.sync.token_stdin"))
    config.add_argument("--region", metavar=t("cli.metavar.code"), help=t("cli.sync.region"))
    return parser


def _config(args: argparse.Namespace, ctx: CliContext, service: SyncService) -> int:
    typed = args.token_stdin and not args.token_file
    stdin_token = check_token(ctx.stdin.readline()) if typed else None
    settings = service.set_up(args.server, args.token_file, args.region)
    if stdin_token is not None:
        settings = replace(settings, token=stdin_token)
        service.configure(settings)
    server, token, region = settings.server, settings.token, settings.region
    not_set = ctx.t("cli.sync.not_set")
    for label, value in [
        ("server", server or not_set),
        ("token", ctx.t("cli.sync.token_set") if token else not_set),
        ("region", region or ctx.t("cli.sync.no_region")),
    ]:
        ctx.out.write(f"{ctx.t(f'cli.sync.label_{label}')}: {value}\n")
    return 0


def _progress(ctx: CliContext) -> Callable[[PushProgress], None]:
    def show(step: PushProgress) -> None:
        if step.outcome != "sending":
            outcome = ctx.t(f"cli.sync.outcome_{step.outcome}")
            ctx.err.write(f"[{step.done}/{step.total}] {step.summary_id} {outcome}\n")

    return show


def _push(ctx: CliContext, service: SyncService) -> int:
    report = service.push(_progress(ctx))
    ctx.say("cli.sync.pushed", sent=len(report.sent), remaining=report.remaining)
    for sid in report.conflicts:
        ctx.tell("cli.sync.conflict", id=sid)
    if report.failure is not None:
        ctx.tell("cli.sync.stopped", error=report.failure)
    return 1 if report.failure is not None or report.conflicts else 0


def _status(ctx: CliContext, service: SyncService) -> int:
    outbox = service.outbox()
    if not outbox.entries:
        ctx.say("cli.sync.outbox_empty")
        return 0
    width = max(len(ctx.t(f"cli.sync.status_{s.value}")) for s in EntryStatus)
    for e in outbox.entries:
        line = ctx.t(
            "cli.sync.entry",
            status=f"{ctx.t(f'cli.sync.status_{e.status.value}'):<{width}}",
            id=e.summary_id,
            session=e.session_id[:8],
            approved=f"{e.approved_at:%Y-%m-%d %H:%M}",
            attempts=e.attempts,
        )
        if e.status is EntryStatus.QUEUED and e.last_error:
            line += f"  ({render(note_text(e.last_error), ctx.language)})"
        ctx.out.write(line + "\n")
    return 0


def run(args: argparse.Namespace, ctx: CliContext, service: SyncService, vault: SyncVault) -> int:
    """Run one parsed sync action."""
    action = "approve" if args.action == "queue" else args.action
    if action == "config":
        return _config(args, ctx, service)
    if action in {"preview", "approve", "send"}:
        session = vault.load_session(resolve_session_id(vault, args.id))
        if action == "preview":
            ctx.out.write(service.preview(session).decode("utf-8") + "\n")
            return 0
        entry = service.approve(session)
        when = f"{entry.approved_at:%Y-%m-%d %H:%M}"
        ctx.say("cli.sync.approved", when=when, id=entry.summary_id)
        return _push(ctx, service) if action == "send" else 0
    if action == "withdraw":
        key = args.id
        with contextlib.suppress(SessionNotFound):
            key = resolve_session_id(vault, args.id)
        ctx.say(f"cli.sync.withdraw_{service.withdraw(key)}")
        return 0
    if action == "status":
        return _status(ctx, service)
    if action == "push":
        return _push(ctx, service)
    if action == "test":
        me = service.test()
        ctx.say(
            "cli.sync.connected", organisation=me.get("organisation"), network=me.get("network")
        )
        return 0
    if action == "stats":
        for line in format_rows(service.stats(), ctx.language):
            ctx.out.write(line + "\n")
        return 0
    raise InvalidInput("errors.cli.unknown_sync_action", action=action)


def main(argv: list[str], ctx: CliContext) -> int:
    """Entry point called by facilitator.cli.compose.run_sync."""
    with translated_argparse(ctx.language) as tr:
        args = build_parser(tr).parse_args(argv)
    vault: _Closable = ctx.open_vault()
    try:
        service = SyncService(lambda: vault, ctx.clock)
        return run(args, ctx, service, vault)
    finally:
        vault.close()
