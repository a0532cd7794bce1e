"""Provides the per-token rate limit: a token bucket in the process, or in PostgreSQL.

SQLite serves from one process, so its bucket lives in memory; on PostgreSQL every worker
and host charges the same row, so the limit holds however many processes serve.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from sync.server.models import rate_limits


class Limiter(Protocol):
    """Charges one request to a token and says how long to wait when it is over the limit."""

    def acquire(self, key: int) -> float:
        """Take one request's allowance for `key`; return 0 if allowed, else seconds to wait."""
        ...


@dataclass
class _Bucket:
    """Tokens left and when they were last topped up."""

    tokens: float
    updated: float


class RateLimiter:
    """Allows `burst` requests at once per key, refilled at `rate` per second (one process)."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._lock = threading.Lock()

    def acquire(self, key: int) -> float:
        """Take one request's token for `key`; return 0 if allowed, else seconds to wait."""
        with self._lock:
            now = self._clock()
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(self._burst, now)
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return _wait(bucket.tokens, self._rate)


def _wait(allowance: float, rate: float) -> float:
    """Return the seconds until a bucket holding `allowance` has one whole request again."""
    if rate <= 0:
        return math.inf
    return (1.0 - allowance) / rate


def _shared_statement(rate: float, burst: int) -> Any:
    """Return the one-statement bucket update: top up by the database clock, take one if there.

    The upsert holds the token's row lock, so concurrent requests from any process are
    charged one after another and each sees the allowance the previous one left.
    """
    now = sa.func.extract("epoch", sa.func.clock_timestamp())
    insert = postgresql.insert(rate_limits).values(
        token_id=sa.bindparam("token_id"),
        allowance=float(max(burst - 1, 0)),
        updated=now,
        granted=burst >= 1,
    )
    # A request that read the clock, then waited for the row lock, may be older than the
    # row's last update: it gets no refill rather than a negative one.
    latest = sa.func.greatest(insert.excluded.updated, rate_limits.c.updated)
    topped_up = sa.func.least(
        float(burst), rate_limits.c.allowance + (latest - rate_limits.c.updated) * rate
    )
    return insert.on_conflict_do_update(
        index_elements=["token_id"],
        set_={
            "allowance": sa.case((topped_up >= 1.0, topped_up - 1.0), else_=topped_up),
            "updated": latest,
            "granted": topped_up >= 1.0,
        },
    ).returning(rate_limits.c.allowance, rate_limits.c.granted)


class SharedRateLimiter:
    """The same token bucket as RateLimiter, kept in PostgreSQL for every process at once."""

    def __init__(self, engine: sa.Engine, rate: float, burst: int) -> None:
        self._engine = engine
        self._rate = rate
        self._statement = _shared_statement(rate, burst)

    def acquire(self, key: int) -> float:
        """Charge one request to `key`'s row; blocking, so call it from a worker thread."""
        with self._engine.begin() as conn:
            allowance, granted = conn.execute(self._statement, {"token_id": key}).one()
        return 0.0 if granted else _wait(float(allowance), self._rate)


def limiter_for(engine: sa.Engine, rate: float, burst: int) -> Limiter:
    """Return the limiter for a database: shared on PostgreSQL, in memory on SQLite."""
    if engine.dialect.name == "postgresql":
        return SharedRateLimiter(engine, rate, burst)
    return RateLimiter(rate, burst)


def retry_after_header(wait_seconds: float) -> str:
    """Return a `Retry-After` value: whole seconds, at least one, rounded up."""
    if math.isinf(wait_seconds):
        return "3600"
    return str(max(1, math.ceil(wait_seconds)))
