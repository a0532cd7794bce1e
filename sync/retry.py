"""Provides the sync client's retry policy as urllib3's `Retry`, mounted on a requests adapter.

urllib3 decides what is retried (429 and 5xx answers, connection and read failures of the
idempotent calls) and honours Retry-After; this module adds full-jitter backoff and an
injected sleep and random source, so tests never sleep.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from urllib3.exceptions import InvalidHeader
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRIED_METHODS = frozenset({"GET", "PUT", "DELETE"})  # PUT carries an Idempotency-Key


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts, backoff base and cap (seconds), (connect, read) timeouts."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0
    timeout: tuple[float, float] = (3.05, 10.0)
    max_retry_after: float = 120.0  # a server asking for longer is waited on this long at most


class JitteredRetry(Retry):
    """urllib3's Retry with full-jitter backoff, at least Retry-After, and injectable waits."""

    RETRY_AFTER_STATUS_CODES = RETRY_STATUSES & frozenset({429, 503})

    def __init__(
        self,
        *args: Any,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._wait = sleep
        self._rand = rand

    def new(self, **kw: Any) -> JitteredRetry:
        """The next state of this retry, keeping the injected sleep and random source."""
        retry = super().new(**kw)
        retry._wait, retry._rand = self._wait, self._rand
        return retry

    def get_backoff_time(self) -> float:
        """Full jitter: a random share of `base * 2**(retries - 1)`, capped."""
        retries = max(1, len(self.history))
        ceiling = min(self.backoff_max, self.backoff_factor * 2.0 ** (retries - 1))
        return float(self._rand()) * ceiling

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        """Wait the jittered backoff, or longer when the server's Retry-After asks for it."""
        delay = self.get_backoff_time()
        if response is not None and self.respect_retry_after_header:
            try:
                retry_after = self.get_retry_after(response)
            except InvalidHeader:
                retry_after = None
            if retry_after is not None:
                delay = max(delay, retry_after)
        self._wait(delay)


def make_retry(
    policy: RetryPolicy,
    *,
    attempts: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rand: Callable[[], float] = random.random,
) -> JitteredRetry:
    """The Retry for `policy` (or for `attempts` tries); the last failing answer is returned."""
    return JitteredRetry(
        total=(policy.attempts if attempts is None else attempts) - 1,
        redirect=0,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=RETRIED_METHODS,
        backoff_factor=policy.base,
        backoff_max=policy.cap,
        retry_after_max=int(policy.max_retry_after),
        raise_on_status=False,
        raise_on_redirect=False,
        respect_retry_after_header=True,
        sleep=sleep,
        rand=rand,
    )
