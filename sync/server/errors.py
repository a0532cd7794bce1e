"""Provides error answers that never echo what the client sent and never leak secrets.

Validation errors keep the field path and what was expected; submitted values are dropped.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

log = logging.getLogger("sync.server")

# Error types whose pydantic message can quote part of the input.
_GENERIC_MESSAGES = {
    "uuid_parsing": "Input should be a valid UUID",
    "uuid_type": "Input should be a valid UUID",
    "json_invalid": "Invalid JSON",
    "extra_forbidden": "Unknown field; this schema accepts no extra fields",
}


def _clean(error: dict[str, Any]) -> dict[str, Any]:
    """Return one error reduced to path, fixed message and type."""
    kind = str(error.get("type", "value_error"))
    loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
    if kind == "extra_forbidden" and loc:
        loc = loc[:-1]
    msg = _GENERIC_MESSAGES.get(kind, str(error.get("msg", "Invalid value")))
    return {"loc": loc, "msg": msg, "type": kind}


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """Answer 422 with where and what was wrong, without the submitted values."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse(status_code=422, content={"detail": [_clean(e) for e in errors]})


# FastAPI's answer when a body is not decodable text; we report it like any invalid JSON.
_UNPARSABLE_BODY = "There was an error parsing the body"


async def http_error(request: Request, exc: Exception) -> Response:
    """Answer HTTP errors as JSON; list every method of a path on 405; undecodable body is 422."""
    if not isinstance(exc, HTTPException):
        raise exc
    if exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY:
        problem = {
            "loc": ["body"],
            "msg": "Body must be UTF-8 encoded JSON",
            "type": "json_invalid",
        }
        return JSONResponse(status_code=422, content={"detail": [problem]})
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> list[str]:
    """Return every method some route offers for the request's path."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] == Match.FULL for r in routes)
    ]


def log_unexpected(request: Request | None, exc: BaseException) -> None:
    """Log an unexpected error by type and stack only; messages may quote data."""
    where = "" if request is None else f" on {request.method} {request.url.path}"
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s%s\n%s", type(exc).__name__, where, stack)
