"""Provides the sealed file format (AES-256-GCM, header as associated data) and key wrapping.

Binding magic, version, vault id, kind and file id into every ciphertext means a file cannot be
swapped, renamed or moved between vaults without the swap being detected.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import struct
from dataclasses import dataclass
from enum import IntEnum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from facilitator.errors import Text

MAGIC = b"FCV\x1a"
FILE_VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
ID_BYTES = 16
KEY_BYTES = 32
_PREFIX = struct.Struct(">4sBB16s16s")  # magic, version, kind, vault id, file id
PREFIX_BYTES = _PREFIX.size
OVERHEAD = PREFIX_BYTES + NONCE_BYTES + TAG_BYTES
RECOVERY_BYTES = 20  # 160 bits, written as 32 base32 characters in groups of four
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


class FileKind(IntEnum):
    """What a sealed file holds; part of the associated data."""

    INDEX = 1
    SESSION = 2
    DOCUMENT = 3
    TABLE = 4


class SealError(Exception):
    """A sealed file could not be opened; `reason` is a short translatable reason."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.reason = Text.of(f"errors.reason.{key}", **params)
        super().__init__(str(self.reason))


@dataclass(frozen=True)
class FileAddress:
    """Who a sealed file claims to be: its vault, kind and id (all authenticated)."""

    vault_id: bytes
    kind: FileKind
    file_id: bytes

    def prefix(self) -> bytes:
        """The plaintext prefix written before the nonce, also used as associated data."""
        return _PREFIX.pack(MAGIC, FILE_VERSION, int(self.kind), self.vault_id, self.file_id)


class FileCipher:
    """Seals and opens vault files with one AES-256-GCM key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("file key must be 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, address: FileAddress, plaintext: bytes) -> bytes:
        """Prefix, fresh random nonce and ciphertext with tag."""
        prefix = address.prefix()
        nonce = os.urandom(NONCE_BYTES)
        return prefix + nonce + self._aead.encrypt(nonce, plaintext, prefix)

    def open(self, address: FileAddress, blob: bytes) -> bytes:
        """The plaintext of `blob`, which must claim exactly `address`; SealError otherwise."""
        if len(blob) < OVERHEAD:
            raise SealError("truncated" if blob else "empty")
        magic, version, kind, vault_id, file_id = _PREFIX.unpack_from(blob)
        if magic != MAGIC:
            raise SealError("not_vault_file")
        if version != FILE_VERSION:
            raise SealError("unknown_version", version=version)
        if kind != address.kind or file_id != address.file_id:
            raise SealError("wrong_name")
        if vault_id != address.vault_id:
            raise SealError("other_vault")
        prefix = blob[:PREFIX_BYTES]
        nonce = blob[PREFIX_BYTES : PREFIX_BYTES + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[PREFIX_BYTES + NONCE_BYTES :], prefix)
        except InvalidTag:
            raise SealError("authentication") from None


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A 256-bit key for one purpose, derived from the data key with HKDF-SHA256."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=f"facilitator.vault/{purpose}".encode(),
    )
    return hkdf.derive(data_key)


def name_id(name_key: bytes, namespace: str, name: str) -> bytes:
    """A file id for a named document that reveals nothing about the name."""
    message = f"{namespace}:{name}".encode()
    return hmac.new(name_key, message, hashlib.sha256).digest()[:ID_BYTES]


def wrap_key(kek: bytes, data_key: bytes, context: bytes) -> bytes:
    """`data_key` encrypted under `kek`, bound to `context` (vault id and purpose)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(kek).encrypt(nonce, data_key, context)


def unwrap_key(kek: bytes, wrapped: bytes, context: bytes) -> bytes | None:
    """The data key, or None when `kek` is not the key that wrapped it."""
    if len(wrapped) != NONCE_BYTES + KEY_BYTES + TAG_BYTES:
        return None
    try:
        key = AESGCM(kek).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], context)
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def recovery_kek(secret: bytes, salt: bytes) -> bytes:
    """The key that wraps the data key for the recovery key (high-entropy, so HKDF suffices)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"recovery")
    return hkdf.derive(secret)


def new_recovery_secret() -> tuple[bytes, str]:
    """Fresh recovery bytes and their display form, such as `ABCD-EFGH-...` (8 groups of 4)."""
    secret = secrets.token_bytes(RECOVERY_BYTES)
    text = base64.b32encode(secret).decode("ascii")
    return secret, "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """Recovery bytes from what a person typed (spaces, dashes and case ignored), or None."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_.")
    cleaned = cleaned.translate(_LOOKALIKES)
    if len(cleaned) != 32 or any(ch not in _B32 for ch in cleaned):
        return None
    return base64.b32decode(cleaned)
