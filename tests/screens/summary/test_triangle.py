"""The summary screen's ratings for distribution-only templates: counts per scale point and
role group, never a mean or a gap, and nothing for a group with too few answers."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.summary import dimension_stats
from screens.summary import SummaryScreen
from screens.summary.triangle import ABBREVIATIONS, distribution_lines
from tests.facilitator.reports.fixtures import make_psych_session
from tests.screens.run.harness import MemoryVault, ScreenApp, make_services, screen_text


def _say(key: str, **params: object) -> str:
    return f"{key}:{params}"


def test_distribution_lines_are_a_small_table() -> None:
    raising = dimension_stats(make_psych_session("en"))[0]
    lines = [line.plain for line in distribution_lines(raising, ABBREVIATIONS, _say)]
    assert lines == [
        "    1  2  3  4  5  6  7    n",
        "P   0  0  1  0  2  1  0    4",
        "U summary.too_few:{'n': 3}",
    ]


async def test_summary_shows_distributions_without_means() -> None:
    clock = FakeClock()
    session = make_psych_session("en")
    app = ScreenApp(make_services(MemoryVault(), clock), lambda: SummaryScreen(session))
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Shown only as a distribution" in text
        assert "Raising problems 1 2 3 4 5 6 7 n P 0 0 1 0 2 1 0 4" in text
        assert "U fewer than 3 answered; not shown" in text
        assert "U 0 0 0 0 3 0 0 3" in text  # three users asked for help: shown
        assert "Check-out 1 2 3 4 5 n P 0 0 0 2 2 4 M fewer than 3 answered" in text
        assert "What I know counts not rated" in text
        for mean in ("4.8", "6.2", "4.5", "gap"):
            assert mean not in text


async def test_summary_distribution_in_swedish() -> None:
    clock = FakeClock()
    session = make_psych_session("sv")
    services = make_services(MemoryVault(), clock, language="sv")
    app = ScreenApp(services, lambda: SummaryScreen(session))
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Visas bara som en fördelning" in text
        assert "B färre än 3 svarade; visas inte" in text


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_distribution_summary_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    session = make_psych_session("en")
    app = ScreenApp(make_services(MemoryVault(), FakeClock()), lambda: SummaryScreen(session))
    assert snap_compare(app, terminal_size=size)
