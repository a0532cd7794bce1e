"""Provides CliContext: streams, paths, language, clock and passphrases shared by every command.

Passphrases come from a prompt, FACILITATOR_PASSPHRASE(_FILE) or --passphrase-file, the
way restic and borg users know; never from argv. Nothing here imports the vault until a
command opens it, so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from facilitator.cli.parsing import OneLineParser
from facilitator.clock import Clock, SystemClock
from facilitator.errors import FacilitatorError, InvalidInput, Text, os_reason, render
from facilitator.i18n import translator
from facilitator.paths import Locations
from facilitator.terminal import printable

if TYPE_CHECKING:
    from facilitator.vault import Vault

__all__ = ["CliContext", "OneLineParser"]

MAX_PASSPHRASE_FILE = 64 * 1024
YES_ANSWERS = frozenset({"y", "yes", "j", "ja"})


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
    language: str = "en"

    def t(self, key: str, /, **params: object) -> str:
        """The catalog text `key` in the interface language; Text parameters are translated."""
        values = {name: printable(render(value, self.language)) for name, value in params.items()}
        return translator(self.language).t(key, **values)

    def say(self, key: str, /, **params: object) -> None:
        """Write the catalog line `key` to standard output."""
        self.out.write(self.t(key, **params) + "\n")

    def tell(self, key: str, /, **params: object) -> None:
        """Write the catalog line `key` to standard error (progress and confirmations)."""
        self.err.write(self.t(key, **params) + "\n")

    @property
    def interactive(self) -> bool:
        """Whether a person can answer prompts."""
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def passphrase(self, prompt_key: str = "cli.passphrase_prompt") -> str:
        """The vault passphrase from a file, the environment or a prompt, in that order."""
        file_arg: str | None = getattr(self.args, "passphrase_file", None)
        file_name = file_arg or self.environ.get("FACILITATOR_PASSPHRASE_FILE")
        if file_name:
            return _read_secret_file(Path(file_name), Text.of("errors.cli.passphrase_file"))
        from_env = self.environ.get("FACILITATOR_PASSPHRASE")
        if from_env:
            return from_env
        if not self.interactive:
            raise FacilitatorError("errors.cli.no_passphrase")
        return getpass.getpass(self.t(prompt_key))

    def recovery_key(self) -> str:
        """The recovery key from FACILITATOR_RECOVERY_KEY, else typed at a hidden prompt."""
        from_env = self.environ.get("FACILITATOR_RECOVERY_KEY")
        if from_env:
            return from_env
        if not self.interactive:
            raise FacilitatorError("errors.cli.no_recovery_key")
        return getpass.getpass(self.t("cli.recovery_key_prompt"))

    def new_passphrase(self, prompt_key: str = "cli.new_passphrase_prompt") -> str:
        """A passphrase being chosen: from a file or the environment, else typed twice."""
        file_arg: str | None = getattr(self.args, "new_passphrase_file", None)
        file_name = file_arg or self.environ.get("FACILITATOR_NEW_PASSPHRASE_FILE")
        if file_name:
            return _read_secret_file(Path(file_name), Text.of("errors.cli.new_passphrase_file"))
        from_env = self.environ.get("FACILITATOR_NEW_PASSPHRASE")
        if from_env:
            return from_env
        if not self.interactive:
            raise FacilitatorError("errors.cli.no_new_passphrase")
        first = getpass.getpass(self.t(prompt_key))
        second = getpass.getpass(self.t("cli.passphrase_repeat"))
        if first != second:
            raise InvalidInput("errors.cli.passphrases_differ")
        return first

    def open_vault(self, *, read_only: bool = False) -> Vault:
        """Unlock the vault at the resolved location."""
        from facilitator.vault import Vault

        directory = self.locations.vault
        if not Vault.exists(directory):
            from facilitator.errors import VaultNotFound

            raise VaultNotFound("errors.cli.vault_not_found", path=directory)
        return Vault.unlock(
            directory,
            self.passphrase(),
            clock=self.clock,
            read_only=read_only,
            high_water=self.locations.high_water_file,
            accept_rollback=bool(getattr(self.args, "accept_rollback", False)),
        )

    @contextmanager
    def vault(self, *, read_only: bool = False, warn: bool = True) -> Iterator[Vault]:
        """The unlocked vault for one command; on leaving, one warning line per file read
        from its previous save (never silently), then the vault is closed."""
        vault = self.open_vault(read_only=read_only)
        try:
            yield vault
        finally:
            try:
                if warn:
                    self.warn_recovered(vault)
            finally:
                vault.close()

    def warn_recovered(self, vault: Vault) -> None:
        """One stderr line per file served from its previous save."""
        for notice in vault.recovered:
            self.err.write(f"facilitator: {printable(notice.render(self.language))}\n")

    def confirm(self, question_key: str, /, **params: object) -> bool:
        """Ask a yes/no question; --yes answers yes, no terminal answers no."""
        if getattr(self.args, "yes", False):
            return True
        if not self.interactive:
            return False
        self.err.write(f"{self.t(question_key, **params)} {self.t('cli.yes_no')} ")
        self.err.flush()
        answer = self.stdin.readline().strip().lower()
        return answer in YES_ANSWERS


def _read_secret_file(path: Path, what: Text) -> str:
    """First line of a secret file, refusing absurd sizes."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PASSPHRASE_FILE + 1)
    except OSError as error:
        raise FacilitatorError(
            "errors.cli.secret_unreadable", what=what, path=path, reason=os_reason(error)
        ) from None
    if len(raw) > MAX_PASSPHRASE_FILE:
        raise InvalidInput("errors.cli.secret_too_large", what=what, path=path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("errors.cli.secret_not_utf8", what=what, path=path) from None
    lines = text.splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise InvalidInput("errors.cli.secret_empty", what=what, path=path)
    return secret
