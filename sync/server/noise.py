"""Provides optional differential-privacy noise for published cells (OpenDP, extra `dp`).

Noise is added on top of the thresholds, never instead of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MEAN_RANGE = 6.0


class NoiseUnavailable(RuntimeError):
    """Raised when a network asks for noise but OpenDP is not installed."""


def laplace(scale: float) -> Callable[[float], float]:
    """Return a function adding Laplace noise of `scale` to a number, drawn by OpenDP."""
    try:
        import opendp.prelude as dp
    except ImportError as exc:
        raise NoiseUnavailable("install the `dp` extra (OpenDP) to use noise") from exc
    dp.enable_features("contrib")
    measurement: Any = dp.m.make_laplace(
        dp.atom_domain(T=float, nan=False), dp.absolute_distance(T=float), scale=scale
    )

    def add(value: float) -> float:
        """Return `value` plus fresh noise."""
        return float(measurement(float(value)))

    return add


def noisy_cell(
    ratings: int, mean: float, spread: float, epsilon: float
) -> tuple[int, float, float]:
    """Return noised (ratings, mean, spread): one session moves a count by 1 and a mean by 6/n."""
    noisy_ratings = max(0, round(laplace(1.0 / epsilon)(ratings)))
    mean_scale = MEAN_RANGE / (max(ratings, 1) * epsilon)
    noisy_mean = min(7.0, max(1.0, laplace(mean_scale)(mean)))
    noisy_spread = min(MEAN_RANGE, max(0.0, laplace(mean_scale)(spread)))
    return noisy_ratings, noisy_mean, noisy_spread
