"""Provides immutable releases: a network's figures computed at one cutoff, noise drawn once.

A release reads the rating atoms (SQL aggregates of every upload stored before it, kept in
step by ingest and withdrawal) inside one transaction, adds OpenDP Laplace noise once per
atom and statistic, applies both thresholds to noisy counts (sessions and organisations),
and stores the result.
Queries only ever read stored releases, so the same query of the same release gives the same
bytes, and repeating it reveals nothing new.

The privacy unit is one session. A session of a template with D dimensions (the check-in
and check-out modules' included) touches at most
3 x D atoms (one per role group and dimension) and changes, in each, the session count by 1,
the count of distinct organisations by at most 1, and either the sum of session means or
the shares per scale point (which sum to 1). Each of those 3 x 3 x D statistics gets
epsilon / (3 x 3 x D), so by basic composition one release costs every session at most the
release's epsilon; whether an atom is published depends only on noisy counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from sync.server.db import read_transaction, write_transaction
from sync.server.models import (
    ATOM_KEYS,
    POINT_COLUMNS,
    SHARE_COLUMNS,
    networks,
    rating_atoms,
    release_cells,
    releases,
)
from sync.server.noise import laplace_vector
from sync.server.registry import TemplateShape, module_shape, registered
from sync.server.schemas import MAX_DIMENSIONS

ROLE_GROUPS = 3
STATISTICS_PER_ATOM = 3  # sessions, organisations, and the sum of means or the shares
DEFAULT_INTERVAL = timedelta(days=7)


class ReleaseError(Exception):
    """A release that cannot be made; its message is one line for the admin."""


class NotDue(ReleaseError):
    """Another process published the network's release since the schedule looked."""


@dataclass(frozen=True)
class ReleaseInfo:
    """What a release states about itself: when, under which policy and privacy budget."""

    id: int
    number: int
    released_on: str
    created_at: datetime
    epsilon: float | None
    min_sessions: int
    min_organisations: int


def _info(row: Any) -> ReleaseInfo:
    """Build a ReleaseInfo from a releases row."""
    return ReleaseInfo(
        id=row.id,
        number=row.number,
        released_on=row.released_on,
        created_at=row.created_at,
        epsilon=row.epsilon,
        min_sessions=row.min_sessions,
        min_organisations=row.min_organisations,
    )


def latest_release(
    engine: sa.Engine, network_id: int, number: int | None = None
) -> ReleaseInfo | None:
    """Return the network's newest release (or release `number`), None when there is none."""
    query = sa.select(releases).where(releases.c.network_id == network_id)
    if number is not None:
        query = query.where(releases.c.number == number)
    with read_transaction(engine) as conn:
        row = conn.execute(query.order_by(releases.c.number.desc()).limit(1)).first()
    return None if row is None else _info(row)


@dataclass(frozen=True)
class _TemplateBounds:
    """How many atoms one session of a template touches, and each dimension's scale."""

    atoms_per_session: int
    scales: dict[str, tuple[int, int]]


def _bounds(shapes: Sequence[TemplateShape]) -> dict[str, _TemplateBounds]:
    """Return per template id the bounds over all its registered versions.

    Any template may carry the check-in and check-out modules, so their dimensions count
    towards every template's atoms per session (and the privacy budget's split).
    """
    module = module_shape()
    dims: dict[str, int] = {}
    scales: dict[str, dict[str, tuple[int, int]]] = {}
    for shape in shapes:
        touched = set(shape.dimensions) | set(module.dimensions)
        dims[shape.id] = max(dims.get(shape.id, 0), len(touched))
        for d, lo, hi in (*module.scales, *shape.scales):
            old = scales.setdefault(shape.id, {}).get(d, (lo, hi))
            scales[shape.id][d] = (min(lo, old[0]), max(hi, old[1]))
    return {t: _TemplateBounds(ROLE_GROUPS * max(1, n), scales.get(t, {})) for t, n in dims.items()}


_UNKNOWN = _TemplateBounds(ROLE_GROUPS * MAX_DIMENSIONS, {})


def _noisy_many(entries: Sequence[tuple[float, float]]) -> list[float]:
    """Return each (value, scale) plus Laplace noise of its scale, drawn by OpenDP in batches.

    Values sharing a scale are noised by one vector call, as OpenDP's sampling per call
    dominates a release's time; a scale of 0 leaves a value exact.
    """
    out = [float(value) for value, _ in entries]
    by_scale: dict[float, list[int]] = {}
    for index, (_, scale) in enumerate(entries):
        if scale > 0:
            by_scale.setdefault(scale, []).append(index)
    for scale, indices in by_scale.items():
        for index, noisy in zip(
            indices, laplace_vector(scale)([out[i] for i in indices]), strict=True
        ):
            out[index] = noisy
    return out


@dataclass(frozen=True)
class _Plan:
    """One atom's release cell before noise: its key, kind, scales and exact statistics."""

    key: dict[str, Any]
    kind: str
    sessions: float
    organisations: int
    count_scale: float
    value_scale: float
    center: float | None
    values: list[float]
    exact: dict[str, Any] | None


