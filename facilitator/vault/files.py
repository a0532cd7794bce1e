"""Provides crash-safe file writes: temporary file, fsync, rename, fsync of the directory.

The previous generation is kept as `<name>.prev` (a hard link, so there is never a moment
without a complete current file); a failed write removes its temporary file and reports why.
Files that leave the vault (exports, backups) are written owner-only and never inside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from facilitator.errors import InvalidInput, VaultWriteFailed, os_reason

PREVIOUS_SUFFIX = ".prev"
EVIDENCE_SUFFIX = ".damaged"
TEMP_SUFFIXES = (".tmp", ".prevtmp")
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def previous_of(path: Path) -> Path:
    """Where the previous generation of `path` is kept."""
    return path.with_name(path.name + PREVIOUS_SUFFIX)


def evidence_of(path: Path) -> Path:
    """Where a damaged generation of `path` is kept aside until the user decides."""
    return path.with_name(path.name + EVIDENCE_SUFFIX)


def keep_aside(path: Path, *, display: str) -> None:
    """Keep the file at `path` as `<name>.damaged` (an earlier one is kept, not replaced)."""
    evidence = evidence_of(path)
    if evidence.exists():
        return
    try:
        try:
            os.link(path, evidence)
        except FileNotFoundError:
            return
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            _write_new(evidence, path.read_bytes())
        fsync_directory(path.parent)
    except OSError as error:
        raise VaultWriteFailed(
            "errors.vault.save_failed", file=display, reason=os_reason(error)
        ) from None


def modified_at(path: Path) -> datetime | None:
    """When `path` was last written (UTC), None when it does not exist."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError:
        return None


def fsync_directory(directory: Path) -> None:
    """Make renames and unlinks in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_previous(path: Path, token: str) -> None:
    staged = path.with_name(f".{path.name}.{token}.prevtmp")
    try:
        os.link(path, staged)
    except FileNotFoundError:
        return
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        _write_new(staged, path.read_bytes())
    os.replace(staged, previous_of(path))
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()  # rename(2) keeps both names when they already are the same file


def atomic_write(path: Path, data: bytes, *, display: str, keep_previous: bool = True) -> None:
    """Replace `path` with `data` all at once; VaultWriteFailed (state unchanged) on failure."""
    token = secrets.token_hex(6)
    temp = path.with_name(f".{path.name}.{token}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_new(temp, data)
        if keep_previous:
            _keep_previous(path, token)
        os.replace(temp, path)
        fsync_directory(path.parent)
    except OSError as error:
        for leftover in (temp, path.with_name(f".{path.name}.{token}.prevtmp")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise VaultWriteFailed(
            "errors.vault.save_failed", file=display, reason=os_reason(error)
        ) from None


def read_optional(path: Path) -> bytes | None:
    """The bytes of `path`, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def remove_with_previous(path: Path) -> None:
    """Delete a file and its previous generation (missing ones are fine)."""
    for candidate in (path, previous_of(path)):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def remove_temporaries(directory: Path) -> None:
    """Delete leftover temporary files from an interrupted write (they hold only ciphertext)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name.startswith(".") and name.endswith(TEMP_SUFFIXES):
            with contextlib.suppress(OSError):
                (directory / name).unlink()


RESTORING_INFIX = ".restore-"
REPLACED_INFIX = ".replaced-"


def swap_names(target: Path, token: str) -> tuple[Path, Path]:
    """Where a directory swap into `target` stages the new tree and parks the old one."""
    return (
        target.with_name(f".{target.name}{RESTORING_INFIX}{token}"),
        target.with_name(f".{target.name}{REPLACED_INFIX}{token}"),
    )


def finish_interrupted_swap(target: Path) -> None:
    """Undo or complete a directory swap that a crash cut between its two renames.

    With `target` gone, the tree parked aside is the last complete one: it goes back. With
    `target` present, parked and staged leftovers are dropped.
    """
    parent = target.parent
    if not parent.is_dir():
        return
    parked = sorted(parent.glob(f".{target.name}{REPLACED_INFIX}*"))
    staged = sorted(parent.glob(f".{target.name}{RESTORING_INFIX}*"))
    with contextlib.suppress(OSError):
        if not target.exists() and len(parked) == 1:
            os.replace(parked.pop(), target)
            fsync_directory(parent)
        if target.exists():
            for leftover in (*parked, *staged):
                shutil.rmtree(leftover, ignore_errors=True)


class ExportRefused(InvalidInput):
    """A file was asked for somewhere it must not go, or in an unknown format."""


def ensure_outside(path: Path, vault_dir: Path | None) -> None:
    """Refuse a target inside the vault directory, where only ciphertext may live."""
    if vault_dir is None:
        return
    target = path.expanduser().resolve()
    vault = vault_dir.expanduser().resolve()
    if target == vault or vault in target.parents:
        raise ExportRefused("errors.export.inside_vault", path=path, vault=vault_dir)


def _is_special_file(path: Path) -> bool:
    """True for an existing device, pipe or socket: written in place, never renamed over."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically with owner-only permissions (0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportRefused("errors.export.no_folder", path=path, folder=folder)
    if _is_special_file(path):
        with open(path, "wb") as device:
            device.write(data)
        return
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_plaintext(path: Path, data: bytes, *, vault_dir: Path | None) -> Path:
    """Write rendered export bytes outside the vault; a disk failure is one ExportRefused line."""
    ensure_outside(path, vault_dir)
    try:
        write_private(path, data)
    except OSError as error:
        raise ExportRefused(
            "errors.export.write_failed", path=path, reason=os_reason(error)
        ) from None
    return path
