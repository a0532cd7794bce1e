"""Provides the command line's language, chosen before parsing, and argparse in that language.

argparse looks its own messages up through the module-level gettext function `_`; while a
command line is parsed that function is swapped for one reading facilitator's catalogs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import NoReturn

from facilitator.i18n import Translator, resolve_language, translator
from facilitator.i18n.language import language_of
from facilitator.paths import Locations
from facilitator.settings import saved_language

LANG_VARIABLE = "FACILITATOR_LANG"
# Global options that take a value, so `--vault sv` is never mistaken for a command.
_WITH_VALUE = frozenset({"--vault", "--config", "--passphrase-file", "--template", "--lang"})

# argparse's own messages (its gettext msgids) and their catalog keys.
ARGPARSE_MESSAGES: Mapping[str, str] = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.help.help",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "the following arguments are required: %s": "cli.argparse.required",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "ignored explicit argument %r": "cli.argparse.ignored_argument",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
    "unexpected option string: %s": "cli.argparse.unexpected_option",
}

_active: list[Translator] = []


def _scan(argv: Sequence[str], name: str | None) -> tuple[str | None, int | None]:
    """The value of global option `name` and the index of the command, as far as they come."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if name is not None and word == name:
            return (argv[index + 1] if index + 1 < len(argv) else None), None
        if name is not None and word.startswith(name + "="):
            return word.partition("=")[2], None
        if word == "--":
            return None, None
        if not word.startswith("-"):
            return None, index
        index += 2 if word in _WITH_VALUE else 1
    return None, None


def peek_option(argv: Sequence[str], name: str) -> str | None:
    """The value of a global option given before the command (`--lang sv`, `--lang=sv`)."""
    return _scan(argv, name)[0]


def command_index(argv: Sequence[str]) -> int | None:
    """Where the command (the first word that is not a global option or its value) is."""
    return _scan(argv, None)[1]


def cli_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The interface language: --lang, FACILITATOR_LANG, the saved setting, then the locale."""
    explicit = language_of(peek_option(argv, "--lang")) or language_of(environ.get(LANG_VARIABLE))
    if explicit is not None:
        return explicit
    config = peek_option(argv, "--config")
    settings = Locations.resolve(None, config, dict(environ)).settings_file
    return resolve_language(None, saved_language(settings), environ)


@contextmanager
def translated_argparse(language: str) -> Iterator[Translator]:
    """argparse's help headings, usage and errors in `language` while the block runs."""
    active = translator(language)

    def gettext(message: str) -> str:
        key = ARGPARSE_MESSAGES.get(message)
        return message if key is None else active.t(key)

    module = vars(argparse)
    saved = module["_"]
    module["_"] = gettext
    _active.append(active)
    try:
        yield active
    finally:
        _active.pop()
        module["_"] = saved


def active_translator() -> Translator:
    """The translator of the command line being parsed (English outside one)."""
    return _active[-1] if _active else translator("en")


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one translated line with a hint (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        """Print `prog: message (see prog --help)` and exit with 2."""
        line = active_translator().t("cli.usage_error", prog=self.prog, message=message)
        self.exit(2, line + "\n")
