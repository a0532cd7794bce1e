"""Provides the one-process-at-a-time lock on a vault directory.

Taken with timeout 0, so a second window learns at once that the vault is busy.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from facilitator.errors import VaultLocked, VaultWriteFailed, os_reason

LOCK_NAME = "vault.lock"


class VaultLock:
    """An exclusive OS lock (flock) on `vault.lock`; released by the OS if the process dies."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = FileLock(
            directory / LOCK_NAME,
            timeout=0,
            thread_local=False,
            preserve_lock_file=True,
            fallback_to_soft=False,
        )

    def acquire(self) -> None:
        """Take the lock now or raise VaultLocked."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise VaultLocked("errors.vault.locked", path=self.directory) from None
        except OSError as error:
            raise VaultWriteFailed(
                "errors.vault.cannot_lock", path=self.directory, reason=os_reason(error)
            ) from None

    def release(self) -> None:
        """Let another process open the vault."""
        if self._lock.is_locked:
            self._lock.release(force=True)
