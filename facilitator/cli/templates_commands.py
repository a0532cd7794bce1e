"""Provides `facilitator templates [--json]` and `facilitator templates check FILE`.

The template modules are imported inside the handlers, so building the parser stays fast.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.cli.context import CliContext

if TYPE_CHECKING:
    from facilitator.i18n import Translator

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Subparsers, tr: Translator) -> None:
    """Add the template commands to the parser, with help in the translator's language."""
    t = tr.t
    templates = commands.add_parser(
        "templates", help=t("cli.help.templates"), description=t("cli.help.templates")
    )
    templates.add_argument("--json", action="store_true", help=t("cli.help.json"))
    templates.set_defaults(func=cmd_list)
    sub = templates.add_subparsers(
        dest="templates_command", metavar="check", title=t("cli.help.commands")
    )
    check = sub.add_parser(
        "check", help=t("cli.help.templates_check"), description=t("cli.help.templates_check")
    )
    check.add_argument(
        "file", type=Path, metavar=t("cli.metavar.file"), help=t("cli.help.template_file")
    )
    check.set_defaults(func=cmd_check)


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """List shipped and user templates; a broken one is listed with its first problem."""
    from facilitator.templates.catalog import discover_templates

    language = ctx.language
    t = ctx.t
    extra = [Path(f) for f in args.template]
    entries = discover_templates(ctx.locations.user_templates, extra)
    if args.json:
        rows = [entry.as_dict(language) for entry in entries]
        ctx.out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not entries:
        ctx.out.write(t("cli.templates.none_found") + "\n")
    for entry in entries:
        source = t("cli.templates.builtin") if entry.source == "built-in" else entry.source
        if entry.problem is not None:
            problem = t("cli.templates.broken", problem=entry.problem.format(language))
            ctx.out.write(f"{entry.id:16}  {problem}  ({source})\n")
            continue
        languages = ",".join(entry.languages)
        ctx.out.write(
            f"{entry.id:16}  {entry.name(language)[:40]:40}  {languages:6}  "
            f"{entry.rounds:>2} × {entry.minutes:>3} min  ({source})\n"
        )
    ctx.out.write(t("cli.templates.user_folder", path=ctx.locations.user_templates) + "\n")
    return 0


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    """Validate one template file; exit 1 with every problem located when it is broken."""
    from facilitator.templates.files import check_template_file
    from facilitator.templates.problems import format_problems

    language = ctx.language
    t = ctx.t
    problems = check_template_file(args.file)
    if not problems:
        ctx.out.write(t("cli.templates.check_ok", file=args.file) + "\n")
        return 0
    for line in format_problems(problems, language):
        ctx.err.write(line + "\n")
    ctx.err.write(t("cli.templates.check_failed", file=args.file, count=len(problems)) + "\n")
    return 1
