"""Provides the high-water mark: the newest index save this computer has seen, per vault.

It lives outside the vault (in the configuration folder), so a whole vault put back to an
older copy, which would look valid on its own, opens with a clear message instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

from facilitator.errors import NewerFormat

FORMAT = "facilitator.high-water"
VERSION = 1
FILE_NAME = "high-water.json"


def _read(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # absent or unreadable: nothing seen yet
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise NewerFormat("errors.rollback.mark_newer", path=path, version=version)
    vaults = data.get("vaults")
    if not isinstance(vaults, dict):
        return {}
    return {
        str(k): v
        for k, v in vaults.items()
        if isinstance(v, int) and not isinstance(v, bool) and v >= 0
    }


def _write(path: Path, marks: dict[str, int]) -> None:
    """Replace the mark file all at once; a failure leaves the old one (it is advisory)."""
    text = json.dumps({"format": FORMAT, "version": VERSION, "vaults": marks}, indent=2)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp.write_text(text + "\n", encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()


def seen(path: Path, vault_id: bytes) -> int:
    """The newest index generation seen for this vault (0 when never)."""
    return _read(path).get(vault_id.hex(), 0)


def raise_to(path: Path, vault_id: bytes, generation: int) -> None:
    """Record `generation` when it is newer than the mark."""
    marks = _read(path)
    if marks.get(vault_id.hex(), 0) < generation:
        marks[vault_id.hex()] = generation
        _write(path, marks)


def reset(path: Path, vault_id: bytes, generation: int | None = None) -> None:
    """Set the mark to `generation`, or forget it: a rollback accepted, a backup restored."""
    marks = _read(path)
    if generation is None:
        if marks.pop(vault_id.hex(), None) is None:
            return
    else:
        marks[vault_id.hex()] = generation
    _write(path, marks)
