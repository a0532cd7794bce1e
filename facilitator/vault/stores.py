"""Provides where sealed vault files live: a directory on disk, or a dict for the memory twin.

The vault talks to a store by (kind, file id) so the same vault logic runs on both.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Protocol

from facilitator.errors import Text
from facilitator.vault.crypto import ID_BYTES, FileAddress, FileCipher, FileKind, SealError
from facilitator.vault.files import (
    EVIDENCE_SUFFIX,
    TEMP_SUFFIXES,
    fsync_directory,
    keep_aside,
    modified_at,
    previous_of,
    read_optional,
    remove_temporaries,
    remove_with_previous,
)
from facilitator.vault.journal import JOURNAL_NAME, FileJournal, Journal, MemoryJournal
from facilitator.vault.model import VaultProblem
from facilitator.vault.storage import (
    EncryptedFileStorage,
    MemoryTwinStorage,
    RecoveryListener,
    VaultStorage,
)

INDEX_ID = bytes(ID_BYTES)
SUFFIX = ".fcv"
SUBDIRECTORIES = {
    FileKind.SESSION: "sessions",
    FileKind.DOCUMENT: "documents",
    FileKind.TABLE: "tables",
}
_FILE_NAME = re.compile(r"^([0-9a-f]{32})\.fcv(?:\.prev)?$")


class VaultStore(Protocol):
    """Where sealed files are kept, addressed by kind and file id."""

    directory: Path | None

    def storage(self, kind: FileKind, file_id: bytes) -> VaultStorage:
        """A fresh TinyDB storage for one file."""
        ...

    def file_ids(self, kind: FileKind) -> set[bytes]:
        """Ids of every file of `kind` present (current or previous generation)."""
        ...

    def remove(self, kind: FileKind, file_id: bytes) -> bool:
        """Delete a file and its previous generation; False when the medium refused."""
        ...

    def display(self, kind: FileKind, file_id: bytes) -> str:
        """The file's path relative to the vault, for messages."""
        ...

    def tidy(self) -> None:
        """Remove leftovers of interrupted writes."""
        ...

    def verify(self, kind: FileKind, file_id: bytes) -> tuple[bytes | None, list[VaultProblem]]:
        """Decrypt both generations; the plaintext that loading would use, and any problems."""
        ...

    def leftovers(self) -> list[VaultProblem]:
        """Notes on damaged saves kept aside and temporaries of interrupted writes."""
        ...

    def journal(self) -> Journal:
        """The index journal of this store."""
        ...

    def keep_journal_aside(self) -> None:
        """Keep a damaged journal as evidence before the index absorbs what it can."""
        ...


def display_name(kind: FileKind, file_id: bytes) -> str:
    """`index.fcv` or `<subdirectory>/<hex id>.fcv`."""
    if kind is FileKind.INDEX:
        return "index" + SUFFIX
    return f"{SUBDIRECTORIES[kind]}/{file_id.hex()}{SUFFIX}"


