"""Sync errors and CLI lines in English and Swedish: settings, server failures, push, withdraw, stats."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests
from urllib3.exceptions import MaxRetryError, ReadTimeoutError

from facilitator.cli.context import CliContext
from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError
from facilitator.outbox import load_outbox
from facilitator.paths import Locations
from facilitator.session import Session
from sync.cli import build_parser, run
from sync.client import Offline, RetryPolicy, ServerUnavailable, SyncClient, Unauthorized
from sync.push import Withdrawal, failure_note, note_text, push_outbox, withdraw
from sync.service import SyncService
from sync.settings import SyncSettings, check_region, check_server_url, check_token
from sync.stats import NetworkRow, ReleaseNote, format_rows, network_rows
from tests.facilitator.fixtures import sample_session

TOKEN = "fst_secret-token-value"


class FakeHttp(requests.Session):
    """Answers every request with `answer()`: a status code, or an exception to raise."""

    def __init__(self, answer: Callable[[], int | Exception], body: bytes = b"{}") -> None:
        super().__init__()
        self.answer = answer
        self.body = body
        self.calls = 0

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kw: Any) -> Any:
        self.calls += 1
        outcome = self.answer()
        if isinstance(outcome, Exception):
            raise outcome
        response = requests.Response()
        response.status_code = outcome
        response._content = self.body
        response._content_consumed = True
        return response


class MemoryVault:
    """Documents and sessions in memory."""

    def __init__(self, *sessions: Session) -> None:
        self.documents: dict[str, dict[str, Any]] = {}
        self.sessions = {s.id: s for s in sessions}

    def load_document(self, name: str) -> dict[str, Any]:
        return dict(self.documents.get(name, {}))

    def save_document(self, name: str, data: dict[str, Any]) -> None:
        self.documents[name] = data

    def list_sessions(self) -> list[Session]:
        return list(self.sessions.values())

    def load_session(self, session_id: str) -> Session:
        return self.sessions[session_id]


def _client(http: FakeHttp) -> SyncClient:
    policy = RetryPolicy(attempts=2, base=0.0, cap=0.0)
    return SyncClient("https://sync.example.org", TOKEN, http=http, policy=policy, sleep=id)


def _both(error: FacilitatorError) -> tuple[str, str]:
    return str(error), error.render("sv")


def test_https_is_required_in_english_and_swedish() -> None:
    with pytest.raises(FacilitatorError) as caught:
        check_server_url("http://sync.example.org")
    assert _both(caught.value) == (
        "the server must use https (plain http only for localhost); "
        "give an address that starts with https://",
        "servern måste använda https (vanlig http bara för localhost); "
        "ange en adress som börjar med https://",
    )


@pytest.mark.parametrize(
    ("check", "value", "swedish_start"),
    [
        (check_server_url, "sync.example.org", "servern ska anges som en webbadress"),
        (check_server_url, "https://u:p@x.org", "serveradressen får inte innehålla"),
        (check_token, "two words", "token är tom, för lång eller innehåller mellanslag"),
        (check_region, "Jönköping", 'okänd region "Jönköping"; använd någon av SE-AB,'),
    ],
)
def test_settings_refusals_render_in_swedish(
    check: Callable[[str], object], value: str, swedish_start: str
) -> None:
    with pytest.raises(FacilitatorError) as caught:
        check(value)
    assert caught.value.render("sv").startswith(swedish_start)
    assert "\n" not in str(caught.value) and "; " in str(caught.value)


@pytest.mark.parametrize(
    ("failure", "kind", "english", "swedish"),
    [
        (
            requests.ConnectionError("refused by 10.0.0.1 with " + TOKEN),
            Offline,
            "the sync server could not be reached; check the network connection and try again",
            "det gick inte att nå synkservern; kontrollera nätverksanslutningen och försök igen",
        ),
        (
            requests.ReadTimeout("read timed out"),
            Offline,
            "the sync server did not answer in time; try again later",
            "synkservern svarade inte i tid; försök igen senare",
        ),
        (
            requests.ConnectionError(
                MaxRetryError(None, "/v1/me", ReadTimeoutError(None, "/v1/me", "read timed out"))  # type: ignore[arg-type]
            ),
            Offline,
            "the sync server did not answer in time; try again later",
            "synkservern svarade inte i tid; försök igen senare",
        ),
        (
            503,
            ServerUnavailable,
            "the sync server kept answering with an error (HTTP 503); try again later",
            "synkservern svarar med fel gång på gång (HTTP 503); försök igen senare",
        ),
    ],
)
def test_an_unreachable_or_failing_server_is_one_line_in_both_languages(
    failure: int | Exception, kind: type[Exception], english: str, swedish: str
) -> None:
    http = FakeHttp(lambda: failure)
    with pytest.raises(kind) as caught:
        _client(http).me()
    assert isinstance(caught.value, FacilitatorError)
    assert _both(caught.value) == (english, swedish)
    assert TOKEN not in english + swedish  # retries happen in the adapter: tests/sync/client


@pytest.mark.parametrize(
    ("status", "body", "swedish"),
    [
        (401, b"{}", "servern godtar inte token; ange en ny med `facilitator sync config"),
        (413, b"{}", "servern avvisade sammanställningen eftersom den är för stor;"),
        (302, b"{}", "servern skickade vidare begäran till en annan adress;"),
        (418, b"{}", "servern avvisade begäran (HTTP 418);"),
        (200, b"<html>proxy login</html>", "serverns svar gick inte att läsa;"),
    ],
)
def test_server_answers_are_explained_without_the_token(
    status: int, body: bytes, swedish: str
) -> None:
    with pytest.raises(FacilitatorError) as caught:
        _client(FakeHttp(lambda: status, body)).me()
    assert caught.value.render("sv").startswith(swedish)
    assert TOKEN not in str(caught.value) and "proxy" not in str(caught.value)
    assert isinstance(caught.value, Unauthorized) == (status == 401)


def test_a_failed_push_keeps_a_note_that_renders_in_any_language() -> None:
    vault = MemoryVault()
    session = sample_session()
    service = SyncService(lambda: vault, FakeClock())
    service.approve(session)
    report = push_outbox(vault, _client(FakeHttp(lambda: 503)), FakeClock())
    assert report.remaining == 1 and report.failure is not None
    assert (
        report.error == "the sync server kept answering with an error (HTTP 503); try again later"
    )
    assert report.failure.render("sv").startswith("synkservern svarar med fel")
    note = load_outbox(vault).entries[0].last_error
    assert note == "errors.sync.server_failing status=503"
    assert str(note_text(note)) == report.error
    assert note_text("the sync server answered 503 repeatedly") == (
        "the sync server answered 503 repeatedly"
    )
    assert failure_note(FacilitatorError("a plain sentence")) == "a plain sentence"


def _ctx(language: str) -> CliContext:
    return CliContext(
        args=argparse.Namespace(),
        locations=Locations(vault=Path("unused"), config=Path("unused")),
        out=io.StringIO(),
        err=io.StringIO(),
        stdin=io.StringIO(),
        clock=FakeClock(),
        language=language,
    )


def _run(argv: list[str], ctx: CliContext, service: SyncService, vault: MemoryVault) -> int:
    return run(build_parser().parse_args(argv), ctx, service, vault)


def test_cli_push_status_and_withdraw_speak_swedish() -> None:
    session = sample_session()
    vault = MemoryVault(session)

    def client(settings: SyncSettings) -> SyncClient:
        return _client(FakeHttp(lambda: requests.Timeout("slow")))

    service = SyncService(lambda: vault, FakeClock(), client)
    ctx = _ctx("sv")
    assert _run(["approve", session.id], ctx, service, vault) == 0
    assert _run(["push"], ctx, service, vault) == 1
    assert ctx.err.getvalue().splitlines()[-1] == (
        "avbrutet: synkservern svarade inte i tid; försök igen senare; resten ligger kvar i kön"
    )
    assert _run(["status"], ctx, service, vault) == 0
    assert (
        ctx.out.getvalue().rstrip().endswith("(synkservern svarade inte i tid; försök igen senare)")
    )
    assert _run(["withdraw", session.id], ctx, service, vault) == 0
    assert _run(["withdraw", session.id], ctx, service, vault) == 0
    assert ctx.out.getvalue().splitlines()[-2:] == [
        "borttagen ur kön; den skickades aldrig",
        "redan tillbakadragen; inget att göra",
    ]


def test_withdrawing_something_never_shared_says_what_to_do() -> None:
    with pytest.raises(FacilitatorError) as caught:
        withdraw(MemoryVault(), "nothing-here", lambda: pytest.fail("no network"))
    assert _both(caught.value) == (
        "nothing was shared or queued for this session; `facilitator sync status` lists what was",
        "inget har delats eller lagts i kön för det här samtalet; "
        "`facilitator sync status` visar vad som finns",
    )
    assert {w.value for w in Withdrawal} == {"already", "dequeued", "deleted", "gone"}


RELEASE = ReleaseNote("2026-11-30", noise=True, min_sessions=5, min_organisations=3)
ROWS = (
    NetworkRow("esther", "resources", "professionals", False, 4.25, None, None, 30, 3.5, 2,
               mean_margin=0.5, release=RELEASE),
    NetworkRow("esther", "resources", "managers", True, None, None, None, None, None, 0,
               release=RELEASE),
    NetworkRow("esther", "voice", None, False, 5.0, None, None, 90, None, 0, mean_margin=0.25,
               release=RELEASE),
)  # fmt: skip


def test_stats_table_in_swedish_with_decimal_commas() -> None:
    lines = format_rows(ROWS, "sv")
    assert lines[0] == (
        "siffror från publiceringen 2026-11-30; ± är 95-procentsmarginalen för bruset som "
        "skyddar varje samtal; celler med färre än 5 samtal eller 3 organisationer döljs"
    )
    assert lines[1].split() == [
        "mall",
        "dimension",
        "rollgrupp",
        "nätverket",
        "dina",
        "(samtal)",
    ]
    assert lines[2].split() == [
        "esther",
        "resources",
        "Personal",
        "4,25",
        "±",
        "0,50",
        "n=30",
        "3,50",
        "(2)",
    ]
    assert lines[3].split() == ["esther", "resources", "Chefer", "för", "få", "för", "att",
                                "visas", "—"]  # fmt: skip
    assert lines[4].split() == ["esther", "voice", "alla", "5,00", "±", "0,25", "n=90", "—"]
    assert len({len(line) for line in lines[1:]}) == 1  # aligned: every line as wide


def test_stats_table_in_english_and_without_figures() -> None:
    lines = format_rows(ROWS, "en")
    assert lines[0].startswith("figures of the release of 2026-11-30; ± is the 95% margin")
    assert lines[1].split()[:3] == ["template", "dimension", "role"]
    assert "too few to show" in lines[3] and "Professionals" in lines[2]
    assert "4.25 ± 0.50 n=30" in lines[2]
    exact = replace(ROWS[0], mean_margin=None, release=replace(RELEASE, noise=False))
    shares = replace(exact, mean=None, distribution=(0, 0, 0.2, 0.5, 0.3, 0, 0))
    lines = format_rows((exact, shares), "en")
    assert lines[0].startswith("exact figures of the release of 2026-11-30")
    assert "4.25 n=30" in lines[2] and "mostly 4 (50%) n=30" in lines[3]
    assert format_rows((), "sv") == [
        "nätverket har inga siffror än; de visas när tillräckligt många samtal har delats"
    ]


def test_a_noisy_release_lists_your_unlisted_cells_as_too_few_to_show() -> None:
    session = sample_session()
    assert session.ratings
    release = {"number": 2, "released_on": "2026-11-30", "epsilon": 1.0, "noise": True,
               "min_sessions": 5, "min_organisations": 3}  # fmt: skip
    rows = network_rows({"group_by": ["role_group"], "release": release, "cells": []}, [session])
    assert {(r.template, r.dimension, r.role_group) for r in rows} == {
        (session.template.id, r.dimension, r.role_group.value) for r in session.ratings
    }
    assert all(r.suppressed and r.own_sessions == 1 and r.release for r in rows)
    assert "too few to show" in format_rows(rows, "en")[2]
    exact = {"group_by": ["role_group"], "release": {**release, "noise": False}, "cells": []}
    assert network_rows(exact, [session]) == ()
