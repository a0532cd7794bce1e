"""Deterministic fault injection around the file operations the vault and restore use.

Every mutating call under a root (create, write, fsync, rename, link, unlink, mkdir, rmdir)
is a numbered point; the layer fails (OSError) or kills at point N, like SQLite's crash tests.
It also keeps what a disk would have durably, so a power cut can drop unsynced writes.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Mode = Literal["count", "fail", "kill", "power"]
Key = int  # an inode number, or a negative label for an inode that died and was reused

_REAL: dict[str, Callable[..., Any]] = {
    name: getattr(os, name)
    for name in ("open", "write", "fsync", "replace", "rename", "link", "unlink", "mkdir", "rmdir")
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


class Killed(BaseException):
    """The process died at a fault point; nothing after it runs."""


def _fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


@dataclass
class Disk:
    """What survives a power cut: directory entries and file contents as last fsynced."""

    root: Path
    names: dict[Key, dict[str, Key]] = field(default_factory=dict)
    contents: dict[Key, bytes] = field(default_factory=dict)
    dirs: set[Key] = field(default_factory=set)
    root_key: Key = 0
    _dead_labels: int = 0

    def snapshot(self) -> None:
        """Everything present now counts as durable."""
        self.root_key = self.root.stat().st_ino
        self._scan(self.root, self.root_key)

    def _scan(self, directory: Path, key: Key) -> None:
        self.dirs.add(key)
        self.names[key] = {}
        for entry in os.scandir(directory):
            child = entry.inode()
            self.names[key][entry.name] = child
            if entry.is_dir(follow_symlinks=False):
                self._scan(Path(entry.path), child)
            else:
                self.contents[child] = Path(entry.path).read_bytes()

    def born(self, key: Key) -> None:
        """A new inode reuses `key`: relabel the dead one that the durable state still names."""
        known = key in self.contents or key in self.dirs
        if not known:
            return
        self._dead_labels -= 1
        label = self._dead_labels
        if key in self.contents:
            self.contents[label] = self.contents.pop(key)
        if key in self.dirs:
            self.dirs.discard(key)
            self.dirs.add(label)
            self.names[label] = self.names.pop(key, {})
        for entries in self.names.values():
            for name, child in entries.items():
                if child == key:
                    entries[name] = label

    def synced(self, fd: int) -> None:
        """An fsync: a directory's entries or a file's bytes are now durable."""
        info = os.fstat(fd)
        where = _fd_path(fd)
        if stat.S_ISDIR(info.st_mode):
            self.dirs.add(info.st_ino)
            self.names[info.st_ino] = {e.name: e.inode() for e in os.scandir(where)}
        else:
            self.contents[info.st_ino] = Path(where).read_bytes()

    def cut(self) -> None:
        """Power loss: the tree under the root becomes what was durable."""
        for entry in list(self.root.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        self._build(self.root, self.root_key, {})

    def _build(self, directory: Path, key: Key, made: dict[Key, Path]) -> None:
        for name, child in sorted(self.names.get(key, {}).items()):
            path = directory / name
            if child in self.dirs:
                path.mkdir()
                self._build(path, child, made)
            elif child in made:
                os.link(made[child], path)
            else:
                path.write_bytes(self.contents.get(child, b""))
                made[child] = path


class FaultLayer:
    """Counts the fault points of an operation, or fails or kills at point `at`."""

    def __init__(self, root: Path, mode: Mode = "count", at: int = 0) -> None:
        self.root = str(root.resolve())
        self.mode = mode
        self.at = at
        self.points: list[str] = []
        self.fired = False
        self.dead = False
        self.disk = Disk(root.resolve())

    def _under(self, path: object, dir_fd: int | None = None) -> bool:
        text = os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else ""
        if dir_fd is not None and not os.path.isabs(text):
            text = os.path.join(_fd_path(dir_fd), text)
        return os.path.abspath(text).startswith(self.root)

    def _point(self, kind: str, under: bool) -> None:
        if self.dead:
            raise Killed(kind)
        if not under:
            return
        self.points.append(kind)
        if self.mode == "count" or len(self.points) != self.at:
            return
        self.fired = True
        if self.mode == "fail":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        self.dead = True
        raise Killed(kind)

    # ----- the wrapped calls ---------------------------------------------------------------

    def _open(self, path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        writing = bool(flags & _WRITE_FLAGS)
        under = self._under(path, dir_fd)
        creating = bool(flags & os.O_CREAT) and under
        if writing:
            self._point("create" if creating else "open", under)
        fd: int = _REAL["open"](path, flags, mode, dir_fd=dir_fd)
        if creating:
            self.disk.born(os.fstat(fd).st_ino)
        return fd

    def _write(self, fd: int, data: Any) -> int:
        self._point("write", _fd_path(fd).startswith(self.root))
        written: int = _REAL["write"](fd, data)
        return written

    def _fsync(self, fd: int) -> None:
        where = _fd_path(fd)
        under = where.startswith(self.root)
        kind = "directory fsync" if os.path.isdir(where) else "fsync"
        self._point(kind, under)
        _REAL["fsync"](fd)
        if under:
            self.disk.synced(fd)

    def _renamer(self, name: str) -> Callable[..., None]:
        def rename(src: Any, dst: Any, **kwargs: Any) -> None:
            self._point("rename", self._under(dst, kwargs.get("dst_dir_fd")))
            _REAL[name](src, dst, **kwargs)

        return rename

    def _link(self, src: Any, dst: Any, **kwargs: Any) -> None:
        self._point("link", self._under(dst, kwargs.get("dst_dir_fd")))
        _REAL["link"](src, dst, **kwargs)

    def _unlink(self, path: Any, *, dir_fd: int | None = None) -> None:
        self._point("unlink", self._under(path, dir_fd))
        _REAL["unlink"](path, dir_fd=dir_fd)

    def _mkdir(self, path: Any, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        under = self._under(path, dir_fd)
        self._point("mkdir", under)
        _REAL["mkdir"](path, mode, dir_fd=dir_fd)
        if under:
            self.disk.born(os.stat(path, dir_fd=dir_fd).st_ino)

    def _rmdir(self, path: Any, *, dir_fd: int | None = None) -> None:
        self._point("rmdir", self._under(path, dir_fd))
        _REAL["rmdir"](path, dir_fd=dir_fd)

    @contextmanager
    def active(self) -> Iterator[FaultLayer]:
        """Wrap the calls for the duration of the block (a power cut applies when it ends).

        In power mode an `at` beyond the last point cuts the power after the operation.
        """
        self.disk.snapshot()
        wrapped = {
            "open": self._open,
            "write": self._write,
            "fsync": self._fsync,
            "replace": self._renamer("replace"),
            "rename": self._renamer("rename"),
            "link": self._link,
            "unlink": self._unlink,
            "mkdir": self._mkdir,
            "rmdir": self._rmdir,
        }
        for name, function in wrapped.items():
            setattr(os, name, function)
        try:
            yield self
        finally:
            for name, function in _REAL.items():
                setattr(os, name, function)
            if self.mode == "power" and (self.fired or self.at > len(self.points)):
                self.disk.cut()
