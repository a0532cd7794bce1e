"""Provides the errors the core raises, each carrying a one-line message for the user.

The CLI and the UI show `str(error)` as is, so every message names the problem and the next step.
"""

from __future__ import annotations


class FacilitatorError(Exception):
    """Base of every expected failure; its message is shown to the user as one line."""


class VaultNotFound(FacilitatorError):
    """No vault exists where one was expected."""


class VaultExists(FacilitatorError):
    """A vault already exists where a new one was to be created."""


class WrongPassphrase(FacilitatorError):
    """The passphrase or recovery key does not open the vault."""


class VaultDamaged(FacilitatorError):
    """A vault file failed decryption, authentication or validation."""


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
