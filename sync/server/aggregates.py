"""Provides pooled ratings per cell, publishing only what the network's thresholds allow.

Every number is a sum over *atoms* (template x dimension x role group x care setting x
phase x month) that on their own meet the thresholds; an atom below them contributes to
nothing. Filters select whole atoms, so any answer is a function of the published atoms
alone and no combination of queries can reveal a suppressed atom by difference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from sync.server.auth import NetworkPolicy
from sync.server.db import read_transaction
from sync.server.models import rating_atoms
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


@dataclass
class _Accumulator:
    """Running sums of one output cell."""

    ratings: int = 0
    people: int = 0
    sum_mean: float = 0.0
    sum_square: float = 0.0
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
        c.people,
        c.sum_mean,
        c.sum_square,
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
            acc.people += atom["people"]
            acc.sum_mean += atom["sum_mean"]
            acc.sum_square += atom["sum_square"]
    return [_finish(dict(zip(keys, k, strict=True)), cells[k], policy) for k in sorted(cells)]


def _finish(key: dict[str, str], acc: _Accumulator, policy: NetworkPolicy) -> Cell:
    """Turn running sums into a published cell, or a suppressed one without numbers."""
    full_key: dict[str, str | None] = {g.value: None for g in GroupBy}
    full_key.update(key)
    if not acc.published or acc.people <= 0:
        return Cell(key=full_key, suppressed=True, partial=False)
    mean = acc.sum_mean / acc.people
    spread = math.sqrt(max(0.0, acc.sum_square / acc.people - mean * mean))
    ratings: int = acc.ratings
    people: int | None = acc.people
    if policy.dp_epsilon is not None:
        ratings, mean, spread = noisy_cell(ratings, mean, spread, policy.dp_epsilon)
        people = None
    return Cell(
        key=full_key,
        suppressed=False,
        partial=acc.withheld,
        ratings=ratings,
        people=people,
        mean=round(mean, 3),
        spread=round(spread, 3),
    )
