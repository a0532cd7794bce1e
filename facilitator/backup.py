"""Provides encrypted whole-vault backups: one file that opens with the passphrase or recovery key.

Layout: magic, version, the vault header (which carries the wrapped data key), an AES-GCM
sealed manifest listing every vault file with its size and SHA-256, then the files' own
ciphertext. The manifest is sealed under a key derived from the data key, with the magic,
version and header hash as associated data, so every byte of the backup is authenticated.
Restore verifies everything (and decrypts every file) before it writes anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from facilitator.errors import (
    FacilitatorError,
    Text,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
    os_reason,
)
from facilitator.vault import keys
from facilitator.vault.crypto import (
    NONCE_BYTES,
    FileAddress,
    FileCipher,
    FileKind,
    SealError,
    parse_recovery_key,
    subkey,
)
from facilitator.vault.files import (
    ensure_outside,
    finish_interrupted_swap,
    fsync_directory,
    swap_names,
    write_private,
)
from facilitator.vault.header import HEADER_NAME, VaultHeader, parse_header, read_header
from facilitator.vault.journal import JOURNAL_ID, JOURNAL_NAME, journal_damage
from facilitator.vault.lock import VaultLock
from facilitator.vault.stores import INDEX_ID, SUBDIRECTORIES, SUFFIX

MAGIC = b"FCVBACK\x1a"
VERSION = 1
MANIFEST_FORMAT = "facilitator.backup"
_LENGTH = struct.Struct(">I")
MAX_MANIFEST = 16 * 1024 * 1024
INDEX_NAME = "index" + SUFFIX
_PART = re.compile(r"^(?:index\.fcv|(sessions|documents|tables)/([0-9a-f]{32})\.fcv)$")
_JOURNAL_PART = JOURNAL_NAME  # listing updates not yet folded into the index (after a crash)
_KIND_OF = {folder: kind for kind, folder in SUBDIRECTORIES.items()}


class BackupDamaged(FacilitatorError):
    """A backup file failed verification; nothing was restored."""


@dataclass(frozen=True)
class Credentials:
    """What opens a vault: its passphrase or its recovery key (exactly one)."""

    passphrase: str | None = None
    recovery_key: str | None = None

    def data_key(self, header: VaultHeader, where: Text) -> bytes:
        """The vault's data key; WrongPassphrase when these credentials do not unwrap it."""
        if self.recovery_key is not None:
            secret = parse_recovery_key(self.recovery_key)
            key = None if secret is None else keys.unwrap_with_recovery(header, secret)
            if key is None:
                raise WrongPassphrase("errors.backup.wrong_recovery_key", what=where)
            return key
        key = keys.unwrap_with_passphrase(header, self.passphrase or "")
        if key is None:
            raise WrongPassphrase("errors.backup.wrong_passphrase", what=where)
        return key


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds: how many files and bytes, and how many sessions."""

    files: int
    bytes: int
    sessions: int


def _vault_parts(directory: Path) -> list[str]:
    """Relative names of the current generation of every sealed file, in a stable order."""
    names = [INDEX_NAME] if (directory / INDEX_NAME).is_file() else []
    if (directory / JOURNAL_NAME).is_file():
        names.append(JOURNAL_NAME)
    for folder in sorted(SUBDIRECTORIES.values()):
        base = directory / folder
        if base.is_dir():
            names += sorted(
                f"{folder}/{entry.name}"
                for entry in base.iterdir()
                if _PART.match(f"{folder}/{entry.name}")
            )
    return names


def _aad(header_bytes: bytes) -> bytes:
    return MAGIC + bytes([VERSION]) + hashlib.sha256(header_bytes).digest()


def create_backup(vault_dir: Path, credentials: Credentials, target: Path) -> BackupInfo:
    """Write the vault at `vault_dir` as one encrypted file at `target` (atomically, 0600)."""
    if not (vault_dir / HEADER_NAME).is_file():
        raise VaultNotFound("errors.backup.no_vault", path=vault_dir)
    ensure_outside(target, vault_dir)
    lock = VaultLock(vault_dir)
    lock.acquire()
    try:
        header_bytes = (vault_dir / HEADER_NAME).read_bytes()
        header = read_header(vault_dir)
        data_key = credentials.data_key(header, Text.of("errors.backup.the_vault", path=vault_dir))
        parts = [(name, (vault_dir / name).read_bytes()) for name in _vault_parts(vault_dir)]
    finally:
        lock.release()
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": VERSION,
        "vault_id": header.vault_id.hex(),
        "parts": [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in parts
        ],
    }
    nonce = os.urandom(NONCE_BYTES)
    sealed = nonce + AESGCM(subkey(data_key, "backup")).encrypt(
        nonce, json.dumps(manifest, sort_keys=True).encode(), _aad(header_bytes)
    )
    blob = b"".join(
        [
            MAGIC,
            bytes([VERSION]),
            _LENGTH.pack(len(header_bytes)),
            header_bytes,
            _LENGTH.pack(len(sealed)),
            sealed,
            *(data for _, data in parts),
        ]
    )
    try:
        write_private(target, blob)
    except OSError as error:
        raise FacilitatorError(
            "errors.backup.write_failed", path=target, reason=os_reason(error)
        ) from None
    sessions = sum(1 for name, _ in parts if name.startswith("sessions/"))
    return BackupInfo(files=len(parts) + 1, bytes=len(blob), sessions=sessions)


@dataclass(frozen=True)
class VerifiedBackup:
    """A backup whose every part has been authenticated and decrypted: safe to write out."""

    header_bytes: bytes
    parts: tuple[tuple[str, bytes], ...]


def _damaged(source: Path, reason: str | Text, /, **params: object) -> BackupDamaged:
    if isinstance(reason, str):
        reason = Text.of(f"errors.reason.{reason}", **params)
    return BackupDamaged("errors.backup.damaged", path=source, reason=reason)


def _take(blob: bytes, offset: int, size: int, source: Path, what: str) -> tuple[bytes, int]:
    if size < 0 or offset + size > len(blob):
        raise _damaged(source, "truncated_in", part=what)
    return blob[offset : offset + size], offset + size


def verify_backup(source: Path, credentials: Credentials) -> VerifiedBackup:
    """Read, authenticate and decrypt every part of a backup; BackupDamaged on any fault."""
    try:
        blob = source.read_bytes()
    except FileNotFoundError:
        raise FacilitatorError("errors.backup.no_file", path=source) from None
    except OSError as error:
        raise FacilitatorError(
            "errors.backup.unreadable", path=source, reason=os_reason(error)
        ) from None
    if not blob.startswith(MAGIC):
        raise _damaged(source, "not_backup")
    offset = len(MAGIC)
    version_byte, offset = _take(blob, offset, 1, source, "version")
    if version_byte[0] > VERSION:
        raise FacilitatorError("errors.backup.newer", path=source, version=version_byte[0])
    raw, offset = _take(blob, offset, _LENGTH.size, source, "header")
    header_bytes, offset = _take(blob, offset, _LENGTH.unpack(raw)[0], source, "header")
    try:
        header = parse_header(header_bytes, Path(HEADER_NAME))
    except FacilitatorError:
        raise _damaged(source, "header_checksum") from None
    data_key = credentials.data_key(header, Text.of("errors.backup.the_backup", path=source))
    raw, offset = _take(blob, offset, _LENGTH.size, source, "manifest")
    size = _LENGTH.unpack(raw)[0]
    if size > MAX_MANIFEST:
        raise _damaged(source, "manifest_size")
    sealed, offset = _take(blob, offset, size, source, "manifest")
    try:
        plain = AESGCM(subkey(data_key, "backup")).decrypt(
            sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], _aad(header_bytes)
        )
        manifest = json.loads(plain)
        entries = [(str(p["path"]), int(p["size"]), str(p["sha256"])) for p in manifest["parts"]]
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise _damaged(source, "manifest_authentication") from None
    cipher = FileCipher(subkey(data_key, "files"))
    parts = []
    journal = FileAddress(header.vault_id, FileKind.INDEX, JOURNAL_ID)
    for path, length, digest in entries:
        match = _PART.match(path)
        if match is None and path != _JOURNAL_PART:
            raise _damaged(source, "unexpected_part", part=repr(path))
        data, offset = _take(blob, offset, length, source, path)
        if hashlib.sha256(data).hexdigest() != digest:
            raise _damaged(source, "part_checksum", part=path)
        if match is None:
            reason = journal_damage(data, lambda record: cipher.open(journal, record))
            if reason is not None:
                raise _damaged(source, "part_damaged", part=path, reason=reason)
            parts.append((path, data))
            continue
        kind = _KIND_OF[match.group(1)] if match.group(1) else FileKind.INDEX
        file_id = bytes.fromhex(match.group(2)) if match.group(2) else INDEX_ID
        try:
            cipher.open(FileAddress(header.vault_id, kind, file_id), data)
        except SealError as error:
            raise _damaged(source, "part_damaged", part=path, reason=error.reason) from None
        parts.append((path, data))
    if offset != len(blob):
        raise _damaged(source, "trailing_bytes")
    return VerifiedBackup(header_bytes, tuple(parts))


def _write_tree(folder: Path, backup: VerifiedBackup) -> None:
    """Write every file and make it durable: contents, then each directory's entries."""
    folder.mkdir(mode=0o700)
    directories = {folder}
    for name, data in ((HEADER_NAME, backup.header_bytes), *backup.parts):
        path = folder / name
        path.parent.mkdir(mode=0o700, exist_ok=True)
        directories.add(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    for directory in sorted(directories, reverse=True):
        fsync_directory(directory)


def target_occupied(target: Path) -> bool:
    """Whether restoring into `target` would replace something (a vault or any file)."""
    return target.exists() and (not target.is_dir() or any(target.iterdir()))


def install_backup(backup: VerifiedBackup, target: Path, *, replace: bool = False) -> int:
    """Write a verified backup into `target`, swapping out what is there only if `replace`.

    Returns the number of files restored. The new vault is written into a temporary
    directory next to `target` and renamed into place, so a failure leaves `target` as it was.
    """
    finish_interrupted_swap(target)
    if target_occupied(target) and not replace:
        raise VaultExists("errors.backup.target_occupied", path=target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging, old = swap_names(target, secrets.token_hex(6))
    lock = VaultLock(target) if (target / HEADER_NAME).exists() else None
    try:
        _write_tree(staging, backup)
        if lock is not None:
            lock.acquire()
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        fsync_directory(parent)
    except OSError as error:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise FacilitatorError(
            "errors.backup.restore_failed", path=target, reason=os_reason(error)
        ) from None
    finally:
        if lock is not None:
            lock.release()
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
    shutil.rmtree(old, ignore_errors=True)
    return len(backup.parts) + 1
