"""Provides an in-process token-bucket rate limiter keyed by API token.

Each worker process limits on its own; that bounds abuse without shared state.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    """Tokens left and when they were last topped up."""

    tokens: float
    updated: float


class RateLimiter:
    """Allows `burst` requests at once per key, refilled at `rate` per second."""

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
            if self._rate <= 0:
                return math.inf
            return (1.0 - bucket.tokens) / self._rate


def retry_after_header(wait_seconds: float) -> str:
    """Return a `Retry-After` value: whole seconds, at least one, rounded up."""
    if math.isinf(wait_seconds):
        return "3600"
    return str(max(1, math.ceil(wait_seconds)))
