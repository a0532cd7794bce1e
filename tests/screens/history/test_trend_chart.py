"""Property tests of the trend bars: one fixed scale, so a bar depends on its value alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.templates.model import RatingScale
from screens.trend_chart import BLOCKS, bar, columns_for

SCALES = st.sampled_from([RatingScale(1, 5), RatingScale(1, 7), RatingScale(0, 10)])


@given(scale=SCALES, a=st.floats(-5, 15), b=st.floats(-5, 15))
def test_a_higher_mean_never_gets_a_lower_bar(scale: RatingScale, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert BLOCKS.index(bar(low, scale)) <= BLOCKS.index(bar(high, scale))


def test_the_scale_ends_are_the_lowest_and_highest_bars() -> None:
    scale = RatingScale(1, 5)
    assert bar(1, scale) == BLOCKS[0] and bar(5, scale) == BLOCKS[-1]
    near = BLOCKS.index(bar(1.3, scale)) - BLOCKS.index(bar(1.2, scale))
    assert near <= 1  # 1.3 and 1.2 sit side by side, never "full to empty"


def test_columns_fit_the_width() -> None:
    assert columns_for(80) == 4 and columns_for(100) == 5 and columns_for(10) == 1