class FileStore:
    """Sealed files in a vault directory, one per index, session, document or table."""

    def __init__(
        self,
        directory: Path,
        cipher: FileCipher,
        vault_id: bytes,
        on_recovered: RecoveryListener | None = None,
    ) -> None:
        self.directory: Path | None = directory
        self._root = directory
        self._cipher = cipher
        self._vault_id = vault_id
        self._on_recovered = on_recovered

    def path(self, kind: FileKind, file_id: bytes) -> Path:
        """Where the current generation of a file lives."""
        return self._root / display_name(kind, file_id)

    def display(self, kind: FileKind, file_id: bytes) -> str:
        """The file's path relative to the vault."""
        return display_name(kind, file_id)

    def storage(self, kind: FileKind, file_id: bytes) -> VaultStorage:
        """An encrypted TinyDB storage for one file."""
        return EncryptedFileStorage(
            self.path(kind, file_id),
            cipher=self._cipher,
            address=FileAddress(self._vault_id, kind, file_id),
            display=self.display(kind, file_id),
            on_recovered=self._on_recovered,
        )

    def file_ids(self, kind: FileKind) -> set[bytes]:
        """Ids of files of `kind` on disk."""
        try:
            names = os.listdir(self._root / SUBDIRECTORIES[kind])
        except OSError:
            return set()
        found = (_FILE_NAME.match(name) for name in names)
        return {bytes.fromhex(match.group(1)) for match in found if match}

    def remove(self, kind: FileKind, file_id: bytes) -> bool:
        """Delete a file and its previous generation, durably; False when the medium refused.

        A refusal is not an error: the index keeps the file as deleted until it is gone.
        """
        path = self.path(kind, file_id)
        try:
            remove_with_previous(path)
        except OSError:
            return False
        with contextlib.suppress(OSError):
            fsync_directory(path.parent)
        return True

    def tidy(self) -> None:
        """Delete temporary files left by a write that was interrupted."""
        remove_temporaries(self._root)
        for name in SUBDIRECTORIES.values():
            remove_temporaries(self._root / name)

    def verify(self, kind: FileKind, file_id: bytes) -> tuple[bytes | None, list[VaultProblem]]:
        """Check both generations of one file and say what loading would do."""
        address = FileAddress(self._vault_id, kind, file_id)
        shown = self.display(kind, file_id)
        path = self.path(kind, file_id)
        current, current_error = self._try_open(path, address)
        previous, previous_error = self._try_open(previous_of(path), address)
        problems: list[VaultProblem] = []
        if current is not None:
            if previous_error is not None:
                problems.append(
                    VaultProblem.of(
                        shown + ".prev",
                        "errors.integrity.previous_damaged",
                        file=shown,
                        reason=previous_error,
                    )
                )
            return current, problems
        if previous is not None:
            state = _state(current_error)
            since = modified_at(previous_of(path))
            problems.append(
                VaultProblem.of(
                    shown,
                    "errors.integrity.using_previous",
                    file=shown,
                    state=state,
                    since="?" if since is None else since.strftime("%Y-%m-%d %H:%M UTC"),
                )
            )
            return previous, problems
        if current_error is None and previous_error is None:
            return None, problems
        if previous_error is not None:
            reason = Text.of(
                "errors.reason.previous_too",
                reason=current_error or Text.of("errors.reason.missing"),
                previous=previous_error,
            )
            state = Text.of("errors.vault.state_damaged", reason=reason)
        else:
            state = _state(current_error)
        problems.append(VaultProblem.of(shown, "errors.vault.unusable", file=shown, state=state))
        return None, problems

    def leftovers(self) -> list[VaultProblem]:
        """Notes on damaged saves kept aside and temporaries of interrupted writes."""
        notes: list[VaultProblem] = []
        for folder in (self._root, *(self._root / n for n in SUBDIRECTORIES.values())):
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir()):
                shown = entry.relative_to(self._root).as_posix()
                if entry.name.endswith(EVIDENCE_SUFFIX):
                    notes.append(
                        VaultProblem.note_of(shown, "errors.integrity.evidence", file=shown)
                    )
                elif entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIXES):
                    notes.append(
                        VaultProblem.note_of(shown, "errors.integrity.temporary", file=shown)
                    )
        return notes

    def journal(self) -> Journal:
        """The index journal file beside `index.fcv`."""
        return FileJournal(self._root / JOURNAL_NAME, self._cipher, self._vault_id)

    def keep_journal_aside(self) -> None:
        """Keep `index.journal` as `index.journal.damaged`."""
        keep_aside(self._root / JOURNAL_NAME, display=JOURNAL_NAME)

    def open_blob(self, path: Path, address: FileAddress) -> tuple[bytes | None, Text | None]:
        """The plaintext of one sealed file, or why it does not open (None, None: missing)."""
        return self._try_open(path, address)

    def address(self, kind: FileKind, file_id: bytes) -> FileAddress:
        """The associated data a file of this kind and id is sealed with."""
        return FileAddress(self._vault_id, kind, file_id)

    def _try_open(self, path: Path, address: FileAddress) -> tuple[bytes | None, Text | None]:
        blob = read_optional(path)
        if blob is None:
            return None, None
        try:
            return self._cipher.open(address, blob), None
        except SealError as error:
            return None, error.reason


def _state(reason: Text | None) -> Text:
    """`missing`, or `damaged (reason)`."""
    if reason is None:
        return Text.of("errors.reason.missing")
    return Text.of("errors.vault.state_damaged", reason=reason)


class MemoryStore:
    """The memory twin of FileStore: plaintext kept in a dict, nothing touches the disk."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.blobs: dict[str, bytes] = {}
        self._journal = MemoryJournal()

    def journal(self) -> Journal:
        """The one journal of this memory vault."""
        return self._journal

    def keep_journal_aside(self) -> None:
        """Memory journals are never damaged."""

    def display(self, kind: FileKind, file_id: bytes) -> str:
        """The name the file would have on disk."""
        return display_name(kind, file_id)

    def storage(self, kind: FileKind, file_id: bytes) -> VaultStorage:
        """A memory storage keyed by the file's would-be name."""
        return MemoryTwinStorage(self.blobs, self.display(kind, file_id))

    def file_ids(self, kind: FileKind) -> set[bytes]:
        """Ids of stored files of `kind`."""
        found = (_FILE_NAME.match(key.rpartition("/")[2]) for key in self.blobs)
        prefix = "" if kind is FileKind.INDEX else SUBDIRECTORIES[kind] + "/"
        return {
            bytes.fromhex(match.group(1))
            for key, match in zip(self.blobs, found, strict=True)
            if match and key.startswith(prefix)
        }

    def remove(self, kind: FileKind, file_id: bytes) -> bool:
        """Forget a file."""
        self.blobs.pop(self.display(kind, file_id), None)
        return True

    def tidy(self) -> None:
        """Nothing is ever left half-written in memory."""

    def verify(self, kind: FileKind, file_id: bytes) -> tuple[bytes | None, list[VaultProblem]]:
        """The stored bytes; memory cannot be damaged."""
        return self.blobs.get(self.display(kind, file_id)), []

    def leftovers(self) -> list[VaultProblem]:
        """Memory keeps no leftovers."""
        return []
