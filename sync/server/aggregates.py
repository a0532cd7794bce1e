"""Provides pooled ratings per cell, read from one stored release of the network.

Every number is a sum over the release's *atoms* (template x dimension x role group x care
setting x phase x month) that met the thresholds, on noisy counts, when the release was made;
an atom below them contributes to nothing. Filters select whole atoms, and noise was drawn
once per atom when the release was stored, so any answer is a fixed function of the release:
repeating or combining queries reveals nothing the release did not already publish.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa

from facilitator.vocabulary import LEGACY_PHASES
from sync.server.db import read_transaction
from sync.server.models import POINT_COLUMNS, release_cells
from sync.server.releases import ReleaseInfo

Z95 = 1.959964  # two-sided 95% quantile of the normal distribution
LN20 = math.log(20.0)  # a single Laplace(b) lies within b x ln 20 of zero 95% of the time


class GroupBy(StrEnum):
    """What a caller may group by; template and dimension are always grouped."""

    ROLE_GROUP = "role_group"
    CARE_SETTING = "care_setting"
    MONTH = "month"
    PHASE = "phase"


@dataclass(frozen=True)
class AggregateFilter:
    """Which atoms a query covers; every field selects atoms whole."""

    template: str | None = None
    dimension: str | None = None
    phase: str | None = None
    care_setting: str | None = None
    month_from: str | None = None
    month_to: str | None = None


@dataclass
class _Accumulator:
    """Running sums of one output cell over its published atoms."""

    kind: str = "mean"
    sessions: float = 0.0
    sessions_var: float = 0.0
    largest_scale: float = 0.0
    value: float = 0.0
    value_var: float = 0.0
    center: float = 0.0
    shares: list[float] = field(default_factory=lambda: [0.0] * len(POINT_COLUMNS))
    exact: dict[str, float] = field(default_factory=dict)
    withheld: bool = False
    published: bool = False


@dataclass(frozen=True)
class Cell:
    """One output cell; numbers are None when it is suppressed, margins are 95% half-widths."""

    key: dict[str, str | None]
    suppressed: bool
    partial: bool
    ratings: int | None = None
    ratings_margin: float | None = None
    people: int | None = None
    mean: float | None = None
    mean_margin: float | None = None
    spread: float | None = None
    distribution: list[float] | None = None
    distribution_margin: float | None = None


def _where(release_id: int, flt: AggregateFilter) -> list[sa.ColumnElement[bool]]:
    """Return the SQL conditions for a release's atoms under a filter."""
    c = release_cells.c
    conds: list[sa.ColumnElement[bool]] = [c.release_id == release_id]
    for column, value in (
        (c.template, flt.template),
        (c.dimension, flt.dimension),
        (c.care_setting, flt.care_setting),
    ):
        if value is not None:
            conds.append(column == value)
    if flt.phase is not None:  # cells pooled before the PDSA phases carry the old names
        legacy = [old for old, new in LEGACY_PHASES.items() if new.value == flt.phase]
        conds.append(c.phase.in_([flt.phase, *legacy]))
    if flt.month_from is not None:
        conds.append(c.month >= flt.month_from)
    if flt.month_to is not None:
        conds.append(c.month <= flt.month_to)
    return conds


def aggregate(
    engine: sa.Engine, release: ReleaseInfo, flt: AggregateFilter, group_by: Sequence[GroupBy]
) -> list[Cell]:
    """Return the cells of one query of one release, sorted by key."""
    keys = ["template", "dimension", *sorted({g.value for g in group_by})]
    cells: dict[tuple[str, ...], _Accumulator] = {}
    query = sa.select(release_cells).where(*_where(release.id, flt))
    with read_transaction(engine) as conn:
        for atom in conn.execute(query).mappings():
            acc = cells.setdefault(tuple(atom[k] for k in keys), _Accumulator())
            if not atom["published"]:
                acc.withheld = True
                continue
            _add(acc, atom)
    return [_finish(dict(zip(keys, k, strict=True)), cells[k]) for k in sorted(cells)]


def _add(acc: _Accumulator, atom: Any) -> None:
    """Add one published atom's stored (noisy) statistics to a cell."""
    acc.published = True
    if atom["kind"] == "distribution":
        acc.kind = "distribution"
    count_scale = float(atom["sessions_scale"])
    value_scale = float(atom["value_scale"] or 0.0)
    acc.sessions += float(atom["sessions"])
    acc.sessions_var += 2 * count_scale**2
    acc.largest_scale = max(acc.largest_scale, count_scale)
    acc.value_var += 2 * value_scale**2
    if atom["value_sum"] is not None:
        acc.value += float(atom["value_sum"])
        acc.center = float(atom["value_center"])
    if atom["shares"] is not None:
        acc.shares = [a + float(b) for a, b in zip(acc.shares, atom["shares"], strict=True)]
    for name, number in (atom["exact"] or {}).items():
        acc.exact[name] = acc.exact.get(name, 0.0) + float(number)


def _margin(variance: float, single_scale: float, atoms_single: bool) -> float:
    """Return a 95% half-width: exact for one Laplace draw, normal approximation for sums."""
    if variance <= 0:
        return 0.0
    if atoms_single:
        return single_scale * LN20
    return Z95 * math.sqrt(variance)


def _finish(key: dict[str, str], acc: _Accumulator) -> Cell:
    """Turn a cell's sums into published figures with their margins, or a suppressed cell."""
    full_key: dict[str, str | None] = {g.value: None for g in GroupBy}
    full_key.update(key)
    if not acc.published or acc.sessions <= 0:
        return Cell(key=full_key, suppressed=True, partial=acc.published)
    n = acc.sessions
    single = math.isclose(acc.sessions_var, 2 * acc.largest_scale**2)
    ratings_margin = _margin(acc.sessions_var, acc.largest_scale, single)
    exact = acc.exact
    people = round(exact["people"]) if "people" in exact else None
    base: dict[str, Any] = {
        "key": full_key,
        "suppressed": False,
        "partial": acc.withheld,
        "ratings": max(0, round(n)),
        "ratings_margin": round(ratings_margin, 2),
        "people": people,
    }
    if acc.kind == "distribution":
        shares = [max(0.0, s / n) for s in acc.shares]
        worst = max(shares)
        margin = Z95 * math.sqrt(acc.value_var + worst**2 * acc.sessions_var) / n
        return Cell(
            **base,
            distribution=[round(s, 3) for s in shares],
            distribution_margin=round(margin, 3),
        )
    offset = acc.value / n
    mean = acc.center + offset
    mean_margin = Z95 * math.sqrt(acc.value_var + offset**2 * acc.sessions_var) / n
    return Cell(
        **base,
        mean=round(mean, 3),
        mean_margin=round(mean_margin, 3),
        spread=_exact_spread(exact),
    )


def _exact_spread(exact: dict[str, float]) -> float | None:
    """Return the pooled spread of a release without noise; None with noise or too few people."""
    people = exact.get("spread_people", 0.0)
    if people <= 0:
        return None
    mean = exact["spread_sum_mean"] / people
    return round(math.sqrt(max(0.0, exact["sum_square"] / people - mean * mean)), 3)
