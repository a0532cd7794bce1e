"""Provides pooled ratings per cell, publishing only what the network's thresholds allow.

Every number is a sum over *atoms* (template x dimension x role group x care setting x
phase x month) that on their own meet the thresholds; an atom below them contributes to
nothing. Filters select whole atoms, so any answer is a function of the published atoms
alone and no combination of queries can reveal a suppressed atom by difference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import sqlalchemy as sa

from sync.server.auth import NetworkPolicy
from sync.server.db import read_transaction
from sync.server.models import POINT_COLUMNS, SPLIT_COLUMNS, rating_atoms
from sync.server.noise import noisy_cell


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


_SUMS = ("people", "sum_mean", "sum_square", *SPLIT_COLUMNS)


@dataclass
class _Accumulator:
    """Running sums of one output cell."""

    ratings: int = 0
    sums: dict[str, float] = field(default_factory=lambda: dict.fromkeys(_SUMS, 0.0))
    withheld: bool = False
    published: bool = False


@dataclass(frozen=True)
class Cell:
    """One output cell; numbers are None when it is suppressed."""

    key: dict[str, str | None]
    suppressed: bool
    partial: bool
    ratings: int | None = None
    people: int | None = None
    mean: float | None = None
    spread: float | None = None
    distribution: list[int] | None = None


def _where(network_id: int, flt: AggregateFilter) -> list[sa.ColumnElement[bool]]:
    """Return the SQL conditions for a network's non-empty atoms under a filter."""
    c = rating_atoms.c
    conds: list[sa.ColumnElement[bool]] = [c.network_id == network_id, c.sessions > 0]
    for column, value in (
        (c.template, flt.template),
        (c.dimension, flt.dimension),
        (c.phase, flt.phase),
        (c.care_setting, flt.care_setting),
    ):
        if value is not None:
            conds.append(column == value)
    if flt.month_from is not None:
        conds.append(c.month >= flt.month_from)
    if flt.month_to is not None:
        conds.append(c.month <= flt.month_to)
    return conds


def aggregate(
    engine: sa.Engine,
    network_id: int,
    policy: NetworkPolicy,
    flt: AggregateFilter,
    group_by: Sequence[GroupBy],
) -> list[Cell]:
    """Return the cells of one query, sorted by key, each published or marked suppressed."""
    c = rating_atoms.c
    query = sa.select(
        c.template,
        c.dimension,
        c.role_group,
        c.care_setting,
        c.phase,
        c.month,
        c.sessions,
        c.organisations,
        *(c[name] for name in _SUMS),
    ).where(*_where(network_id, flt))
    keys = ["template", "dimension", *sorted({g.value for g in group_by})]
    cells: dict[tuple[str, ...], _Accumulator] = {}
    with read_transaction(engine) as conn:
        for atom in conn.execute(query).mappings():
            cell_key = tuple(atom[k] for k in keys)
            acc = cells.setdefault(cell_key, _Accumulator())
            if (
                atom["sessions"] < policy.min_sessions
                or atom["organisations"] < policy.min_organisations
            ):
                acc.withheld = True
                continue
            acc.published = True
            acc.ratings += atom["sessions"]
            for name in _SUMS:
                acc.sums[name] += atom[name]
    return [_finish(dict(zip(keys, k, strict=True)), cells[k], policy) for k in sorted(cells)]


def _finish(key: dict[str, str], acc: _Accumulator, policy: NetworkPolicy) -> Cell:
    """Turn running sums into a published cell, or a suppressed one without numbers."""
    full_key: dict[str, str | None] = {g.value: None for g in GroupBy}
    full_key.update(key)
    sums = acc.sums
    if not acc.published or sums["people"] <= 0:
        return Cell(key=full_key, suppressed=True, partial=False)
    distribution = [int(sums[name]) for name in POINT_COLUMNS]
    ratings: int = acc.ratings
    people: int | None = int(sums["people"])
    if any(distribution) or sums["mean_people"] <= 0:
        # A cell holding any distribution-only rating publishes counts per point, never a mean.
        return Cell(
            key=full_key,
            suppressed=False,
            partial=acc.withheld,
            ratings=ratings,
            people=people,
            distribution=distribution,
        )
    mean = sums["sum_mean"] / sums["mean_people"]
    spread: float | None = None
    if sums["spread_people"] > 0:
        spread_mean = sums["spread_sum_mean"] / sums["spread_people"]
        variance = sums["sum_square"] / sums["spread_people"] - spread_mean * spread_mean
        spread = math.sqrt(max(0.0, variance))
    if policy.dp_epsilon is not None:
        ratings, mean, noisy_spread = noisy_cell(ratings, mean, spread or 0.0, policy.dp_epsilon)
        spread = None if spread is None else noisy_spread
        people = None
    return Cell(
        key=full_key,
        suppressed=False,
        partial=acc.withheld,
        ratings=ratings,
        people=people,
        mean=round(mean, 3),
        spread=None if spread is None else round(spread, 3),
    )
