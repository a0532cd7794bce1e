"""Retry policy (backoff, Retry-After, what is retried), URL rules and secrets kept out of reprs."""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest
from urllib3.exceptions import MaxRetryError
from urllib3.response import HTTPResponse

from facilitator.errors import InvalidInput
from sync.client import SyncClient
from sync.retry import JitteredRetry, RetryPolicy, make_retry
from sync.settings import SyncSettings, check_server_url, check_token


def _after(retry: JitteredRetry, retries: int) -> JitteredRetry:
    """`retry` after `retries` failed attempts (503 answers), as urllib3 counts them."""
    for _ in range(retries):
        retry = retry.increment("GET", "/v1/me", error=None, response=_answer(503))
    return retry


def _answer(status: int, retry_after: str | None = None) -> HTTPResponse:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return HTTPResponse(b"", headers=headers, status=status, preload_content=False)


def test_backoff_grows_exponentially_with_full_jitter_and_a_cap() -> None:
    waits: list[float] = []
    full = make_retry(
        RetryPolicy(attempts=9, base=0.5, cap=4.0), sleep=waits.append, rand=lambda: 1.0
    )
    assert [_after(full, n).get_backoff_time() for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    half = make_retry(RetryPolicy(), sleep=waits.append, rand=lambda: 0.5)
    _after(half, 1).sleep()
    _after(half, 1).sleep(_answer(503, "9"))
    _after(half, 1).sleep(_answer(429, "10000"))
    _after(half, 1).sleep(_answer(503, "soon"))
    assert waits == [0.25, 9.0, RetryPolicy().max_retry_after, 0.25]


def test_retries_answers_429_and_5xx_of_idempotent_calls_only() -> None:
    retry = make_retry(RetryPolicy(attempts=3))
    assert all(retry.is_retry("PUT", status) for status in (429, 500, 502, 503, 504))
    assert not any(retry.is_retry("GET", status, True) for status in (400, 401, 409, 413, 422))
    assert not retry.is_retry("POST", 503)
    assert _after(retry, 2).is_exhausted() is False
    with pytest.raises(MaxRetryError):
        _after(retry, 3)
    assert make_retry(RetryPolicy(), attempts=1).total == 0


def test_a_date_in_retry_after_is_honoured() -> None:
    retry = make_retry(RetryPolicy())
    soon = formatdate(time.time() + 60, usegmt=True)
    assert 50 <= retry.parse_retry_after(soon) <= 60


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8000", "http://127.0.0.1", "http://[::1]:9", "https://sync.example.org/"],
)
def test_https_or_loopback_urls_are_accepted(url: str) -> None:
    assert not check_server_url(url).endswith("/")


@pytest.mark.parametrize(
    "url", ["http://sync.example.org", "ftp://x", "https://u:p@x.org", "x.org"]
)
def test_plain_http_elsewhere_and_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput):
        check_server_url(url)


def test_tokens_never_show_in_reprs() -> None:
    assert "secret" not in repr(SyncSettings("https://x", "fst_secret"))
    assert "secret" not in repr(SyncClient("https://x", "fst_secret"))
    assert check_token(" fst_abc\n") == "fst_abc"
    with pytest.raises(InvalidInput):
        check_token("two words")
