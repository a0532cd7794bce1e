"""Provides the vault commands: init, passwd, sessions, import, check, demo."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from facilitator.cli.context import CliContext
from facilitator.codec import MAX_IMPORT_BYTES, import_session_json
from facilitator.errors import FacilitatorError, InvalidInput, SessionNotFound
from facilitator.session import new_id
from facilitator.vault import KdfParams, SessionSummary, Vault

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Subparsers) -> None:
    """Add the vault commands to the parser."""
    init = commands.add_parser("init", help="create a new encrypted vault")
    init.add_argument(
        "--kdf-seconds",
        type=float,
        default=0.5,
        metavar="S",
        help="target key-derivation time (0 = the minimum: 64 MiB, 3 iterations)",
    )
    init.add_argument(
        "--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE"
    )
    init.set_defaults(func=cmd_init)

    passwd = commands.add_parser("passwd", help="change the vault passphrase")
    passwd.add_argument(
        "--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE"
    )
    passwd.add_argument(
        "--recovery-key",
        action="store_true",
        help="forgot the passphrase: open with the recovery key (prompt or "
        "FACILITATOR_RECOVERY_KEY) and choose a new passphrase",
    )
    passwd.set_defaults(func=cmd_passwd)

    sessions = commands.add_parser("sessions", help="list sessions")
    sessions.add_argument("--json", action="store_true", help="machine-readable output")
    sessions.set_defaults(func=cmd_sessions)

    imp = commands.add_parser("import", help="import a session exported as JSON")
    imp.add_argument("file", type=Path)
    imp.add_argument("--as-new", action="store_true", help="import as a copy with a new id")
    imp.set_defaults(func=cmd_import)

    check = commands.add_parser("check", help="decrypt and validate every vault file")
    check.set_defaults(func=cmd_check)

    demo = commands.add_parser("demo", help="add a realistic sample session to look around")
    demo.add_argument("--lang", dest="demo_lang", choices=["en", "sv"], default=None)
    demo.set_defaults(func=cmd_demo)


class SessionLister(Protocol):
    """Anything that lists sessions by id, such as the vault."""

    def list_sessions(self) -> Sequence[SessionSummary]:
        """Summaries of every session."""
        ...


def resolve_session_id(vault: SessionLister, wanted: str) -> str:
    """The full id of the session whose id starts with `wanted` (like git's short ids)."""
    wanted = wanted.strip().lower()
    if not wanted:
        raise InvalidInput("give a session id; `facilitator sessions` lists them")
    matches = [s.id for s in vault.list_sessions() if s.id.startswith(wanted)]
    if not matches:
        raise SessionNotFound(f"no session with id {wanted}; `facilitator sessions` lists them")
    if len(matches) > 1:
        raise InvalidInput(f"the id {wanted} matches {len(matches)} sessions; give more characters")
    return matches[0]


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create a vault and show its recovery key once."""
    directory = ctx.locations.vault
    if Vault.exists(directory):
        from facilitator.errors import VaultExists

        raise VaultExists(f"a vault already exists at {directory}; nothing was changed")
    if args.kdf_seconds < 0 or args.kdf_seconds > 10:
        raise InvalidInput("--kdf-seconds must be between 0 and 10")
    passphrase = ctx.new_passphrase("passphrase")
    kdf = KdfParams.MINIMUM if args.kdf_seconds == 0 else KdfParams.calibrate(args.kdf_seconds)
    vault, recovery_key = Vault.create(directory, passphrase, kdf=kdf, clock=ctx.clock)
    vault.close()
    ctx.out.write(
        f"Created an encrypted vault at {directory}\n\n"
        f"Recovery key (shown only this once; store it offline, apart from this computer):\n\n"
        f"    {recovery_key}\n\n"
        "Without the passphrase or this key nobody, including you, can read the vault.\n"
    )
    return 0


def cmd_passwd(args: argparse.Namespace, ctx: CliContext) -> int:
    """Change the passphrase; the data stays encrypted under the same data key."""
    if args.recovery_key:
        recovery_key = ctx.secret("FACILITATOR_RECOVERY_KEY", "Recovery key: ")
        new = ctx.new_passphrase()
        vault = Vault.reset_passphrase_with_recovery(
            ctx.locations.vault, recovery_key, new, clock=ctx.clock
        )
        vault.close()
        ctx.err.write("New passphrase set with the recovery key. The old one no longer works.\n")
        return 0
    with ctx.open_vault() as vault:
        new = ctx.new_passphrase()
        vault.change_passphrase(new)
    ctx.err.write("Passphrase changed. The old passphrase no longer opens the vault.\n")
    return 0


def cmd_sessions(args: argparse.Namespace, ctx: CliContext) -> int:
    """List sessions, newest first."""
    with ctx.open_vault() as vault:
        summaries = vault.list_sessions()
    if args.json:
        rows: list[dict[str, Any]] = [
            {
                "id": s.id,
                "title": s.title,
                "project": s.project,
                "created": None if s.created is None else s.created.isoformat(),
                "updated": None if s.updated is None else s.updated.isoformat(),
                "status": s.status.value,
                "template": s.template_name,
                "language": s.language,
            }
            for s in summaries
        ]
        ctx.out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not summaries:
        ctx.out.write(
            "No sessions yet. Start the app with `facilitator`, or try `facilitator demo`.\n"
        )
        return 0
    for s in summaries:
        created = "" if s.created is None else s.created.strftime("%Y-%m-%d")
        project = f"  [{s.project}]" if s.project else ""
        ctx.out.write(f"{s.id[:8]}  {created:10}  {s.status.value:11}  {s.title}{project}\n")
    return 0


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import a JSON export back into the vault."""
    path: Path = args.file
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise InvalidInput(f"{path}: larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
        raw = path.read_bytes()
    except OSError as error:
        raise FacilitatorError(f"cannot read {path}: {error.strerror}") from None
    session = import_session_json(raw, str(path))
    with ctx.open_vault() as vault:
        existing = {s.id for s in vault.list_sessions()}
        if session.id in existing:
            if not args.as_new:
                raise InvalidInput(
                    f"session {session.id[:8]} is already in the vault; "
                    "use --as-new to import a copy"
                )
            session = replace(session, id=new_id())
        vault.save_session(session)
    ctx.err.write(f"Imported session {session.id[:8]}.\n")
    return 0


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    """Decrypt and validate every vault file; exit 1 and name each damaged one."""
    with ctx.open_vault() as vault:
        problems = vault.check()
    for problem in problems:
        ctx.err.write(f"{problem.path}: {problem.message}\n")
    if problems:
        ctx.err.write(f"{len(problems)} problem(s) found; restore damaged files from a backup.\n")
        return 1
    ctx.out.write("Vault OK: every file decrypted and validated.\n")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add a realistic sample session."""
    from facilitator.demo import demo_session

    language = args.demo_lang or args.lang or "en"
    session = demo_session(ctx.clock, language)
    with ctx.open_vault() as vault:
        vault.save_session(session)
    ctx.err.write(f"Added the sample session {session.id[:8]} ({session.title}).\n")
    return 0
