"""Provides pooled ratings per cell, read from one stored release of the network.

Every number is a sum over the release's *atoms* (template x dimension x role group x care
setting x phase x month) that met the thresholds, on noisy counts, when the release was made;
an atom below them contributes to nothing. In a release with noise an atom below them is not
even listed (no suppressed cell, no `partial` flag), since whether it exists is exact; in a
release without noise suppressed and partial cells are listed. Filters select whole atoms,
and noise was drawn once per atom when the release was stored, so any answer is a fixed
function of the release: repeating or combining queries reveals nothing the release did
not already publish.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
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


def _key(name: str) -> Any:
    """Return a key column of the release's atoms; old phase names read as the new ones.

    Releases published before the stored atoms were renamed keep their first-edition phases;
    read this way, their cells group and sort with the atoms that carry the new names.
    """
    column = release_cells.c[name]
    if name != "phase":
        return column
    # Inline constants (fixed vocabulary), so PostgreSQL sees the grouped and the selected
    # expression as the same one.
    renamed: dict[Any, Any] = {
        sa.literal_column(f"'{old}'"): sa.literal_column(f"'{new.value}'")
        for old, new in LEGACY_PHASES.items()
    }
    return sa.case(renamed, value=column, else_=column).label(name)


def _sums(keys: Sequence[str]) -> list[Any]:
    """Return the SQL sums one output cell needs over its atoms (nulls of withheld ones skip)."""
    c = release_cells.c
    shown = sa.case((c.published, 1), else_=0)
    return [
        *(_key(k) for k in keys),
        sa.func.sum(shown).label("shown"),
        sa.func.sum(1 - shown).label("withheld"),
        sa.func.max(sa.case((c.published & (c.kind == "distribution"), 1), else_=0)).label(
            "distribution"
        ),
        sa.func.sum(c.sessions).label("sessions"),
        sa.func.sum(2 * c.sessions_scale * c.sessions_scale).label("sessions_var"),
        sa.func.max(c.sessions_scale).label("largest_scale"),
        sa.func.sum(c.value_sum).label("value"),
        sa.func.sum(2 * c.value_scale * c.value_scale).label("value_var"),
        sa.func.max(c.value_center).label("center"),
    ]


class AnswerCache:
    """Remembers the bytes of recent answers; a stored release never changes, so neither do they.

    Keys start with the release's id; a bounded number of answers is kept per process.
    """

    def __init__(self, entries: int = 256) -> None:
        self._entries = entries
        self._answers: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        """Return the remembered answer for `key`, if any."""
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, key: Hashable, answer: bytes) -> None:
        """Remember an answer, forgetting the least recently used beyond the bound."""
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self._entries:
                self._answers.popitem(last=False)


def aggregate(
    engine: sa.Engine, release: ReleaseInfo, flt: AggregateFilter, group_by: Sequence[GroupBy]
) -> list[Cell]:
    """Return the cells of one query of one release, sorted by key.

    The database sums the atoms per cell; only shares and exact figures (stored as JSON, and
    absent from noisy mean cells) are added up here.
    """
    keys = ["template", "dimension", *sorted({g.value for g in group_by})]
    where = _where(release.id, flt)
    c = release_cells.c
    sums = sa.select(*_sums(keys)).where(*where).group_by(*(_key(k) for k in keys))
    if release.epsilon is not None:  # with noise, a withheld atom is not even listed
        sums = sums.where(c.published)
    extras = sa.select(*(_key(k) for k in keys), c.shares, c.exact).where(*where, c.published)
    if release.epsilon is not None:  # exact figures are stored only without noise
        extras = extras.where(c.kind == "distribution")
    cells: dict[tuple[str, ...], _Accumulator] = {}
    with read_transaction(engine) as conn:
        for row in conn.execute(sums).mappings():
            cells[tuple(row[k] for k in keys)] = _accumulator(row)
        for atom in conn.execute(extras).mappings():
            _add_json(cells[tuple(atom[k] for k in keys)], atom)
    return [_finish(dict(zip(keys, k, strict=True)), cells[k]) for k in sorted(cells)]


def _accumulator(row: Any) -> _Accumulator:
    """Return a cell's running sums as the database added them up."""
    return _Accumulator(
        kind="distribution" if row["distribution"] else "mean",
        sessions=float(row["sessions"] or 0.0),
        sessions_var=float(row["sessions_var"] or 0.0),
        largest_scale=float(row["largest_scale"] or 0.0),
        value=float(row["value"] or 0.0),
        value_var=float(row["value_var"] or 0.0),
        center=float(row["center"] or 0.0),
        withheld=bool(row["withheld"]),
        published=bool(row["shown"]),
    )


def _add_json(acc: _Accumulator, atom: Any) -> None:
    """Add one published atom's stored shares and exact figures to a cell."""
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
