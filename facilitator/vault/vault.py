"""Provides the Vault: an encrypted directory of TinyDB files holding sessions and documents.

One vault object per process holds the lock; every public method is safe from worker threads.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB

from facilitator.clock import Clock, SystemClock
from facilitator.errors import (
    SessionNotFound,
    Text,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultRolledBack,
    VaultWriteFailed,
    WrongPassphrase,
    os_reason,
)
from facilitator.vault import high_water, keys, records
from facilitator.vault.crypto import FileCipher, FileKind, name_id, parse_recovery_key, subkey
from facilitator.vault.files import finish_interrupted_swap, modified_at
from facilitator.vault.header import HEADER_NAME, VaultHeader, read_header
from facilitator.vault.index import SessionIndex
from facilitator.vault.kdf import KdfParams
from facilitator.vault.lock import VaultLock
from facilitator.vault.model import Recovery, SessionSummary, VaultProblem
from facilitator.vault.notices import recovery_notices
from facilitator.vault.repair import repair
from facilitator.vault.storage import VaultStorage
from facilitator.vault.stores import INDEX_ID, SUBDIRECTORIES, FileStore, MemoryStore, VaultStore

if TYPE_CHECKING:
    from facilitator.session import Session

_VAULT_PARTS = ("index.fcv", *SUBDIRECTORIES.values())


class Vault:
    """An unlocked vault: list, load and save sessions, and keep small encrypted documents."""

    directory: Path | None

    def __init__(
        self,
        store: VaultStore,
        *,
        data_key: bytes,
        header: VaultHeader | None,
        lock: VaultLock | None,
        clock: Clock | None,
    ) -> None:
        """Use `create`, `unlock` or `in_memory`; this wires an already opened store."""
        self.directory = store.directory
        self.clock: Clock = clock or SystemClock()
        self.read_only = False
        self.recoveries: list[Recovery] = []
        self._adopted: set[str] = set()
        self._announced: set[str] = set()
        self._high_water: Path | None = None
        self._generations: dict[str, int] = {}  # file id -> generation seen by this process
        self._store = store
        self._data_key = data_key
        self._name_key = subkey(data_key, "names")
        self._header = header
        self._lock = lock
        self._mutex = threading.RLock()
        self._tables: list[TinyDB] = []
        self._closed = False
        self._index = SessionIndex(store.storage(FileKind.INDEX, INDEX_ID), store.journal())

    # ----- opening -------------------------------------------------------------------------

    @staticmethod
    def exists(directory: Path) -> bool:
        """True when `directory` holds a vault header."""
        return (Path(directory) / HEADER_NAME).is_file()

    @classmethod
    def create(
        cls,
        directory: Path,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        clock: Clock | None = None,
    ) -> tuple[Vault, str]:
        """A new empty vault, opened, and its recovery key (show it once, never store it)."""
        directory = Path(directory)
        keys.check_passphrase(passphrase)
        if kdf is not None:
            keys.check_kdf(kdf)
        if cls.exists(directory) or any((directory / p).exists() for p in _VAULT_PARTS):
            raise VaultExists("errors.vault.exists", path=directory)
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise VaultWriteFailed(
                "errors.vault.cannot_create", path=directory, reason=os_reason(error)
            ) from None
        lock = VaultLock(directory)
        lock.acquire()
        try:
            header, data_key, recovery = keys.new_header(passphrase, kdf or KdfParams.calibrate())
            vault = cls._wire(directory, header, data_key, lock, clock)
            vault._index.persist()
            keys.write_header(directory, header)
        except BaseException:
            lock.release()
            raise
        return vault, recovery

    @classmethod
    def unlock(
        cls,
        directory: Path,
        passphrase: str,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
        high_water: Path | None = None,
        accept_rollback: bool = False,
    ) -> Vault:
        """Open the vault with its passphrase; WrongPassphrase leaves every file untouched.

        `read_only` opens without writing anything: no crash repair, no healed listing.
        `high_water` is the mark file outside the vault: VaultRolledBack when the vault is
        older than the newest copy seen, unless `accept_rollback` (which lowers the mark).
        """
        vault = cls._unlock(
            directory,
            lambda header: keys.unwrap_with_passphrase(header, passphrase),
            "errors.vault.wrong_passphrase",
            clock,
            read_only,
        )
        if high_water is not None:
            try:
                vault._watch_high_water(high_water, accept_rollback)
            except BaseException:
                vault._closed = True
                if vault._lock is not None:
                    vault._lock.release()
                raise
        return vault

    def _watch_high_water(self, mark_file: Path, accept: bool) -> None:
        """Compare the index with the mark outside the vault, then keep the mark current."""
        assert self._header is not None
        vault_id = self._header.vault_id
        current = self._index.generation
        if self._index.served_previous:
            self._high_water = mark_file  # the fallback is announced; do not call it a rollback
            return
        mark = high_water.seen(mark_file, vault_id)
        if current < mark:
            if not accept:
                raise VaultRolledBack(
                    "errors.rollback.vault_rolled_back",
                    path=self.directory,
                    found=current,
                    seen=mark,
                )
            high_water.reset(mark_file, vault_id, current)
        else:
            high_water.raise_to(mark_file, vault_id, current)
        self._high_water = mark_file

    @classmethod
    def unlock_with_recovery_key(
        cls, directory: Path, recovery_key: str, *, clock: Clock | None = None
    ) -> Vault:
        """Open the vault with the recovery key shown at creation (spaces, dashes, case ignored)."""
        secret = parse_recovery_key(recovery_key)
        return cls._unlock(
            directory,
            lambda header: None if secret is None else keys.unwrap_with_recovery(header, secret),
            "errors.vault.wrong_recovery_key",
            clock,
            False,
        )

    @classmethod
    def _unlock(
        cls,
        directory: Path,
        unwrap: Callable[[VaultHeader], bytes | None],
        refusal: str,
        clock: Clock | None,
        read_only: bool,
    ) -> Vault:
        """Take the lock, unwrap the data key and open; the lock is released on any failure."""
        directory, header, lock = cls._prepare(directory)
        try:
            data_key = unwrap(header)
            if data_key is None:
                raise WrongPassphrase(refusal, path=directory)
            return cls._finish_open(directory, header, data_key, lock, clock, read_only)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def reset_passphrase_with_recovery(
        cls,
        directory: Path,
        recovery_key: str,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
        clock: Clock | None = None,
    ) -> Vault:
        """Open with the recovery key and set a new passphrase; the recovery key stays valid."""
        keys.check_passphrase(new_passphrase)
        vault = cls.unlock_with_recovery_key(directory, recovery_key, clock=clock)
        try:
            vault.change_passphrase(new_passphrase, kdf)
        except BaseException:
            vault.close()
            raise
        return vault

    @classmethod
    def in_memory(cls, *, clock: Clock | None = None) -> Vault:
        """A vault that keeps everything in memory: same behaviour, no files, no key derivation."""
        vault = cls(
            MemoryStore(), data_key=secrets.token_bytes(32), header=None, lock=None, clock=clock
        )
        vault._index.persist()
        return vault

    @classmethod
    def _open_with_key(
        cls,
        directory: Path,
        data_key: bytes,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
    ) -> Vault:
        """Open with an already unwrapped data key; for tests that must not pay for Argon2id."""
        directory, header, lock = cls._prepare(directory)
        try:
            return cls._finish_open(directory, header, data_key, lock, clock, read_only)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _prepare(cls, directory: Path) -> tuple[Path, VaultHeader, VaultLock]:
        directory = Path(directory)
        finish_interrupted_swap(directory)  # a restore cut short between its two renames
        if not cls.exists(directory):
            if any((directory / p).exists() for p in _VAULT_PARTS):
                read_header(directory)  # raises VaultDamaged: header missing
            raise VaultNotFound("errors.vault.not_found", path=directory)
        lock = VaultLock(directory)
        lock.acquire()
        try:
            return directory, read_header(directory), lock
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _wire(
        cls,
        directory: Path,
        header: VaultHeader,
        data_key: bytes,
        lock: VaultLock,
        clock: Clock | None,
    ) -> Vault:
        recoveries: list[Recovery] = []
        cipher = FileCipher(subkey(data_key, "files"))
        store = FileStore(
            directory,
            cipher,
            header.vault_id,
            on_recovered=lambda shown, why, since: recoveries.append(Recovery(shown, why, since)),
        )
        vault = cls(store, data_key=data_key, header=header, lock=lock, clock=clock)
        vault.recoveries = recoveries
        return vault

    @classmethod
    def _finish_open(
        cls,
        directory: Path,
        header: VaultHeader,
        data_key: bytes,
        lock: VaultLock,
        clock: Clock | None,
        read_only: bool = False,
    ) -> Vault:
        vault = cls._wire(directory, header, data_key, lock, clock)
        vault.read_only = read_only
        store = vault._store
        vault._index = SessionIndex.load(store.storage(FileKind.INDEX, INDEX_ID), store.journal())
        index = vault._index
        if (index.journal_damage is not None or index.journal_torn) and not read_only:
            if index.journal_damage is not None:
                store.keep_journal_aside()  # evidence, before compaction replaces the journal
            with contextlib.suppress(VaultWriteFailed):
                index.persist()  # fold in what a crash left; the torn record was never confirmed
        vault._adopted = repair(store, vault._index, write=not read_only)
        return vault

    # ----- sessions ------------------------------------------------------------------------

    def _ensure_open(self) -> None:
        if self._closed:
            raise VaultLocked("errors.vault.closed")

    def _ensure_writable(self) -> None:
        self._ensure_open()
        if self.read_only:
            raise VaultLocked("errors.integrity.read_only")

    @property
    def recovered(self) -> list[VaultProblem]:
        """One warning per file served from its previous save since the vault was opened."""
        with self._mutex:
            by_file = {file_id: summary for summary, file_id in self._index.entries.values()}
            return recovery_notices(self.recoveries, by_file)

    def unannounced(self) -> list[VaultProblem]:
        """Recovery warnings not handed out before (each file once), for the app to show."""
        with self._mutex:
            fresh = [n for n in self.recovered if n.path not in self._announced]
            self._announced.update(n.path for n in fresh)
            return fresh

    def list_sessions(self) -> list[SessionSummary]:
        """Every session's summary, newest first by creation time, without decrypting sessions."""
        with self._mutex:
            self._ensure_open()
            return self._index.summaries()

    def load_session(self, session_id: str) -> Session:
        """The full session; SessionNotFound when the vault has none with that id."""
        with self._mutex:
            self._ensure_open()
            file_id = self._index.file_of(session_id)
            if file_id is None:
                raise SessionNotFound("errors.vault.no_session", id=session_id)
            storage = self._store.storage(FileKind.SESSION, bytes.fromhex(file_id))
            session = records.read_session(storage, session_id)
            self._compare_generation(storage, file_id)
            summary = SessionSummary.of(session)
            if self._index.put(summary, file_id) and not self.read_only:
                with contextlib.suppress(VaultWriteFailed):
                    self._index.record_put(summary, file_id)  # heal a listing a crash left stale
            return session

    def _saw_generation(self, file_id: str, generation: int) -> None:
        self._generations[file_id] = generation
        if self._index.generations.get(file_id) != generation:
            self._index.generations[file_id] = generation
            self._index.dirty = True

    def _compare_generation(self, storage: VaultStorage, file_id: str) -> None:
        """Report a session file older than the index records (put back from an older copy)."""
        found = storage.generation or 0
        if getattr(storage, "served_previous", False):
            return  # already announced as a fallback to the previous save
        expected = self._index.generations.get(file_id, 0)
        if found < expected:
            path = getattr(storage, "path", None)
            self.recoveries.append(
                Recovery(
                    storage.display,
                    Text.of("errors.rollback.older_than_index", found=found, expected=expected),
                    None if path is None else modified_at(path),
                    rolled_back=True,
                )
            )
            return
        self._saw_generation(file_id, found)

    def save_session(self, session: Session) -> None:
        """Write this session's file atomically, and the index only when its listing changed."""
        with self._mutex:
            self._ensure_writable()
            file_id = self._index.file_of(session.id) or secrets.token_hex(16)
            storage = self._store.storage(FileKind.SESSION, bytes.fromhex(file_id))
            storage.generation = self._generations.get(file_id)
            records.write_session(storage, session)
            self._saw_generation(file_id, storage.generation or 0)
            summary = SessionSummary.of(session)
            if self._index.put(summary, file_id):
                self._index.record_put(summary, file_id)

    def delete_session(self, session_id: str) -> None:
        """Remove a session and its file; SessionNotFound when absent."""
        with self._mutex:
            self._ensure_writable()
            entry = self._index.remove(session_id)
            if entry is None:
                raise SessionNotFound("errors.vault.no_session", id=session_id)
            try:
                self._index.record_drop(session_id, entry[1])
            except BaseException:
                self._index.tombstones.discard(entry[1])
                self._index.entries[session_id] = entry
                raise
            self._store.remove(FileKind.SESSION, bytes.fromhex(entry[1]))

    # ----- documents and tables ------------------------------------------------------------

    def load_document(self, name: str) -> dict[str, Any]:
        """A small named document such as `settings` or `outbox`; {} when never saved."""
        records.check_name(name, "document")
        with self._mutex:
            self._ensure_open()
            return records.read_document(self._document_storage(name), name)

    def save_document(self, name: str, data: dict[str, Any]) -> None:
        """Replace a named document atomically (encrypted; the file name does not reveal it)."""
        records.check_name(name, "document")
        with self._mutex:
            self._ensure_writable()
            records.write_document(self._document_storage(name), name, data)

    def _document_storage(self, name: str) -> VaultStorage:
        return self._store.storage(FileKind.DOCUMENT, name_id(self._name_key, "document", name))

    def table(self, name: str) -> TinyDB:
        """A TinyDB backed by one encrypted file, for collections such as an outbox."""
        records.check_name(name, "table")
        with self._mutex:
            self._ensure_writable()
            file_id = name_id(self._name_key, "table", name)
            db = records.open_db(self._store.storage(FileKind.TABLE, file_id))
            self._tables.append(db)
            return db

    # ----- keys, health, lifetime ----------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase; data files are not touched."""
        keys.check_passphrase(new_passphrase)
        if kdf is not None:
            keys.check_kdf(kdf)
        with self._mutex:
            self._ensure_writable()
            if self._header is None or self.directory is None:
                return
            params = kdf or KdfParams.calibrate()
            header = keys.rewrap_passphrase(self._header, self._data_key, new_passphrase, params)
            keys.write_header(self.directory, header)
            self._header = header

    def check(self) -> list[VaultProblem]:
        """Decrypt and validate every file; [] when the vault is healthy."""
        from facilitator.vault.check import check_vault

        with self._mutex:
            self._ensure_open()
            return check_vault(self._store, self._index, self._name_key, self._adopted)

    def repair_damage(self) -> list[VaultProblem]:
        """Make repairable files whole again, keeping what is replaced; what was done."""
        from facilitator.vault.mend import mend_vault

        with self._mutex:
            self._ensure_writable()
            done = mend_vault(self._store, self._index)
            self._adopted = set()
            return done

    def close(self) -> None:
        """Write any pending index change and release the lock; safe to call twice."""
        with self._mutex:
            if self._closed:
                return
            try:
                if (self._index.dirty or self._index.journaled) and not self.read_only:
                    self._index.persist()  # compaction: the journal's records join the index
                if self._high_water is not None and self._header is not None:
                    high_water.raise_to(
                        self._high_water, self._header.vault_id, self._index.generation
                    )
            finally:
                for db in self._tables:
                    db.close()
                self._closed = True
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
