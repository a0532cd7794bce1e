"""Provides the errors the core raises, each a catalog key with parameters, and `Text`.

`str(error)` is English so logs and tests read; the CLI and the UI call `error.render(lang)`.
Every message names the problem and the next step in one line, and never holds a secret.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from dataclasses import dataclass

_KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")


@dataclass(frozen=True)
class Text:
    """A translatable message: a catalog key and parameters (which may be Text themselves)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Text:
        """The message `key` with `params` filled in when rendered."""
        return cls(key, tuple(params.items()))

    def render(self, language: str) -> str:
        """The message in `language` (English where a key is missing)."""
        from facilitator.i18n.translator import translator

        values = {name: render(value, language) for name, value in self.params}
        return translator(language).t(self.key, **values)

    def __str__(self) -> str:
        return self.render("en")


def render(value: object, language: str) -> str:
    """A parameter or message as text in `language`: Text and errors are translated."""
    if isinstance(value, Text | FacilitatorError):
        return value.render(language)
    return str(value)


def _is_key(message: str) -> bool:
    if not _KEY.fullmatch(message):
        return False
    from facilitator.i18n.catalog import load_catalog

    return message in load_catalog("en")


class FacilitatorError(Exception):
    """Base of every expected failure: `VaultNotFound("errors.vault.not_found", path=p)`.

    A plain sentence instead of a key is kept as is in every language (older call sites).
    """

    def __init__(self, message: str | Text = "", /, **params: object) -> None:
        self.text: Text | None
        if isinstance(message, Text):
            self.text = message
        elif params or _is_key(message):
            self.text = Text(message, tuple(params.items()))
        else:
            self.text = None
        super().__init__(message if isinstance(message, str) else message.key)

    def render(self, language: str) -> str:
        """The one-line message in `language`."""
        if self.text is None:
            return super().__str__()
        return self.text.render(language)

    def __str__(self) -> str:
        return self.render("en")


class VaultNotFound(FacilitatorError):
    """No vault exists where one was expected."""


class VaultExists(FacilitatorError):
    """A vault already exists where a new one was to be created."""


class WrongPassphrase(FacilitatorError):
    """The passphrase or recovery key does not open the vault."""


class VaultDamaged(FacilitatorError):
    """A vault file failed decryption, authentication or validation."""


class VaultRolledBack(FacilitatorError):
    """The vault is older than the newest copy this computer has opened."""


class NewerFormat(FacilitatorError):
    """A file was written by a newer version of facilitator."""


class VaultLocked(FacilitatorError):
    """Another process holds the vault."""


class VaultWriteFailed(FacilitatorError):
    """A save could not be completed; the previous state is intact."""


class InvalidInput(FacilitatorError):
    """Input (an import file, a value typed by the user) was rejected."""


class SessionNotFound(FacilitatorError):
    """No session with the given id exists in the vault."""


_OS_REASONS: Mapping[int, str] = {
    errno.ENOSPC: "errors.os.disk_full",
    errno.EDQUOT: "errors.os.quota",
    errno.EROFS: "errors.os.read_only",
    errno.EACCES: "errors.os.permission",
    errno.EPERM: "errors.os.permission",
    errno.EIO: "errors.os.io",
    errno.ENOENT: "errors.os.not_found",
    errno.EISDIR: "errors.os.is_directory",
    errno.ENOTDIR: "errors.os.not_directory",
}


def os_reason(error: OSError) -> Text:
    """A short plain-language reason for a failed file operation, translatable."""
    key = _OS_REASONS.get(error.errno or 0)
    if key is not None:
        return Text.of(key)
    detail = error.strerror or type(error).__name__
    return Text.of("errors.os.other", detail=detail[:1].lower() + detail[1:])
