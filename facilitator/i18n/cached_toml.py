"""Provides load_toml: a TOML file's table, from a cache beside it while the file is unchanged.

Every start reads the language registry and a catalog, and parsing their TOML was most of
that time. The TOML files stay the one source: like Python's bytecode, the cache sits in a
`__pycache__` folder next to them, is keyed by the file's size and modification time, holds
nothing the file does not, and is simply not written when the folder is read-only or
bytecode writing is switched off (PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

CACHE_FOLDER = "__pycache__"
CACHE_SUFFIX = ".cache"  # `app.toml` is cached as `__pycache__/app.toml.cache` (JSON)
FORMAT = 1  # raise when the cache's layout changes, so older caches are ignored


def cache_path(path: Path) -> Path:
    """Where the parsed table of the TOML file `path` is cached."""
    return path.parent / CACHE_FOLDER / (path.name + CACHE_SUFFIX)


def load_toml(path: Path) -> dict[str, Any]:
    """The table of the TOML file `path`; OSError when it cannot be read, ValueError
    (tomllib.TOMLDecodeError) when it is not valid TOML."""
    stat = path.stat()
    stamp = [FORMAT, stat.st_size, stat.st_mtime_ns]
    cached = _read_cache(cache_path(path), stamp)
    if cached is not None:
        return cached
    import tomllib  # only when a file changed or was never cached

    table = tomllib.loads(path.read_text(encoding="utf-8"))
    if not sys.dont_write_bytecode:
        _write_cache(cache_path(path), stamp, table)
    return table


def _read_cache(cache: Path, stamp: list[int]) -> dict[str, Any] | None:
    """The cached table when the cache was written for this very file, else None."""
    try:
        data = json.loads(cache.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return None
    table = data.get("table")
    return table if isinstance(table, dict) else None


def _write_cache(cache: Path, stamp: list[int], table: dict[str, Any]) -> None:
    """Write the cache atomically; a folder that cannot be written (or a table JSON cannot
    hold) just means no cache."""
    try:
        text = json.dumps({"stamp": stamp, "table": table}, ensure_ascii=False)
    except (TypeError, ValueError):  # dates and times: TOML has them, JSON does not
        return
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, cache)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
