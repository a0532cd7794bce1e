"""Provides creation and unwrapping of the data key by passphrase or recovery key.

The data key never changes, so a new passphrase only rewraps it and no data file is rewritten.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from facilitator.errors import InvalidInput, WrongPassphrase
from facilitator.vault.crypto import (
    ID_BYTES,
    KEY_BYTES,
    new_recovery_secret,
    recovery_kek,
    unwrap_key,
    wrap_key,
)
from facilitator.vault.files import atomic_write, previous_of, remove_with_previous
from facilitator.vault.header import HEADER_NAME, VaultHeader, read_header
from facilitator.vault.kdf import SALT_BYTES, KdfParams

MIN_PASSPHRASE_CHARS = 8


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short to protect notes about real people."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput("errors.vault.passphrase_too_short", minimum=MIN_PASSPHRASE_CHARS)


def check_kdf(kdf: KdfParams) -> None:
    """Refuse key-derivation parameters below the minimum or beyond reason."""
    if kdf.is_below_minimum() or kdf.is_implausible():
        m = KdfParams.MINIMUM
        raise InvalidInput(
            "errors.vault.kdf_out_of_range", memory=m.memory_kib, iterations=m.iterations
        )


def new_header(passphrase: str, kdf: KdfParams) -> tuple[VaultHeader, bytes, str]:
    """A header for a new vault, its random data key and the recovery key to show once."""
    data_key = os.urandom(KEY_BYTES)
    secret, recovery_text = new_recovery_secret()
    draft = VaultHeader(
        vault_id=os.urandom(ID_BYTES),
        kdf=kdf,
        salt=os.urandom(SALT_BYTES),
        wrapped_by_passphrase=b"",
        recovery_salt=os.urandom(SALT_BYTES),
        wrapped_by_recovery=b"",
    )
    header = VaultHeader(
        vault_id=draft.vault_id,
        kdf=kdf,
        salt=draft.salt,
        wrapped_by_passphrase=wrap_key(
            kdf.derive(passphrase, draft.salt), data_key, draft.context("passphrase")
        ),
        recovery_salt=draft.recovery_salt,
        wrapped_by_recovery=wrap_key(
            recovery_kek(secret, draft.recovery_salt), data_key, draft.context("recovery")
        ),
    )
    return header, data_key, recovery_text


def unwrap_with_passphrase(header: VaultHeader, passphrase: str) -> bytes | None:
    """The data key, or None when the passphrase is wrong."""
    kek = header.kdf.derive(passphrase, header.salt)
    return unwrap_key(kek, header.wrapped_by_passphrase, header.context("passphrase"))


def passphrase_checker(directory: Path) -> Callable[[str], None]:
    """Checks a passphrase against the vault header without opening (or locking) the vault.

    The lock screen asks this: the vault stays open behind it, so unlocking again would clash.
    """

    def check(passphrase: str) -> None:
        if unwrap_with_passphrase(read_header(directory), passphrase) is None:
            raise WrongPassphrase("the passphrase does not open this vault")

    return check


def unwrap_with_recovery(header: VaultHeader, secret: bytes) -> bytes | None:
    """The data key, or None when the recovery key is wrong."""
    kek = recovery_kek(secret, header.recovery_salt)
    return unwrap_key(kek, header.wrapped_by_recovery, header.context("recovery"))


def rewrap_passphrase(
    header: VaultHeader, data_key: bytes, passphrase: str, kdf: KdfParams
) -> VaultHeader:
    """The same header with the data key wrapped by a new passphrase (fresh salt)."""
    salt = os.urandom(SALT_BYTES)
    return VaultHeader(
        vault_id=header.vault_id,
        kdf=kdf,
        salt=salt,
        wrapped_by_passphrase=wrap_key(
            kdf.derive(passphrase, salt), data_key, header.context("passphrase")
        ),
        recovery_salt=header.recovery_salt,
        wrapped_by_recovery=header.wrapped_by_recovery,
        version=header.version,
    )


def write_header(directory: Path, header: VaultHeader) -> None:
    """Replace vault.json atomically; no previous generation, so an old passphrase stops working."""
    path = directory / HEADER_NAME
    atomic_write(path, header.render(), display=HEADER_NAME, keep_previous=False)
    with contextlib.suppress(OSError):  # a stale copy from older builds; nothing reads it
        remove_with_previous(previous_of(path))
