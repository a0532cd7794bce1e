"""Provides the index journal: listing changes appended as sealed records beside `index.fcv`.

Updating one session's listing appends one small record instead of rewriting the index, so
its cost does not grow with the vault. Each record names the index generation it follows and
its place in the sequence; records of an older index (a compaction finished, the journal not
yet removed) are ignored, and a torn last record (a crash during an append) is dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from facilitator.errors import Text, VaultWriteFailed, os_reason
from facilitator.vault.crypto import ID_BYTES, FileAddress, FileCipher, FileKind, SealError
from facilitator.vault.files import fsync_directory, read_optional

JOURNAL_NAME = "index.journal"
JOURNAL_ID = bytes(ID_BYTES - 1) + b"\x01"
_LENGTH = struct.Struct(">I")
MAX_RECORD = 1 << 20


@dataclass(frozen=True)
class JournalRead:
    """The records that follow an index generation, in order, and what was wrong."""

    records: list[dict[str, Any]] = field(default_factory=list)
    torn: bool = False  # a partial last record, from a crash during an append, was dropped
    damage: Text | None = None  # a record that is not a torn tail fails to open
    end: int = 0  # where the last good record ends: appends go there


def parse_journal(blob: bytes | None, base: int, unseal: Callable[[bytes], bytes]) -> JournalRead:
    """Decode `blob` into the records following index generation `base`.

    `unseal` opens one record (SealError when it does not). A record of a newer index than
    `base` is damage: the index was put back, or is served from its previous save.
    """
    if not blob:
        return JournalRead()
    records: list[dict[str, Any]] = []
    offset = 0
    malformed = Text.of("errors.reason.journal_record")
    while offset < len(blob):
        if offset + _LENGTH.size > len(blob):
            return JournalRead(records, torn=True, end=offset)
        (size,) = _LENGTH.unpack_from(blob, offset)
        end = offset + _LENGTH.size + size
        if size > MAX_RECORD:
            return JournalRead(records, damage=malformed, end=offset)
        if end > len(blob):
            return JournalRead(records, torn=True, end=offset)
        try:
            record = json.loads(unseal(blob[offset + _LENGTH.size : end]).decode("utf-8"))
        except SealError as error:
            if end == len(blob):
                return JournalRead(records, torn=True, end=offset)
            return JournalRead(records, damage=error.reason, end=offset)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return JournalRead(records, damage=malformed, end=offset)
        if not isinstance(record, dict) or not isinstance(record.get("base"), int):
            return JournalRead(records, damage=malformed, end=offset)
        if record["base"] != base:
            if record["base"] < base:
                offset = end
                continue  # written against an older index, which has absorbed it
            return JournalRead(records, damage=malformed, end=offset)
        if record.get("seq") != len(records) + 1:
            return JournalRead(records, damage=malformed, end=offset)
        records.append(record)
        offset = end
    return JournalRead(records, end=offset)


class Journal(Protocol):
    """Where index records are appended, on disk or in memory."""

    def read(self, base: int) -> JournalRead:
        """The records that follow index generation `base`."""
        ...

    def append(self, record: dict[str, Any]) -> None:
        """Add one record durably; VaultWriteFailed leaves the journal as it was."""
        ...

    def clear(self) -> None:
        """Forget every record (after the index has absorbed them)."""
        ...


class FileJournal:
    """The journal as a file of length-prefixed sealed records, appended and fsynced."""

    def __init__(self, path: Path, cipher: FileCipher, vault_id: bytes) -> None:
        self.path = path
        self._cipher = cipher
        self._address = FileAddress(vault_id, FileKind.INDEX, JOURNAL_ID)
        self._end: int | None = None  # bytes known good; a torn tail past it is cut first

    def unseal(self, blob: bytes) -> bytes:
        """One record's plaintext; SealError when it does not open."""
        return self._cipher.open(self._address, blob)

    def read(self, base: int) -> JournalRead:
        """The records after `base`, remembering where the good part ends."""
        blob = read_optional(self.path)
        found = parse_journal(blob, base, self.unseal)
        self._end = None if blob is None else found.end
        return found

    def append(self, record: dict[str, Any]) -> None:
        """Seal and append one record, then fsync it (and the directory when new)."""
        plaintext = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
        blob = self._cipher.seal(self._address, plaintext)
        data = _LENGTH.pack(len(blob)) + blob
        fresh = self._end is None
        start = self._end or 0
        try:
            flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if fresh else 0)
            fd = os.open(self.path, flags, 0o600)
            try:
                if not fresh:
                    os.ftruncate(fd, start)  # a torn or failed tail goes first
                    os.lseek(fd, start, os.SEEK_SET)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            if fresh:
                fsync_directory(self.path.parent)
        except OSError as error:
            raise VaultWriteFailed(
                "errors.vault.save_failed", file=JOURNAL_NAME, reason=os_reason(error)
            ) from None
        self._end = start + len(data)

    def clear(self) -> None:
        """Remove the journal file; a refusal leaves records the index already holds."""
        with contextlib.suppress(OSError):
            self.path.unlink()
            fsync_directory(self.path.parent)
        self._end = None


class MemoryJournal:
    """The memory twin: records kept as a list."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def read(self, base: int) -> JournalRead:
        """The records whose base is `base`."""
        return JournalRead([r for r in self.records if r.get("base") == base])

    def append(self, record: dict[str, Any]) -> None:
        """Keep one record."""
        self.records.append(json.loads(json.dumps(record)))

    def clear(self) -> None:
        """Forget every record."""
        self.records.clear()


def journal_damage(blob: bytes, unseal: Callable[[bytes], bytes]) -> Text | None:
    """Why a journal copied as it stands (a backup part) is damaged; None when every record opens.

    A torn last record is not damage: it is what a crash during an append leaves.
    """
    offset = 0
    while offset + _LENGTH.size <= len(blob):
        (size,) = _LENGTH.unpack_from(blob, offset)
        end = offset + _LENGTH.size + size
        if size > MAX_RECORD:
            return Text.of("errors.reason.journal_record")
        if end > len(blob):
            return None
        try:
            unseal(blob[offset + _LENGTH.size : end])
        except SealError as error:
            return None if end == len(blob) else error.reason
        offset = end
    return None
