"""Provides `facilitator sync ...`: preview, approve, push, status, withdraw, stats, config, test.

The token is read from stdin or --token-file, never from argv, and kept only in the vault.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from facilitator.cli.context import CliContext, OneLineParser
from facilitator.cli.vault_commands import resolve_session_id
from facilitator.errors import FacilitatorError, InvalidInput, SessionNotFound
from facilitator.outbox import EntryStatus
from sync.push import PushProgress
from sync.service import SyncService, SyncVault
from sync.settings import SyncSettings, check_region, check_server_url, check_token
from sync.stats import format_rows

QUOTES_OFF = "quotes are not shared by this network"


class _Closable(SyncVault, Protocol):
    def close(self) -> None: ...


def build_parser() -> argparse.ArgumentParser:
    """The grammar of `facilitator sync`."""
    parser = OneLineParser(prog="facilitator sync", description="Share anonymized summaries.")
    commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in [
        ("preview", "print the exact JSON that would be sent for a session"),
        ("approve", "approve a session's summary and queue it (aliases: queue)"),
        ("send", "approve a session's summary and push the queue now"),
        ("withdraw", "withdraw a shared summary, or remove it from the queue"),
    ]:
        sub = commands.add_parser(name, help=text, aliases=["queue"] if name == "approve" else [])
        sub.add_argument("id", help="session id (or a unique prefix)")
    commands.add_parser("status", help="show the outbox")
    commands.add_parser("push", help="send every queued summary")
    commands.add_parser("stats", help="network aggregates beside your own sessions")
    commands.add_parser("test", help="check the connection and the token")
    config = commands.add_parser("config", help="set the server, token and region")
    config.add_argument("--server", metavar="URL", help="https URL (http only for localhost)")
    config.add_argument("--token-file", metavar="FILE", help="read the token from FILE")
    config.add_argument("--token-stdin", action="store_true", help="read the token from stdin")
    config.add_argument("--region", metavar="CODE", help="region code sent with summaries")
    return parser


def _config(args: argparse.Namespace, ctx: CliContext, service: SyncService) -> int:
    current = service.settings()
    server = current.server if args.server is None else check_server_url(args.server)
    token = current.token
    if args.token_file:
        try:
            token = check_token(Path(args.token_file).read_text(encoding="utf-8"))
        except OSError as error:
            raise FacilitatorError(f"cannot read the token file: {error.strerror}") from None
    elif args.token_stdin:
        token = check_token(ctx.stdin.readline())
    region = current.region if args.region is None else check_region(args.region)
    service.configure(SyncSettings(server=server, token=token, region=region))
    ctx.out.write(
        f"server: {server or '(not set)'}\n"
        f"token: {'set (in the vault)' if token else '(not set)'}\n"
        f"region: {region or '(none)'}\n"
    )
    return 0


def _progress(ctx: CliContext) -> Callable[[PushProgress], None]:
    def show(step: PushProgress) -> None:
        if step.outcome != "sending":
            ctx.err.write(f"[{step.done}/{step.total}] {step.summary_id} {step.outcome}\n")

    return show


def _push(ctx: CliContext, service: SyncService) -> int:
    report = service.push(_progress(ctx))
    ctx.out.write(f"sent {len(report.sent)}, still queued {report.remaining}\n")
    for sid in report.conflicts:
        ctx.err.write(
            f"conflict: the server holds a different summary under {sid}; "
            "withdraw it and approve again\n"
        )
    if report.error:
        ctx.err.write(f"stopped: {report.error}; the rest stays queued\n")
    return 1 if report.error or report.conflicts else 0


def _status(ctx: CliContext, service: SyncService) -> int:
    outbox = service.outbox()
    if not outbox.entries:
        ctx.out.write("the outbox is empty\n")
        return 0
    for e in outbox.entries:
        line = (
            f"{e.status.value:<9} {e.summary_id}  session {e.session_id[:8]}  "
            f"approved {e.approved_at:%Y-%m-%d %H:%M}  attempts {e.attempts}"
        )
        if e.status is EntryStatus.QUEUED and e.last_error:
            line += f"  ({e.last_error})"
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
            ctx.err.write(f"note: {QUOTES_OFF}\n")
            return 0
        entry = service.approve(session)
        when = f"{entry.approved_at:%Y-%m-%d %H:%M}"
        ctx.out.write(f"approved at {when} and queued as {entry.summary_id}\n")
        return _push(ctx, service) if action == "send" else 0
    if action == "withdraw":
        key = args.id
        with contextlib.suppress(SessionNotFound):
            key = resolve_session_id(vault, args.id)
        ctx.out.write(service.withdraw(key) + "\n")
        return 0
    if action == "status":
        return _status(ctx, service)
    if action == "push":
        return _push(ctx, service)
    if action == "test":
        me = service.test()
        ctx.out.write(f"connected: {me.get('organisation')} in network {me.get('network')}\n")
        return 0
    if action == "stats":
        for line in format_rows(service.stats()):
            ctx.out.write(line + "\n")
        return 0
    raise InvalidInput(f"unknown sync action {action}")


def main(argv: list[str], ctx: CliContext) -> int:
    """Entry point called by facilitator.cli.compose.run_sync."""
    args = build_parser().parse_args(argv)
    vault: _Closable = ctx.open_vault()
    try:
        service = SyncService(lambda: vault, ctx.clock)
        return run(args, ctx, service, vault)
    finally:
        vault.close()
