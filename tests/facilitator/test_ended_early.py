"""Tests that a round cut short after it ran is recorded and reported as ended early."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from facilitator.clock import FakeClock
from facilitator.codec import session_from_dict, session_to_dict
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.session import Note, Session
from facilitator.summary import round_times
from screens.run.flow import back_one_round, finish_round
from tests.screens.run.harness import finished_session, planned_session

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_a_round_with_time_is_ended_early_never_skipped() -> None:
    session = planned_session(FakeClock()).with_round_closed(0, 32 * 60, cut_short=True)
    record = session.rounds[0]
    assert record.ended_early and not record.skipped and record.actual_seconds == 32 * 60


def test_a_round_with_content_but_no_time_is_ended_early() -> None:
    session = planned_session(FakeClock())
    session = session.with_note(Note("n1", "opening", "said before the timer ran"))
    record = session.with_round_closed(0, 0, cut_short=True).rounds[0]
    assert record.ended_early and not record.skipped


def test_a_round_that_never_ran_is_skipped() -> None:
    record = planned_session(FakeClock()).with_round_closed(1, 0.4, cut_short=True).rounds[1]
    assert record.skipped and not record.ended_early


def test_a_round_that_ran_to_its_end_is_neither() -> None:
    session = finish_round(planned_session(FakeClock()), 0, 300, skipped=False, now=NOW)
    assert not session.rounds[0].skipped and not session.rounds[0].ended_early
    assert session.current_round == 1


def test_going_back_reopens_the_round_and_keeps_the_time_of_both() -> None:
    session = finish_round(planned_session(FakeClock()), 0, 300, skipped=True, now=NOW)
    back = back_one_round(session, 40, now=NOW)
    assert back.current_round == 0
    assert not back.rounds[0].ended_early and back.rounds[0].actual_seconds == 300
    assert back.rounds[1].actual_seconds == 40
    unrun = back_one_round(session, 0, now=NOW)
    assert unrun.rounds[1].actual_seconds is None  # a round that never ran stays not run
    assert back_one_round(back, 0, now=NOW) == back  # nothing before the first round


def test_ended_early_survives_saving_and_is_only_written_when_true() -> None:
    session = planned_session(FakeClock()).with_round_closed(0, 600, cut_short=True)
    data = session_to_dict(session)
    assert data["rounds"][0]["ended_early"] is True
    assert "ended_early" not in data["rounds"][1]
    assert session_from_dict(data).rounds == session.rounds


def _cut_short(language: str) -> Session:
    session = replace(finished_session(FakeClock()), language=language)
    rounds = list(session.rounds)
    rounds[1] = replace(rounds[1], actual_seconds=32 * 60, ended_early=True)
    rounds[2] = replace(rounds[2], actual_seconds=0, skipped=True)
    return replace(session, rounds=tuple(rounds))


@pytest.mark.parametrize(
    ("language", "ended", "skipped"),
    [
        ("en", "32:00, ended early", "skipped"),
        ("sv", "32:00, avslutades i förtid", "hoppades över"),
    ],
)
def test_reports_say_ended_early_in_the_sessions_language(
    language: str, ended: str, skipped: str
) -> None:
    session = _cut_short(language)
    assert [t.ended_early for t in round_times(session)] == [False, True, False, False, False]
    for text in (session_markdown(session), session_html(session)):
        assert ended in text
        assert text.count(skipped) == 1
