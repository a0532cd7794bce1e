"""Provides the server's settings and where its data lives by default.

Settings are built by the CLI or a test and passed to `create_app`, never read at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "facilitator-server"
DB_ENV = "FACILITATOR_SERVER_DB"
DATA_DIR_ENV = "FACILITATOR_SERVER_DATA_DIR"
MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class ServerSettings:
    """Everything one server process needs to run; immutable so workers cannot drift."""

    database_url: str
    max_body_bytes: int = MAX_BODY_BYTES
    rate_per_second: float = 10.0
    rate_burst: int = 60
    migrate_on_startup: bool = True
    release_every_seconds: float | None = None  # `serve` sets a week; None: releases by admin
    release_check_seconds: float = 300.0


def data_dir() -> Path:
    """Return the server's data directory, created on demand; overridable by environment."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """Return the database URL: the environment's if set, else an SQLite file in `data_dir()`."""
    override = os.environ.get(DB_ENV)
    if override:
        return override
    return f"sqlite:///{data_dir() / 'server.sqlite3'}"
