"""Provides SyncClient, the requests-based client of the sync server's API v1.

Every call has (connect, read) timeouts; transient failures are retried by urllib3's Retry
(see sync.retry) with full-jitter backoff that honours Retry-After. Sleep and randomness are
injected so tests never sleep. Errors are catalog keys (errors.sync.*): never the token, the
body or the URL.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from facilitator.errors import FacilitatorError
from sync.retry import RETRY_STATUSES, RetryPolicy, make_retry

__all__ = [
    "Conflict",
    "Offline",
    "Rejected",
    "RetryPolicy",
    "ServerUnavailable",
    "SyncClient",
    "SyncError",
    "Unauthorized",
]

ONCE_PATHS = ("/v1/templates",)  # asked by previews, which fall back to the registry last read
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
        retry = make_retry(self._policy, sleep=sleep, rand=rand)
        self._http.mount(self._base + "/", HTTPAdapter(max_retries=retry))
        for path in ONCE_PATHS:  # requests picks the adapter with the longest matching prefix
            once = make_retry(self._policy, attempts=1, sleep=sleep, rand=rand)
            self._http.mount(self._base + path, HTTPAdapter(max_retries=once))

    def __repr__(self) -> str:
        return f"SyncClient({self._base!r})"

    def close(self) -> None:
        """Release pooled connections."""
        self._http.close()

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> requests.Response:
        """Send (the adapter retries); return the answer or raise Offline/ServerUnavailable."""
        all_headers = {
            "Authorization": f"Bearer {self._token}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            **(headers or {}),
        }
        if body is not None:
            all_headers["Content-Type"] = "application/json; charset=utf-8"
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
        except requests.RequestException as error:
            key = "errors.sync.timeout" if _timed_out(error) else "errors.sync.unreachable"
            raise Offline(key) from None
        if response.status_code in RETRY_STATUSES:
            response.close()
            raise ServerUnavailable("errors.sync.server_failing", status=response.status_code)
        return response

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
        response = self._request("GET", "/v1/templates")
        self._raise_for(response)
        return _json_object(response)

    def aggregates(self, group_by: tuple[str, ...] = ("role_group",)) -> dict[str, Any]:
        """The network's pooled cells, grouped; suppressed cells carry no numbers."""
        response = self._request("GET", "/v1/aggregates", params={"group_by": list(group_by)})
        self._raise_for(response)
        return _json_object(response)


def _timed_out(error: requests.RequestException) -> bool:
    """Whether the server took too long, rather than could not be reached at all."""
    if isinstance(error, requests.Timeout):
        return True
    reason = (
        error.args[0].reason if error.args and isinstance(error.args[0], MaxRetryError) else None
    )
    if isinstance(reason, NewConnectionError):
        return False
    return isinstance(reason, Urllib3Timeout)  # connect or read timeout, after the retries


def _json_object(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object; Rejected when it is not one (a proxy page, say)."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise Rejected("errors.sync.bad_answer")
    return data
