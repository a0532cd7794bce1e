"""Provides SyncClient, the requests-based client of the sync server's API v1.

Every call has (connect, read) timeouts; transient failures are retried with exponential
backoff and full jitter that honours Retry-After. Sleep and randomness are injected so tests
never sleep. Errors are catalog keys (errors.sync.*): never the token, the body or the URL.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from facilitator.errors import FacilitatorError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "facilitator-sync/1"


class SyncError(FacilitatorError):
    """A sync call failed; the message is one line for the user."""


class Offline(SyncError):
    """The server could not be reached or did not answer in time (after retries)."""


class ServerUnavailable(SyncError):
    """The server kept answering with errors (after retries)."""


class Unauthorized(SyncError):
    """The token is missing, unknown or revoked."""


class Conflict(SyncError):
    """The server holds a different summary under this id."""


class Rejected(SyncError):
    """The server refused the request as invalid (4xx other than 401/409)."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts, backoff base and cap (seconds), (connect, read) timeouts."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0
    timeout: tuple[float, float] = (3.05, 10.0)
    max_retry_after: float = 120.0  # a server asking for longer is waited on this long at most


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


class SyncClient:
    """Talks to one sync server with one organisation token."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        http: requests.Session | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._http = http or requests.Session()
        self._policy = policy or RetryPolicy()
        self._sleep = sleep
        self._rand = rand

    def __repr__(self) -> str:
        return f"SyncClient({self._base!r})"

    def close(self) -> None:
        """Release pooled connections."""
        self._http.close()

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before retry `attempt` (1-based): full jitter, at least Retry-After."""
        ceiling = min(self._policy.cap, self._policy.base * 2.0 ** (attempt - 1))
        delay = float(self._rand()) * ceiling
        if retry_after is not None:
            delay = max(delay, min(retry_after, self._policy.max_retry_after))
        return delay

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        retry: bool = True,
    ) -> requests.Response:
        """Send with retries; return the first non-retryable answer or raise Offline/Unavailable."""
        all_headers = {
            "Authorization": f"Bearer {self._token}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            **(headers or {}),
        }
        if body is not None:
            all_headers["Content-Type"] = "application/json; charset=utf-8"
        last: SyncError = Offline("errors.sync.unreachable")
        attempts = self._policy.attempts if retry else 1
        for attempt in range(1, attempts + 1):
            retry_after = None
            try:
                response = self._http.request(
                    method,
                    self._base + path,
                    data=body,
                    headers=all_headers,
                    params=params,
                    timeout=self._policy.timeout,
                    allow_redirects=False,
                )
            except requests.Timeout:
                last = Offline("errors.sync.timeout")
            except requests.RequestException:
                last = Offline("errors.sync.unreachable")
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                last = ServerUnavailable("errors.sync.server_failing", status=response.status_code)
                response.close()
            if attempt < attempts:
                self._sleep(self.backoff(attempt, retry_after))
        raise last

    @staticmethod
    def _raise_for(response: requests.Response) -> None:
        code = response.status_code
        if 200 <= code < 300:
            return
        if code == 401:
            raise Unauthorized("errors.sync.token_refused")
        if code == 409:
            raise Conflict("errors.sync.conflict")
        if code == 413:
            raise Rejected("errors.sync.too_large")
        if code == 422:
            raise Rejected("errors.sync.invalid")
        if 300 <= code < 400:
            raise Rejected("errors.sync.redirected")
        raise Rejected("errors.sync.refused", status=code)

    def me(self) -> dict[str, Any]:
        """Who the token belongs to: organisation, network and (if the server says) policy."""
        response = self._request("GET", "/v1/me")
        self._raise_for(response)
        return _json_object(response)

    def put_summary(self, summary_id: str, body: bytes) -> bool:
        """Upload exactly `body` under `summary_id`; True when stored now, False when a replay."""
        response = self._request(
            "PUT", f"/v1/summaries/{summary_id}", body=body, headers={"Idempotency-Key": summary_id}
        )
        self._raise_for(response)
        return response.headers.get("Idempotent-Replayed") != "true"

    def delete_summary(self, summary_id: str) -> bool:
        """Withdraw an upload; True when deleted, False when the server had none."""
        response = self._request("DELETE", f"/v1/summaries/{summary_id}")
        if response.status_code == 404:
            return False
        self._raise_for(response)
        return True

    def templates(self) -> dict[str, Any]:
        """The template versions the network accepts (ids, rounds and scales; no texts).

        One attempt, no retries: previews ask it and fall back to the registry last read.
        """
        response = self._request("GET", "/v1/templates", retry=False)
        self._raise_for(response)
        return _json_object(response)

    def aggregates(self, group_by: tuple[str, ...] = ("role_group",)) -> dict[str, Any]:
        """The network's pooled cells, grouped; suppressed cells carry no numbers."""
        response = self._request("GET", "/v1/aggregates", params={"group_by": list(group_by)})
        self._raise_for(response)
        return _json_object(response)


def _json_object(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object; Rejected when it is not one (a proxy page, say)."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise Rejected("errors.sync.bad_answer")
    return data
