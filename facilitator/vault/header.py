"""Provides the plaintext vault header (vault.json): format version, KDF parameters, wrapped keys.

A checksum over the header lets an accidentally changed byte read as "header damaged" rather
than as a wrong passphrase; the checksum is computed the same way in every format version.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.errors import NewerFormat, Text, VaultDamaged
from facilitator.vault.crypto import ID_BYTES
from facilitator.vault.kdf import SALT_BYTES, KdfParams
from facilitator.vault.layout import HEADER_NAME as HEADER_NAME  # kept importable here

FORMAT = "facilitator.vault"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class VaultHeader:
    """Everything needed to turn a passphrase or recovery key into the data key."""

    vault_id: bytes
    kdf: KdfParams
    salt: bytes
    wrapped_by_passphrase: bytes
    recovery_salt: bytes
    wrapped_by_recovery: bytes
    version: int = FORMAT_VERSION

    def context(self, purpose: str) -> bytes:
        """Associated data for a key wrap: binds it to this vault and one purpose."""
        return f"{FORMAT}/v{self.version}/{purpose}/".encode() + self.vault_id

    def render(self) -> bytes:
        """The exact bytes of vault.json; parsing requires a file to be exactly this."""
        body = _body(self)
        body["checksum"] = _checksum(body)
        return (json.dumps(body, sort_keys=True, indent=2) + "\n").encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _body(header: VaultHeader) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": header.version,
        "vault_id": header.vault_id.hex(),
        "kdf": {
            "algorithm": "argon2id",
            "memory_kib": header.kdf.memory_kib,
            "iterations": header.kdf.iterations,
            "lanes": header.kdf.lanes,
            "salt": _b64(header.salt),
        },
        "keys": {
            "passphrase": _b64(header.wrapped_by_passphrase),
            "recovery": _b64(header.wrapped_by_recovery),
            "recovery_salt": _b64(header.recovery_salt),
        },
    }


def _checksum(body: dict[str, Any]) -> str:
    rest = {k: v for k, v in body.items() if k != "checksum"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _damaged(path: Path, reason: str) -> VaultDamaged:
    return VaultDamaged(
        "errors.vault.header_damaged", path=path, reason=Text.of(f"errors.reason.{reason}")
    )


def read_header(directory: Path) -> VaultHeader:
    """The header of the vault in `directory`; VaultDamaged or NewerFormat when unusable."""
    path = directory / HEADER_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise VaultDamaged("errors.vault.header_missing", path=path) from None
    return parse_header(raw, path)


def parse_header(raw: bytes, path: Path) -> VaultHeader:
    """Validate header bytes in a fixed order: syntax, checksum, version, exact form, values."""
    if len(raw) > MAX_HEADER_BYTES:
        raise _damaged(path, "too_large")
    try:
        body = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged(path, "not_json" if raw else "empty") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise _damaged(path, "not_header")
    if body.get("checksum") != _checksum(body):
        raise _damaged(path, "checksum")
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _damaged(path, "no_version")
    if version > FORMAT_VERSION:
        raise NewerFormat(
            "errors.vault.newer_format",
            path=path.parent,
            version=version,
            supported=FORMAT_VERSION,
        )
    try:
        header = _from_body(body)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise _damaged(path, "malformed_fields") from None
    if header.render() != raw:
        raise _damaged(path, "layout")
    if header.kdf.is_below_minimum():
        raise _damaged(path, "kdf_below_minimum")
    if header.kdf.is_implausible():
        raise _damaged(path, "kdf_implausible")
    return header


def _bytes(value: object, size: int | None = None) -> bytes:
    if not isinstance(value, str):
        raise TypeError("expected text")
    data = base64.b64decode(value, validate=True)
    if size is not None and len(data) != size:
        raise ValueError("wrong length")
    return data


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected a whole number")
    return value


def _from_body(body: dict[str, Any]) -> VaultHeader:
    kdf = body["kdf"]
    keys = body["keys"]
    if kdf["algorithm"] != "argon2id":
        raise ValueError("unknown algorithm")
    vault_id = bytes.fromhex(body["vault_id"])
    if len(vault_id) != ID_BYTES:
        raise ValueError("wrong vault id length")
    return VaultHeader(
        vault_id=vault_id,
        kdf=KdfParams(_int(kdf["memory_kib"]), _int(kdf["iterations"]), _int(kdf["lanes"])),
        salt=_bytes(kdf["salt"], SALT_BYTES),
        wrapped_by_passphrase=_bytes(keys["passphrase"]),
        recovery_salt=_bytes(keys["recovery_salt"], SALT_BYTES),
        wrapped_by_recovery=_bytes(keys["recovery"]),
        version=_int(body["version"]),
    )
