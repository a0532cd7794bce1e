"""Provides the vault commands: init, passwd, sessions, import, check, demo.

The vault, the codec and cryptography are imported inside the handlers, so building the
parser (and `--help`) stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from facilitator.cli.context import CliContext
from facilitator.errors import FacilitatorError, InvalidInput, SessionNotFound
from facilitator.i18n.languages import language_codes
from facilitator.terminal import printable, terminal_json

if TYPE_CHECKING:
    from facilitator.i18n import Translator
    from facilitator.vault import SessionSummary

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Subparsers, tr: Translator) -> None:
    """Add the vault commands to the parser, with help in the translator's language."""
    t = tr.t
    init = commands.add_parser("init", help=t("cli.help.init"), description=t("cli.help.init"))
    init.add_argument(
        "--kdf-seconds",
        type=float,
        default=0.5,
        metavar=t("cli.metavar.seconds"),
        help=t("cli.help.kdf_seconds"),
    )
    init.add_argument(
        "--new-passphrase-file",
        metavar=t("cli.metavar.file"),
        help=t("cli.help.new_passphrase_file"),
    )
    init.set_defaults(func=cmd_init)

    passwd = commands.add_parser(
        "passwd", help=t("cli.help.passwd"), description=t("cli.help.passwd")
    )
    passwd.add_argument(
        "--new-passphrase-file",
        metavar=t("cli.metavar.file"),
        help=t("cli.help.new_passphrase_file"),
    )
    passwd.add_argument("--recovery-key", action="store_true", help=t("cli.help.passwd_recovery"))
    passwd.set_defaults(func=cmd_passwd)

    sessions = commands.add_parser(
        "sessions", help=t("cli.help.sessions"), description=t("cli.help.sessions")
    )
    sessions.add_argument("--json", action="store_true", help=t("cli.help.json"))
    sessions.set_defaults(func=cmd_sessions)

    imp = commands.add_parser("import", help=t("cli.help.import"), description=t("cli.help.import"))
    imp.add_argument(
        "file", type=Path, metavar=t("cli.metavar.file"), help=t("cli.help.import_file")
    )
    imp.add_argument("--as-new", action="store_true", help=t("cli.help.as_new"))
    imp.set_defaults(func=cmd_import)

    check = commands.add_parser("check", help=t("cli.help.check"), description=t("cli.help.check"))
    check.add_argument("--repair", action="store_true", help=t("cli.integrity.help_repair"))
    check.add_argument(
        "--accept-rollback", action="store_true", help=t("cli.integrity.help_accept_rollback")
    )
    check.set_defaults(func=cmd_check)

    demo = commands.add_parser("demo", help=t("cli.help.demo"), description=t("cli.help.demo"))
    demo.add_argument(
        "--lang",
        dest="demo_lang",
        choices=language_codes(),
        default=None,
        help=t("cli.help.demo_lang"),
    )
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
        raise InvalidInput("errors.cli.no_session_id")
    matches = [s.id for s in vault.list_sessions() if s.id.startswith(wanted)]
    if not matches:
        raise SessionNotFound("errors.cli.no_such_session", id=wanted)
    if len(matches) > 1:
        raise InvalidInput("errors.cli.ambiguous_session", id=wanted, count=len(matches))
    return matches[0]


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create a vault and show its recovery key once."""
    from facilitator.vault import KdfParams, Vault

    directory = ctx.locations.vault
    if Vault.exists(directory):
        from facilitator.errors import VaultExists

        raise VaultExists("errors.cli.vault_exists", path=directory)
    if args.kdf_seconds < 0 or args.kdf_seconds > 10:
        raise InvalidInput("errors.cli.kdf_seconds")
    passphrase = ctx.new_passphrase("cli.choose_passphrase_prompt")
    kdf = KdfParams.MINIMUM if args.kdf_seconds == 0 else KdfParams.calibrate(args.kdf_seconds)
    vault, recovery_key = Vault.create(directory, passphrase, kdf=kdf, clock=ctx.clock)
    vault.close()
    ctx.out.write(
        f"{ctx.t('cli.vault_created', path=directory)}\n\n"
        f"{ctx.t('cli.recovery_key_heading')}\n\n"
        f"    {recovery_key}\n\n"
        f"{ctx.t('cli.recovery_key_warning')}\n"
    )
    return 0


def cmd_passwd(args: argparse.Namespace, ctx: CliContext) -> int:
    """Change the passphrase; the data stays encrypted under the same data key."""
    from facilitator.vault import Vault

    if args.recovery_key:
        recovery_key = ctx.recovery_key()
        new = ctx.new_passphrase()
        vault = Vault.reset_passphrase_with_recovery(
            ctx.locations.vault, recovery_key, new, clock=ctx.clock
        )
        vault.close()
        ctx.tell("cli.passphrase_reset")
        return 0
    with ctx.vault() as vault:
        new = ctx.new_passphrase()
        vault.change_passphrase(new)
    ctx.tell("cli.passphrase_changed")
    return 0


def cmd_sessions(args: argparse.Namespace, ctx: CliContext) -> int:
    """List sessions, newest first."""
    with ctx.vault(read_only=True) as vault:
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
        ctx.out.write(terminal_json(rows) + "\n")
        return 0
    if not summaries:
        ctx.say("cli.no_sessions")
        return 0
    for s in summaries:
        created = "" if s.created is None else s.created.strftime("%Y-%m-%d")
        project = f"  [{printable(s.project)}]" if s.project else ""
        status = ctx.t(f"vocab.session_status.{s.status.value}")
        line = f"{printable(s.id[:8])}  {created:10}  {status:11}  {printable(s.title)}{project}"
        ctx.out.write(line + "\n")
    return 0


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import a JSON export back into the vault."""
    from dataclasses import replace

    from facilitator.codec import MAX_IMPORT_BYTES, import_session_json
    from facilitator.errors import os_reason
    from facilitator.session import new_id

    path: Path = args.file
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            limit = MAX_IMPORT_BYTES // (1024 * 1024)
            raise InvalidInput("errors.import.too_large", where=path, limit=limit)
        raw = path.read_bytes()
    except OSError as error:
        raise FacilitatorError(
            "errors.cli.cannot_read", path=path, reason=os_reason(error)
        ) from None
    try:
        session = import_session_json(raw, str(path))
    except InvalidInput as error:
        raise InvalidInput("errors.cli.import_refused", reason=error) from None
    with ctx.vault() as vault:
        existing = {s.id for s in vault.list_sessions()}
        if session.id in existing:
            if not args.as_new:
                raise InvalidInput("errors.cli.already_imported", id=session.id[:8])
            session = replace(session, id=new_id())
        vault.save_session(session)
    ctx.tell("cli.imported", id=session.id[:8])
    return 0


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    """Decrypt and validate every vault file, changing nothing; exit 1 only for damage.

    `--repair` first makes repairable files whole, keeping whatever it replaces.
    """
    with ctx.vault(read_only=not args.repair, warn=False) as vault:
        if args.accept_rollback:
            ctx.tell("errors.rollback.accepted")
        if args.repair:
            done = vault.repair_damage()
            for action in done:
                ctx.err.write(printable(action.render(ctx.language)) + "\n")
            if not done:
                ctx.tell("errors.integrity.repaired_nothing")
        problems = vault.check()
    for problem in problems:
        line = f"{problem.path}: {problem.render(ctx.language)}"
        ctx.err.write(printable(line) + "\n")
    damage = [p for p in problems if not p.note]
    if damage:
        ctx.tell("errors.integrity.damage_found", count=len(damage))
        return 1
    if problems:
        ctx.say("errors.integrity.checked_with_notes", count=len(problems))
        return 0
    ctx.say("cli.check_ok")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add a realistic sample session, in the interface language unless --lang says otherwise."""
    from facilitator.demo import demo_session

    language = args.demo_lang or ctx.language
    session = demo_session(ctx.clock, language)
    with ctx.vault() as vault:
        vault.save_session(session)
    ctx.tell("cli.demo_added", id=session.id[:8], title=session.title)
    return 0
