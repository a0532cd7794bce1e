"""Provides `create_app`, the one place a server application is assembled.

The CLI, the ASGI factory for workers and the tests all build the app here from settings.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from sync.server.aggregates import AnswerCache
from sync.server.db import make_engine, migrate
from sync.server.errors import http_error, validation_error
from sync.server.groupcommit import upload_store_for
from sync.server.middleware import GuardMiddleware
from sync.server.ratelimit import limiter_for
from sync.server.routes import aggregates, info, summaries
from sync.server.scheduler import ReleaseSchedule
from sync.server.settings import ServerSettings

API_TITLE = "Facilitator sync server"
API_VERSION = "1.0.0"


def create_app(settings: ServerSettings, engine: sa.Engine | None = None) -> FastAPI:
    """Build the application for `settings`; migrate the database first unless told not to."""
    engine = engine if engine is not None else make_engine(settings.database_url)
    if settings.migrate_on_startup:
        migrate(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        schedule = None
        if settings.release_every_seconds is not None:
            interval = timedelta(seconds=settings.release_every_seconds)
            schedule = ReleaseSchedule(engine, interval, settings.release_check_seconds)
            schedule.start()
        yield
        if schedule is not None:
            schedule.stop()
        uploads.close()
        engine.dispose()

    uploads = upload_store_for(engine)
    app = FastAPI(
        title=API_TITLE,
        version=API_VERSION,
        description="Pools anonymized session summaries for networks of organisations.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.uploads = uploads
    app.state.aggregate_answers = AnswerCache()
    app.state.rate_limiter = limiter_for(engine, settings.rate_per_second, settings.rate_burst)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.include_router(summaries.router)
    app.include_router(aggregates.router)
    app.include_router(info.router)
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes)
    return app
