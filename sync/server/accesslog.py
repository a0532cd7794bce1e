"""Provides the access log format: method, path and status only.

uvicorn's own format adds the client's address and the query string; neither is logged here,
and a summary id in the path is logged as `{summary_id}`, so the log cannot tie an upload's
id to the time it arrived.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
ACCESS_FORMAT = '%(levelname)s: "%(method)s %(path)s" %(status)s'


class AccessFormatter(logging.Formatter):
    """Formats uvicorn's access records as method, path (no query) and status."""

    def __init__(self, fmt: str = ACCESS_FORMAT) -> None:
        super().__init__(fmt)

    def formatMessage(self, record: logging.LogRecord) -> str:
        """Return the line for one request, dropping everything but method, path and status."""
        line = copy.copy(record)
        args = record.args if isinstance(record.args, tuple) else ()
        method, path, status = "-", "-", "-"
        if len(args) == 5:
            method, status = str(args[1]), str(args[4])
            path = _UUID.sub("{summary_id}", str(args[2]).split("?", 1)[0])
        line.__dict__.update(method=method, path=path, status=status)
        return super().formatMessage(line)


def log_config() -> dict[str, Any]:
    """Return uvicorn's logging configuration with this access format."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "default": {"format": "%(levelname)s: %(message)s"},
            "access": {"()": "sync.server.accesslog.AccessFormatter"},
        },
        "handlers": {
            "default": {
                "formatter": "default",
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
            },
            "access": {
                "formatter": "access",
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
