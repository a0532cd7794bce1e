"""Provides differential-privacy noise for releases, drawn by OpenDP's Laplace mechanism.

Noise is drawn once per release and statistic and stored; it is never drawn per query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class NoiseUnavailable(RuntimeError):
    """Raised when a network asks for noise but OpenDP is not installed."""


def _prelude() -> Any:
    """Return OpenDP's prelude with contributed mechanisms enabled, or fail clearly."""
    try:
        import opendp.prelude as dp
    except ImportError as exc:
        raise NoiseUnavailable("install the `dp` extra (OpenDP) to use noise") from exc
    dp.enable_features("contrib")
    return dp


def laplace_vector(scale: float) -> Callable[[list[float]], list[float]]:
    """Return a function adding independent Laplace noise of `scale` to each number (OpenDP)."""
    dp = _prelude()
    measurement: Any = dp.m.make_laplace(
        dp.vector_domain(dp.atom_domain(T=float, nan=False)),
        dp.l1_distance(T=float),
        scale=scale,
    )

    def add(values: list[float]) -> list[float]:
        """Return `values` plus noise drawn now."""
        return [float(v) for v in measurement([float(v) for v in values])]

    return add


def epsilon_of(scale: float, sensitivity: float) -> float:
    """Return the epsilon OpenDP states for Laplace noise of `scale` at an L1 `sensitivity`."""
    dp = _prelude()
    measurement: Any = dp.m.make_laplace(
        dp.atom_domain(T=float, nan=False), dp.absolute_distance(T=float), scale=scale
    )
    return float(measurement.map(float(sensitivity)))
