"""Provides CliContext: streams, paths, clock and passphrase handling shared by every command.

Passphrases come from a prompt, FACILITATOR_PASSPHRASE(_FILE) or --passphrase-file, the
way restic and borg users know; never from argv.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TextIO

from facilitator.clock import Clock, SystemClock
from facilitator.errors import FacilitatorError, InvalidInput
from facilitator.paths import Locations
from facilitator.vault import Vault

MAX_PASSPHRASE_FILE = 64 * 1024


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line with a hint (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


@dataclass
class CliContext:
    """What a command handler needs from the outside world."""

    args: argparse.Namespace
    locations: Locations
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    clock: Clock = field(default_factory=SystemClock)

    @property
    def interactive(self) -> bool:
        """Whether a person can answer prompts."""
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def passphrase(self, prompt: str = "Passphrase: ") -> str:
        """The vault passphrase from a file, the environment or a prompt, in that order."""
        file_arg: str | None = getattr(self.args, "passphrase_file", None)
        file_name = file_arg or self.environ.get("FACILITATOR_PASSPHRASE_FILE")
        if file_name:
            return _read_secret_file(Path(file_name), "passphrase file")
        from_env = self.environ.get("FACILITATOR_PASSPHRASE")
        if from_env:
            return from_env
        if not self.interactive:
            raise FacilitatorError(
                "no passphrase: run in a terminal, set FACILITATOR_PASSPHRASE "
                "or pass --passphrase-file FILE"
            )
        return getpass.getpass(prompt)

    def secret(self, variable: str, prompt: str) -> str:
        """A secret from an environment variable, else typed at a hidden prompt."""
        from_env = self.environ.get(variable)
        if from_env:
            return from_env
        if not self.interactive:
            raise FacilitatorError(f"no value: run in a terminal or set {variable}")
        return getpass.getpass(prompt)

    def new_passphrase(self, what: str = "new passphrase") -> str:
        """A passphrase being chosen: from a file or the environment, else typed twice."""
        file_arg: str | None = getattr(self.args, "new_passphrase_file", None)
        file_name = file_arg or self.environ.get("FACILITATOR_NEW_PASSPHRASE_FILE")
        if file_name:
            return _read_secret_file(Path(file_name), "new passphrase file")
        from_env = self.environ.get("FACILITATOR_NEW_PASSPHRASE")
        if from_env:
            return from_env
        if not self.interactive:
            raise FacilitatorError(
                f"no {what}: run in a terminal, set FACILITATOR_NEW_PASSPHRASE "
                "or pass --new-passphrase-file FILE"
            )
        first = getpass.getpass(f"Choose a {what}: ")
        second = getpass.getpass("Type it again: ")
        if first != second:
            raise InvalidInput("the two passphrases differ; nothing was changed, try again")
        return first

    def open_vault(self) -> Vault:
        """Unlock the vault at the resolved location."""
        directory = self.locations.vault
        if not Vault.exists(directory):
            from facilitator.errors import VaultNotFound

            raise VaultNotFound(
                f"no vault at {directory}; create one with `facilitator init` "
                "or point --vault / FACILITATOR_VAULT at yours"
            )
        return Vault.unlock(directory, self.passphrase(), clock=self.clock)

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question; --yes answers yes, no terminal answers no."""
        if getattr(self.args, "yes", False):
            return True
        if not self.interactive:
            return False
        self.err.write(f"{question} [y/N] ")
        self.err.flush()
        answer = self.stdin.readline().strip().lower()
        return answer in {"y", "yes", "j", "ja"}


def _read_secret_file(path: Path, what: str) -> str:
    """First line of a secret file, refusing absurd sizes."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PASSPHRASE_FILE + 1)
    except OSError as error:
        raise FacilitatorError(f"cannot read the {what} {path}: {error.strerror}") from None
    if len(raw) > MAX_PASSPHRASE_FILE:
        raise InvalidInput(f"the {what} {path} is larger than 64 KiB; is it the right file?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"the {what} {path} is not UTF-8 text") from None
    lines = text.splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise InvalidInput(f"the {what} {path} is empty")
    return secret
