"""Provides `main`, the entry point of the `facilitator` command.

Non-UI commands import neither Textual nor requests; the TUI and sync are wired only in
facilitator.cli.compose, the composition root, loaded when those commands run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import cast

from facilitator import __version__
from facilitator.cli.context import CliContext, OneLineParser
from facilitator.errors import FacilitatorError
from facilitator.paths import Locations


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = OneLineParser(
        prog="facilitator",
        description="Plan and run reflection sessions on power in health and social care.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    parser.add_argument("--vault", metavar="DIR", help="vault directory (or FACILITATOR_VAULT)")
    parser.add_argument("--config", metavar="DIR", help="config directory (or FACILITATOR_CONFIG)")
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help="read the passphrase from FILE's first line"
    )
    parser.add_argument("--lang", choices=["en", "sv"], help="interface language")
    parser.add_argument("--plain", action="store_true", help="accessible mode for the TUI")
    parser.add_argument(
        "--template", metavar="FILE", action="append", default=[], help="extra template file"
    )
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser),
    )
    from facilitator.cli import reports, templates_commands, vault_commands

    vault_commands.register(commands)
    templates_commands.register(commands)
    reports.register(commands)
    sync = commands.add_parser("sync", help="share anonymized summaries with your network")
    sync.add_argument("sync_args", nargs=argparse.REMAINDER, help="see `facilitator sync --help`")
    sync.set_defaults(func=_run_sync)
    return parser


def _run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    from facilitator.cli.compose import run_sync

    return run_sync(args, ctx)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        ctx = CliContext(args=args, locations=Locations.resolve(args.vault, args.config))
        if args.command is None:
            from facilitator.cli.compose import run_tui

            return run_tui(args, ctx)
        code: int = args.func(args, ctx)
        return code
    except FacilitatorError as error:
        sys.stderr.write(f"facilitator: {error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("facilitator: interrupted; nothing was lost that had been saved\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as error:  # a last line of defence: never a traceback with user data
        if os.environ.get("FACILITATOR_DEBUG"):
            raise
        sys.stderr.write(
            f"facilitator: unexpected internal error ({type(error).__name__}); "
            "your saved data is unchanged. Run with FACILITATOR_DEBUG=1 for details\n"
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
