"""Tests that a rebalance keeps the planned end, or says by how much it cannot."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from facilitator.codec import session_from_dict, session_to_dict
from facilitator.rebalance import propose_rebalance
from facilitator.session import RoundRecord, Session
from tests.facilitator.fixtures import sample_session


def _session(plan: list[int], used: list[int]) -> Session:
    """A session whose first len(used) rounds ran for `used` seconds."""
    rounds = tuple(
        RoundRecord(f"r{i}", minutes, used[i] if i < len(used) else None)
        for i, minutes in enumerate(plan)
    )
    return replace(sample_session(), rounds=rounds, current_round=len(used))


def test_the_remaining_rounds_absorb_an_overrun_and_the_end_holds() -> None:
    session = _session([5, 12, 12, 12, 10], [5 * 60])
    proposal = propose_rebalance(session, 1, elapsed_seconds=18 * 60)
    minutes = [r.planned_minutes for r in proposal.rounds]
    assert minutes[:2] == [5, 12]
    assert sum(minutes[2:]) == 51 - 5 - 18
    assert proposal.fits and proposal.late_minutes == 0
    assert proposal.end_seconds == (51 - 23) * 60
    assert proposal.best_seconds <= proposal.end_seconds
    assert [r.original_minutes for r in proposal.rounds] == [None, None, 12, 12, 10]


def test_the_running_rounds_countdown_left_is_kept_for_it() -> None:
    """Half-way through a 12-minute round extended by 3: the 9 minutes left stay its own."""
    session = _session([5, 12, 12, 12, 10], [9 * 60])
    proposal = propose_rebalance(session, 1, elapsed_seconds=6 * 60, planned_seconds=15 * 60)
    assert proposal.rounds[1] == session.rounds[1]
    end = (51 - 9 - 6) * 60
    assert proposal.end_seconds == end
    assert sum(r.planned_minutes for r in proposal.rounds[2:]) * 60 <= end - 9 * 60


def test_when_the_end_cannot_hold_it_says_how_late_the_best_end_is() -> None:
    session = _session([5, 12, 12, 12, 10], [5 * 60])
    proposal = propose_rebalance(session, 1, elapsed_seconds=45 * 60)
    assert not proposal.fits
    assert [r.planned_minutes for r in proposal.rounds[2:]] == [1, 1, 1]
    assert proposal.end_seconds == (51 - 50) * 60
    assert proposal.best_seconds == 3 * 60
    assert proposal.late_minutes == 2


def test_a_second_rebalance_shares_by_the_first_plan_and_keeps_it() -> None:
    session = _session([5, 12, 12, 12, 10], [5 * 60])
    first = propose_rebalance(session, 1, elapsed_seconds=18 * 60)
    later = replace(session, rounds=first.rounds)
    later = replace(
        later,
        rounds=(
            later.rounds[0],
            replace(later.rounds[1], actual_seconds=18 * 60),
            *later.rounds[2:],
        ),
        current_round=2,
    )
    second = propose_rebalance(later, 2, elapsed_seconds=0)
    assert [r.first_plan for r in second.rounds] == [5, 12, 12, 12, 10]
    assert second.fits


def test_the_first_plan_survives_the_vault_round_trip() -> None:
    session = _session([5, 12, 12], [5 * 60])
    rebalanced = replace(session, rounds=propose_rebalance(session, 1, 20 * 60).rounds)
    again = session_from_dict(session_to_dict(rebalanced))
    assert again.rounds == rebalanced.rounds
    assert again.rounds[2].original_minutes == 12


@given(
    plan=st.lists(st.integers(1, 30), min_size=2, max_size=7),
    elapsed=st.integers(0, 120 * 60),
    index=st.integers(0, 5),
)
def test_a_fitting_proposal_never_ends_after_the_plan(
    plan: list[int], elapsed: int, index: int
) -> None:
    index = min(index, len(plan) - 2)
    session = _session(plan, [m * 60 for m in plan[:index]])
    proposal = propose_rebalance(session, index, elapsed_seconds=elapsed)
    assert proposal.rounds[: index + 1] == session.rounds[: index + 1]
    assert all(r.planned_minutes >= 1 for r in proposal.rounds[index + 1 :])
    left = max(0, plan[index] * 60 - elapsed)
    rest = sum(r.planned_minutes for r in proposal.rounds[index + 1 :]) * 60
    assert proposal.best_seconds == left + rest
    assert proposal.fits == (proposal.best_seconds <= proposal.end_seconds)
    if not proposal.fits:
        assert all(r.planned_minutes == 1 for r in proposal.rounds[index + 1 :])
