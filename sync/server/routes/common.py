"""Provides the documented error answers shared by every authenticated route."""

from __future__ import annotations

from typing import Any

from sync.server.api_models import Problem, ValidationProblem

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Missing, unknown or revoked token."},
    413: {"model": Problem, "description": "Request body larger than 64 KiB."},
    422: {"model": ValidationProblem, "description": "Invalid request; nothing is echoed."},
    429: {"model": Problem, "description": "Rate limit reached; see Retry-After."},
}