def _plan(atom: Any, epsilon: float | None, k: int, scale_range: tuple[int, int]) -> _Plan:
    """Return what one atom publishes and the noise scale of each statistic (once drawn)."""
    distribution = any(atom[p] for p in POINT_COLUMNS)
    eps_stat = None if epsilon is None else epsilon / (STATISTICS_PER_ATOM * k)
    count_scale = 0.0 if eps_stat is None else 1.0 / eps_stat
    center: float | None = None
    if distribution:
        value_scale = 0.0 if eps_stat is None else 1.0 / eps_stat
        values = [float(atom[s]) for s in SHARE_COLUMNS]
    else:
        lo, hi = scale_range
        center = (lo + hi) / 2
        value_scale = 0.0 if eps_stat is None else (hi - lo) / 2 / eps_stat
        values = [atom["session_mean_sum"] - center * atom["sessions"]]
    exact = None
    if epsilon is None:
        exact = {
            name: atom[name]
            for name in ("people", "spread_people", "spread_sum_mean", "sum_square", *POINT_COLUMNS)
        }
    return _Plan(
        key={name: atom[name] for name in ATOM_KEYS},
        kind="distribution" if distribution else "mean",
        sessions=float(atom["sessions"]),
        organisations=int(atom["organisations"]),
        count_scale=count_scale,
        value_scale=value_scale,
        center=center,
        values=values,
        exact=exact,
    )


def _cells(plans: Sequence[_Plan], policy: Any) -> list[dict[str, Any]]:
    """Return the release cells: noisy counts, thresholds on them, noisy values if published."""
    counts = _noisy_many(
        [(v, p.count_scale) for p in plans for v in (p.sessions, float(p.organisations))]
    )
    rows: list[dict[str, Any]] = []
    shown: list[tuple[_Plan, dict[str, Any]]] = []
    for index, plan in enumerate(plans):
        sessions, organisations = counts[2 * index], counts[2 * index + 1]
        published = sessions >= policy.min_sessions and organisations >= policy.min_organisations
        row: dict[str, Any] = {
            **plan.key,
            "published": published,
            "kind": plan.kind,
            "sessions": None,
            "sessions_scale": None,
            "value_sum": None,
            "value_scale": None,
            "value_center": None,
            "shares": None,
            "exact": None,
        }
        rows.append(row)
        if published:
            row.update(sessions=sessions, sessions_scale=plan.count_scale, exact=plan.exact)
            row.update(value_scale=plan.value_scale, value_center=plan.center)
            shown.append((plan, row))
    values = iter(_noisy_many([(v, p.value_scale) for p, _ in shown for v in p.values]))
    for plan, row in shown:
        noisy = [next(values) for _ in plan.values]
        if plan.kind == "distribution":
            row["shares"] = noisy
        else:
            (row["value_sum"],) = noisy
    return rows


def publish_release(
    engine: sa.Engine, network: str, now: datetime, due_after: timedelta | None = None
) -> ReleaseInfo:
    """Compute, noise and store a new release of a network's figures as of `now`.

    The network's row stays locked until the release is stored, so processes publish one at
    a time; with `due_after`, a release newer than that (another process's) raises NotDue.
    """
    with write_transaction(engine) as conn:
        net = conn.execute(
            sa.select(networks).where(networks.c.name == network).with_for_update()
        ).first()
        if net is None:
            raise ReleaseError(f"no network named {network!r}")
        if due_after is not None:
            newest = conn.execute(
                sa.select(sa.func.max(releases.c.created_at)).where(releases.c.network_id == net.id)
            ).scalar()
            if newest is not None and newest.tzinfo is None:
                newest = newest.replace(tzinfo=now.tzinfo)
            if newest is not None and now - newest < due_after:
                raise NotDue(f"{network!r} was released since the schedule looked")
        last = conn.execute(
            sa.select(sa.func.max(releases.c.number)).where(releases.c.network_id == net.id)
        ).scalar()
        number = int(last or 0) + 1
        release_id = conn.execute(
            sa.insert(releases)
            .values(
                network_id=net.id,
                number=number,
                released_on=now.date().isoformat(),
                created_at=now,
                epsilon=net.dp_epsilon,
                min_sessions=net.min_sessions,
                min_organisations=net.min_organisations,
            )
            .returning(releases.c.id)
        ).scalar_one()
        atoms = conn.execute(
            sa.select(rating_atoms).where(
                rating_atoms.c.network_id == net.id, rating_atoms.c.sessions > 0
            )
        ).mappings()
        bounds = _bounds(registered(conn, net.id))
        plans = []
        for atom in atoms:
            b = bounds.get(atom["template"], _UNKNOWN)
            scale_range = b.scales.get(atom["dimension"], (1, 7))
            plans.append(_plan(atom, net.dp_epsilon, b.atoms_per_session, scale_range))
        rows = [{"release_id": release_id, **cell} for cell in _cells(plans, net)]
        if rows:
            conn.execute(sa.insert(release_cells), rows)
        created = conn.execute(sa.select(releases).where(releases.c.id == release_id)).one()
    return _info(created)


def due_networks(engine: sa.Engine, now: datetime, interval: timedelta) -> list[str]:
    """Return the networks whose newest release is older than `interval` (or that have none)."""
    newest = (
        sa.select(releases.c.network_id, sa.func.max(releases.c.created_at).label("last"))
        .group_by(releases.c.network_id)
        .subquery()
    )
    query = sa.select(networks.c.name, newest.c.last).outerjoin(
        newest, newest.c.network_id == networks.c.id
    )
    with read_transaction(engine) as conn:
        rows = conn.execute(query).all()
    due = []
    for name, last in rows:
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=now.tzinfo)
        if last is None or now - last >= interval:
            due.append(name)
    return due
