"""Provides the ASGI factory uvicorn workers call; it reads settings when called, not at import."""

from __future__ import annotations

import os

from fastapi import FastAPI

from sync.server.app import create_app
from sync.server.settings import DB_ENV, ServerSettings, default_database_url

RATE_ENV = "FACILITATOR_SERVER_RATE_PER_SECOND"
BURST_ENV = "FACILITATOR_SERVER_RATE_BURST"
RELEASE_ENV = "FACILITATOR_SERVER_RELEASE_EVERY_SECONDS"
WEEK_SECONDS = 7 * 24 * 3600.0


def settings_from_environment() -> ServerSettings:
    """Build settings from the variables `facilitator-server serve` exports to its workers."""
    return ServerSettings(
        database_url=os.environ.get(DB_ENV) or default_database_url(),
        rate_per_second=float(os.environ.get(RATE_ENV, "10")),
        rate_burst=int(os.environ.get(BURST_ENV, "60")),
        migrate_on_startup=False,
        release_every_seconds=_release_every(os.environ.get(RELEASE_ENV, str(WEEK_SECONDS))),
    )


def _release_every(value: str) -> float | None:
    """Parse the release interval in seconds; `off` leaves releases to `admin release`."""
    return None if value == "off" else float(value)


def app_from_environment() -> FastAPI:
    """Return an app for one worker; the parent process has already migrated."""
    return create_app(settings_from_environment())
