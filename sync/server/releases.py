"""Provides immutable releases: a network's figures computed at one cutoff, noise drawn once.

A release reads the rating atoms (SQL aggregates of every upload stored before it, kept in
step by ingest and withdrawal) inside one transaction, adds OpenDP Laplace noise once per
atom and statistic, applies both thresholds to noisy counts (sessions and organisations),
and stores the result.
Queries only ever read stored releases, so the same query of the same release gives the same
bytes, and repeating it reveals nothing new.

The privacy unit is one session. A session of a template with D dimensions touches at most
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
from sync.server.registry import TemplateShape, registered
from sync.server.schemas import MAX_DIMENSIONS

ROLE_GROUPS = 3
STATISTICS_PER_ATOM = 3  # sessions, organisations, and the sum of means or the shares
DEFAULT_INTERVAL = timedelta(days=7)


class ReleaseError(Exception):
    """A release that cannot be made; its message is one line for the admin."""


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
    """Return per template id the bounds over all its registered versions."""
    dims: dict[str, int] = {}
    scales: dict[str, dict[str, tuple[int, int]]] = {}
    for shape in shapes:
        dims[shape.id] = max(dims.get(shape.id, 0), len(shape.dimensions))
        for d, lo, hi in shape.scales:
            old = scales.setdefault(shape.id, {}).get(d, (lo, hi))
            scales[shape.id][d] = (min(lo, old[0]), max(hi, old[1]))
    return {t: _TemplateBounds(ROLE_GROUPS * max(1, n), scales.get(t, {})) for t, n in dims.items()}


_UNKNOWN = _TemplateBounds(ROLE_GROUPS * MAX_DIMENSIONS, {})


def _noisy(values: Sequence[float], scale: float) -> list[float]:
    """Return values plus Laplace noise of `scale` each (OpenDP), or the values when scale is 0."""
    if scale <= 0:
        return [float(v) for v in values]
    return laplace_vector(scale)(list(values))


def _cell(
    atom: Any, epsilon: float | None, k: int, scale_range: tuple[int, int], policy: Any
) -> dict[str, Any]:
    """Return one release cell: noisy statistics once drawn, published only above thresholds."""
    key = {name: atom[name] for name in ATOM_KEYS}
    distribution = any(atom[p] for p in POINT_COLUMNS)
    kind = "distribution" if distribution else "mean"
    eps_stat = None if epsilon is None else epsilon / (STATISTICS_PER_ATOM * k)
    count_scale = 0.0 if eps_stat is None else 1.0 / eps_stat
    sessions, organisations = _noisy([atom["sessions"], atom["organisations"]], count_scale)
    published = sessions >= policy.min_sessions and organisations >= policy.min_organisations
    row: dict[str, Any] = {
        **key,
        "published": published,
        "kind": kind,
        "sessions": None,
        "sessions_scale": None,
        "value_sum": None,
        "value_scale": None,
        "value_center": None,
        "shares": None,
        "exact": None,
    }
    if not published:
        return row
    row.update(sessions=sessions, sessions_scale=count_scale)
    if distribution:
        share_scale = 0.0 if eps_stat is None else 1.0 / eps_stat
        row["shares"] = _noisy([atom[s] for s in SHARE_COLUMNS], share_scale)
        row["value_scale"] = share_scale
    else:
        lo, hi = scale_range
        center = (lo + hi) / 2
        value_scale = 0.0 if eps_stat is None else (hi - lo) / 2 / eps_stat
        centred = atom["session_mean_sum"] - center * atom["sessions"]
        (row["value_sum"],) = _noisy([centred], value_scale)
        row.update(value_scale=value_scale, value_center=center)
    if epsilon is None:
        row["exact"] = {
            name: atom[name]
            for name in ("people", "spread_people", "spread_sum_mean", "sum_square", *POINT_COLUMNS)
        }
    return row


def publish_release(engine: sa.Engine, network: str, now: datetime) -> ReleaseInfo:
    """Compute, noise and store a new release of a network's figures as of `now`."""
    with write_transaction(engine) as conn:
        net = conn.execute(sa.select(networks).where(networks.c.name == network)).first()
        if net is None:
            raise ReleaseError(f"no network named {network!r}")
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
        rows = []
        for atom in atoms:
            b = bounds.get(atom["template"], _UNKNOWN)
            scale_range = b.scales.get(atom["dimension"], (1, 7))
            cell = _cell(atom, net.dp_epsilon, b.atoms_per_session, scale_range, net)
            rows.append({"release_id": release_id, **cell})
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
