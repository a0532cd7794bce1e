"""Provides the TinyDB storages of the vault: an encrypted file storage and its memory twin.

Both cache what they last read or wrote (the vault lock guarantees nobody else writes) and can
defer writes, so several table operations cost one encryption and one fsync.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from facilitator.errors import InvalidInput, Text, VaultDamaged
from facilitator.vault.crypto import FileAddress, FileCipher, SealError
from facilitator.vault.files import (
    atomic_write,
    keep_aside,
    modified_at,
    previous_of,
    read_optional,
)

Tables = dict[str, dict[str, Any]]
META_TABLE = "_meta"  # first table of every file: its save generation, under the seal
_GENERATION = re.compile(rb'^\{"_meta":\{"1":\{"generation":([0-9]{1,18})\}\}')


def generation_of(plaintext: bytes | None) -> int:
    """The save generation sealed in a file's plaintext; 0 for files written before it was."""
    match = None if plaintext is None else _GENERATION.match(plaintext)
    return 0 if match is None else int(match.group(1))


RecoveryListener = Callable[[str, Text, datetime | None], None]
"""Told (file shown, why the latest failed, when the previous save was made) on a fallback."""


def damaged(display: str, reason: str | Text, /, **params: object) -> VaultDamaged:
    """The one-line error for a vault file that cannot be used (`reason`: errors.reason.*)."""
    if isinstance(reason, str):
        reason = Text.of(f"errors.reason.{reason}", **params)
    return VaultDamaged("errors.vault.file_damaged", file=display, reason=reason)


def encode_tables(data: Tables, display: str) -> bytes:
    """TinyDB's state as compact UTF-8 JSON; InvalidInput when it holds non-JSON values."""
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidInput(f"{display}: cannot be stored ({error})") from None
    return text.encode("utf-8")


def decode_tables(plaintext: bytes, display: str) -> Tables:
    """TinyDB's state from decrypted bytes; VaultDamaged when it is not a TinyDB database."""
    try:
        data = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise damaged(display, "contents_not_json") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise damaged(display, "not_database")
    return data


class VaultStorage(Storage):
    """A caching TinyDB storage whose writes can be batched with `deferred()`."""

    def __init__(self, display: str) -> None:
        self.display = display
        self._cache: Tables | None = None
        self._loaded = False
        self._defer_depth = 0
        self._dirty = False
        self.generation: int | None = None  # of the file as last read or written; None: unknown

    def _load(self) -> bytes | None:
        raise NotImplementedError

    def _save(self, plaintext: bytes) -> None:
        raise NotImplementedError

    def read(self) -> Tables | None:
        """The current state (None when the file does not exist yet)."""
        if not self._loaded:
            raw = self._load()
            self.generation = generation_of(raw)
            self._cache = None if raw is None else decode_tables(raw, self.display)
            if self._cache is not None:
                self._cache.pop(META_TABLE, None)
            self._loaded = True
        return self._cache

    def write(self, data: Tables) -> None:
        """Store `data` now, or at the end of the enclosing `deferred()` block."""
        self._cache = data
        self._loaded = True
        if self._defer_depth:
            self._dirty = True
            return
        self._flush()

    def _peek_generation(self) -> int:
        """The generation of the file on the medium, for a write without a read first."""
        return generation_of(self._load())

    def _flush(self) -> None:
        try:
            known = self.generation
            generation = (self._peek_generation() if known is None else known) + 1
            tables = {k: v for k, v in (self._cache or {}).items() if k != META_TABLE}
            sealed = {META_TABLE: {"1": {"generation": generation}}, **tables}
            self._save(encode_tables(sealed, self.display))
            self.generation = generation
        except BaseException:
            self.forget()
            raise

    def forget(self) -> None:
        """Drop the cache so the next read comes from the medium again."""
        self._cache = None
        self._loaded = False
        self._dirty = False
        self.generation = None

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Collect every write inside the block into one write at its end."""
        self._defer_depth += 1
        try:
            yield
        except BaseException:
            self._defer_depth -= 1
            if self._defer_depth == 0 and self._dirty:
                self.forget()
            raise
        self._defer_depth -= 1
        if self._defer_depth == 0 and self._dirty:
            self._dirty = False
            self._flush()

    def close(self) -> None:
        """Nothing to release: every write is already on the medium."""


class EncryptedFileStorage(VaultStorage):
    """One sealed vault file; falls back to its previous generation when the current is bad.

    A bad current file is never destroyed: the save that replaces it first keeps it aside.
    """

    def __init__(
        self,
        path: Path,
        *,
        cipher: FileCipher,
        address: FileAddress,
        display: str,
        on_recovered: RecoveryListener | None = None,
    ) -> None:
        super().__init__(display)
        self.path = path
        self._cipher = cipher
        self._address = address
        self._on_recovered = on_recovered
        self._current_bad: bool | None = None  # None: not known until read or checked

    def _open(self, blob: bytes) -> bytes:
        return self._cipher.open(self._address, blob)

    def _load(self) -> bytes | None:
        current = read_optional(self.path)
        reason = Text.of("errors.reason.missing")
        if current is not None:
            try:
                plaintext = self._open(current)
            except SealError as error:
                reason = error.reason
            else:
                self._current_bad = False
                return plaintext
        previous = read_optional(previous_of(self.path))
        if previous is None:
            if current is None:
                return None
            raise damaged(self.display, reason)
        try:
            plaintext = self._open(previous)
        except SealError as error:
            raise damaged(
                self.display, "previous_too", reason=reason, previous=error.reason
            ) from None
        self._current_bad = True
        if self._on_recovered is not None:
            self._on_recovered(self.display, reason, modified_at(previous_of(self.path)))
        return plaintext

    def _peek_generation(self) -> int:
        best = 0
        for path in (self.path, previous_of(self.path)):
            blob = read_optional(path)
            if blob is None:
                continue
            try:
                best = max(best, generation_of(self._open(blob)))
            except SealError:
                continue
        return best

    @property
    def served_previous(self) -> bool:
        """True when the last read came from the previous save (the current did not open)."""
        return self._current_bad is True

    def _current_is_bad(self) -> bool:
        """True when the current file exists but does not open (it must not become `.prev`)."""
        if self._current_bad is None:
            current = read_optional(self.path)
            self._current_bad = False
            if current is not None:
                try:
                    self._open(current)
                except SealError:
                    self._current_bad = True
        return self._current_bad

    def _save(self, plaintext: bytes) -> None:
        blob = self._cipher.seal(self._address, plaintext)
        keep = not self._current_is_bad()
        if not keep:
            keep_aside(self.path, display=self.display)  # evidence, until the user decides
        atomic_write(self.path, blob, display=self.display, keep_previous=keep)
        self._current_bad = False


class MemoryTwinStorage(VaultStorage):
    """The same storage behaviour kept in a dict, for fast tests and the in-memory vault."""

    def __init__(self, blobs: MutableMapping[str, bytes], key: str) -> None:
        super().__init__(key)
        self._blobs = blobs
        self._key = key

    def _load(self) -> bytes | None:
        return self._blobs.get(self._key)

    def _save(self, plaintext: bytes) -> None:
        self._blobs[self._key] = plaintext
