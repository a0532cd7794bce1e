"""Backoff, Retry-After parsing, URL rules and that secrets stay out of reprs."""

from __future__ import annotations

import pytest

from facilitator.errors import InvalidInput
from sync.client import RetryPolicy, SyncClient, retry_after_seconds
from sync.settings import SyncSettings, check_server_url, check_token


def test_backoff_grows_exponentially_with_full_jitter_and_a_cap() -> None:
    client = SyncClient("https://x", "t", policy=RetryPolicy(base=0.5, cap=4.0), rand=lambda: 1.0)
    assert [client.backoff(n, None) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    half = SyncClient("https://x", "t", rand=lambda: 0.5)
    assert half.backoff(1, None) == 0.25
    assert half.backoff(1, 9.0) == 9.0
    assert half.backoff(1, 10_000.0) == RetryPolicy().max_retry_after


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=lambda: 1445412480.0) == 10.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


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
