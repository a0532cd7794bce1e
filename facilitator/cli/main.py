"""Provides `main`, the entry point of the `facilitator` command.

The language is chosen before parsing (--lang, FACILITATOR_LANG, the saved setting, the
locale), so help, usage errors and every message are in it. Building the parser imports
neither the vault, cryptography nor Textual: handlers import what they need, and the TUI
and sync are wired only in facilitator.cli.compose, the composition root.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import cast

from facilitator import __version__
from facilitator.cli.context import CliContext
from facilitator.cli.parsing import (
    LANG_VARIABLE,
    OneLineParser,
    cli_language,
    command_index,
    translated_argparse,
)
from facilitator.errors import FacilitatorError
from facilitator.i18n import Translator, translator
from facilitator.i18n.language import language_of
from facilitator.i18n.languages import language_codes
from facilitator.paths import Locations
from facilitator.terminal import printable


def build_parser(tr: Translator | None = None) -> argparse.ArgumentParser:
    """The full command-line grammar, its help in the translator's language (English)."""
    tr = tr or translator("en")
    t = tr.t
    description = t("cli.help.description")
    parser = OneLineParser(prog="facilitator", description=description)
    parser.add_argument(
        "--version",
        action="version",
        version=f"facilitator {__version__}",
        help=t("cli.help.version"),
    )
    parser.add_argument("--vault", metavar=t("cli.metavar.dir"), help=t("cli.help.vault"))
    parser.add_argument("--config", metavar=t("cli.metavar.dir"), help=t("cli.help.config"))
    parser.add_argument(
        "--passphrase-file", metavar=t("cli.metavar.file"), help=t("cli.help.passphrase_file")
    )
    parser.add_argument("--lang", choices=language_codes(), help=t("cli.help.lang"))
    parser.add_argument("--plain", action="store_true", help=t("cli.help.plain"))
    parser.add_argument(
        "--template",
        metavar=t("cli.metavar.file"),
        action="append",
        default=[],
        help=t("cli.help.template"),
    )
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(
            dest="command",
            metavar=t("cli.metavar.command"),
            parser_class=OneLineParser,
            title=t("cli.help.commands"),
        ),
    )
    from facilitator.cli import reports, templates_commands, vault_commands

    vault_commands.register(commands, tr)
    templates_commands.register(commands, tr)
    reports.register(commands, tr)
    sync = commands.add_parser(
        "sync", help=t("cli.help.sync"), description=t("cli.help.sync"), add_help=False
    )
    sync.add_argument("sync_args", nargs=argparse.REMAINDER, help=t("cli.help.sync_args"))
    sync.set_defaults(func=_run_sync)
    return parser


def _run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    from facilitator.cli.compose import run_sync

    return run_sync(args, ctx)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = cli_language(arguments, os.environ)
    command = command_index(arguments)
    passed_on = command is not None and arguments[command] == "sync"
    with translated_argparse(language) as tr:
        parser = build_parser(tr)
        if passed_on and command is not None:  # `sync --help` is sync's own help
            args = parser.parse_args(arguments[: command + 1])
            args.sync_args = arguments[command + 1 :]
        else:
            args = parser.parse_args(arguments)
    if args.lang is None:
        args.lang = language_of(os.environ.get(LANG_VARIABLE))
    t = tr.t
    try:
        ctx = CliContext(
            args=args, locations=Locations.resolve(args.vault, args.config), language=language
        )
        if args.command is None:
            from facilitator.cli.compose import run_tui

            return run_tui(args, ctx)
        code: int = args.func(args, ctx)
        return code
    except FacilitatorError as error:
        sys.stderr.write(f"facilitator: {printable(error.render(language))}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"facilitator: {t('cli.interrupted')}\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # a last line of defence: never a traceback with user data
        if os.environ.get("FACILITATOR_DEBUG"):
            raise
        sys.stderr.write(f"facilitator: {t('cli.internal_error', kind=type(error).__name__)}\n")
        return 70


if __name__ == "__main__":
    sys.exit(main())
