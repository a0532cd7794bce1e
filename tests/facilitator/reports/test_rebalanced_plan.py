"""Tests that reports keep a rebalanced round's first plan beside the plan it ran with."""

from __future__ import annotations

from dataclasses import replace

import pytest

from facilitator.clock import FakeClock
from facilitator.rebalance import propose_rebalance
from facilitator.reports.html import session_html
from facilitator.reports.markdown import session_markdown
from facilitator.session import Session
from facilitator.summary import round_times
from tests.screens.run.harness import finished_session


def rebalanced(language: str = "en") -> Session:
    """The harness session after resources ran 18 of 12 minutes and the rest was rebalanced."""
    session = finished_session(FakeClock())
    session = replace(session, language=language)
    proposal = propose_rebalance(session, 1, elapsed_seconds=18 * 60)
    rounds = list(proposal.rounds)
    rounds[1] = replace(rounds[1], actual_seconds=2 * 60 + 27)
    return replace(session, rounds=tuple(rounds))


def test_round_times_carry_the_first_plan_only_when_it_changed() -> None:
    times = round_times(rebalanced())
    assert [t.first_planned_minutes for t in times] == [None, None, 12, 12, 10]
    assert times[1].planned_minutes == 12  # the running round's plan was never rewritten


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "min (first planned 12)"), ("sv", "min (först planerat 12)")],
)
def test_markdown_and_html_show_both_plans(language: str, expected: str) -> None:
    session = rebalanced(language)
    attitudes = session.rounds[2].planned_minutes
    assert attitudes < 12
    assert f"{attitudes} {expected}" in session_markdown(session)
    assert f"{attitudes} {expected}" in session_html(session)
    assert "first planned 5" not in session_markdown(session)
