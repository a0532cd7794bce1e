"""RoundClock and rebalancing: properties over a fake clock, no sleeps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.clock import FakeClock
from facilitator.round_clock import RoundClock, rebalance

steps = st.lists(
    st.tuples(
        st.sampled_from(["start", "pause", "resume", "extend", "advance", "toggle"]),
        st.floats(min_value=0.1, max_value=900, allow_nan=False),
    ),
    max_size=40,
)


@given(planned=st.floats(min_value=0, max_value=3600), script=steps)
def test_time_left_is_never_negative_and_elapsed_only_grows(planned: float, script) -> None:
    fake = FakeClock()
    clock = RoundClock(planned, fake.monotonic)
    last_elapsed = 0.0
    for op, amount in script:
        if op == "advance":
            fake.advance(amount)
        elif op == "extend":
            clock.extend(amount)
        else:
            getattr(clock, op)()
        assert clock.time_left >= 0
        assert clock.overrun >= 0
        assert clock.elapsed >= last_elapsed
        assert clock.time_left == 0 or clock.overrun == 0
        last_elapsed = clock.elapsed


@given(st.floats(min_value=0.1, max_value=10_000))
def test_pause_stops_time(seconds: float) -> None:
    fake = FakeClock()
    clock = RoundClock(600, fake.monotonic)
    clock.start()
    fake.advance(30)
    clock.pause()
    fake.advance(seconds)
    assert clock.elapsed == pytest.approx(30)
    assert clock.time_left == pytest.approx(570)
    clock.resume()
    fake.advance(10)
    assert clock.elapsed == pytest.approx(40)


def test_times_up_is_a_cue_and_the_clock_keeps_counting_overrun() -> None:
    fake = FakeClock()
    clock = RoundClock(60, fake.monotonic)
    clock.start()
    fake.advance(75)
    assert clock.is_up and clock.running
    assert clock.time_left == 0
    assert clock.overrun == pytest.approx(15)
    clock.extend(60)
    assert not clock.is_up
    assert clock.time_left == pytest.approx(45)


def test_skip_ends_the_round_and_keeps_time_used() -> None:
    fake = FakeClock()
    clock = RoundClock(600, fake.monotonic)
    clock.start()
    fake.advance(100)
    clock.skip()
    fake.advance(100)
    clock.start()
    assert not clock.running and clock.skipped
    assert clock.elapsed == pytest.approx(100)


def test_restored_clock_is_paused_with_the_right_time_left() -> None:
    fake = FakeClock()
    clock = RoundClock(720, fake.monotonic, round_index=2)
    clock.start()
    fake.advance(200)
    state = clock.state()
    assert state.running
    later = FakeClock(mono=5.0)  # a new process: monotonic restarted
    restored = RoundClock.restore(state, later.monotonic)
    later.advance(1000)
    assert not restored.running
    assert restored.round_index == 2
    assert restored.time_left == pytest.approx(520)


def test_invalid_values_are_refused() -> None:
    fake = FakeClock()
    with pytest.raises(ValueError):
        RoundClock(-1, fake.monotonic)
    with pytest.raises(ValueError):
        RoundClock(60, fake.monotonic).extend(0)
    with pytest.raises(ValueError):
        rebalance([10, -1], 20)


@given(
    planned=st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=12),
    available=st.integers(min_value=0, max_value=1000),
)
def test_rebalancing_keeps_the_end_time_when_it_can(planned: list[int], available: int) -> None:
    shares = rebalance(planned, available)
    assert len(shares) == len(planned)
    assert all(s >= 1 for s in shares)
    if available >= len(planned):
        assert sum(shares) == available
    else:
        assert shares == tuple(1 for _ in planned)


def test_rebalancing_is_proportional() -> None:
    assert rebalance([12, 12, 10], 17) == (6, 6, 5)
    assert rebalance([10, 20], 30) == (10, 20)
    assert rebalance([], 10) == ()
