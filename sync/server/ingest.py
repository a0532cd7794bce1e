"""Provides storing and withdrawing summaries, keeping the rating atoms in step.

One transaction per upload: the summary row, its idempotency key and the atom counters
commit together or not at all, so replays and races never double count.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.db import write_transaction
from sync.server.models import (
    POINT_COLUMNS,
    SHARE_COLUMNS,
    SPLIT_COLUMNS,
    idempotency_keys,
    rating_atom_orgs,
    rating_atoms,
    summaries,
)
from sync.server.schemas import Rating, SummaryV2


class Outcome(enum.Enum):
    """What an upload did."""

    STORED = "stored"
    REPLAYED = "replayed"
    CONFLICT = "conflict"
    KEY_REUSED = "key_reused"


@dataclass(frozen=True)
class _Contribution:
    """One rating's share of one atom: its counters, by column name."""

    key: dict[str, str]
    counters: dict[str, float]


def _counters(rating: Rating) -> dict[str, float]:
    """Return what one rating adds: a mean (with its spread, if sent) or counts per point."""
    out: dict[str, float] = dict.fromkeys((*_COUNTERS[2:], *SPLIT_COLUMNS), 0)
    out["people"] = rating.count
    if rating.distribution is not None:
        for column, share, ratings in zip(
            POINT_COLUMNS, SHARE_COLUMNS, rating.distribution, strict=True
        ):
            out[column] = ratings
            out[share] = ratings / rating.count
        return out
    assert rating.mean is not None
    out["mean_people"] = rating.count
    out["sum_mean"] = rating.mean * rating.count
    out["session_mean_sum"] = rating.mean
    if rating.spread is not None:
        out["spread_people"] = rating.count
        out["spread_sum_mean"] = rating.mean * rating.count
        out["sum_square"] = rating.count * (rating.spread**2 + rating.mean**2)
    return out


def figures_of(summary: SummaryV2) -> dict[str, Any]:
    """Return the only part of a summary the server keeps: what its atoms were given."""
    return {
        "template": summary.template.id,
        "care_setting": summary.care_setting.value,
        "phase": summary.phase.value,
        "ratings": [
            r.model_dump(mode="json", include=set(_RATING_FIELDS)) for r in summary.ratings
        ],
    }


def _contributions(month: str, figures: dict[str, Any]) -> list[_Contribution]:
    """Return the atoms stored figures add to, sorted so concurrent writers lock in one order."""
    out = []
    for data in figures["ratings"]:
        rating = Rating.model_validate(data)
        key = {
            "template": figures["template"],
            "dimension": rating.dimension,
            "role_group": rating.role_group.value,
            "care_setting": figures["care_setting"],
            "phase": figures["phase"],
            "month": month,
        }
        out.append(_Contribution(key=key, counters=_counters(rating)))
    return sorted(out, key=lambda c: tuple(c.key.values()))


def _insert(conn: sa.Connection, table: sa.Table) -> Any:
    """Return the dialect's INSERT construct, which knows ON CONFLICT."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def store_summary(
    engine: sa.Engine,
    network_id: int,
    organisation_id: int,
    summary: SummaryV2,
    idempotency_key: str | None,
) -> Outcome:
    """Store a summary once; a replay of the same body is REPLAYED, a different one CONFLICT."""
    body = summary.canonical_json()
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    summary_id = str(summary.summary_id)
    figures = figures_of(summary)
    with write_transaction(engine) as conn:
        if idempotency_key is not None:
            seen = conn.execute(
                sa.select(idempotency_keys.c.summary_id, idempotency_keys.c.body_hash).where(
                    idempotency_keys.c.organisation_id == organisation_id,
                    idempotency_keys.c.key == idempotency_key,
                )
            ).first()
            if seen is not None:
                same = seen.summary_id == summary_id and seen.body_hash == digest
                return Outcome.REPLAYED if same else Outcome.KEY_REUSED
        inserted = conn.execute(
            _insert(conn, summaries)
            .values(
                organisation_id=organisation_id,
                network_id=network_id,
                summary_id=summary_id,
                body_hash=digest,
                month=summary.month,
                figures=json.dumps(figures, sort_keys=True, separators=(",", ":")),
            )
            .on_conflict_do_nothing(index_elements=["organisation_id", "summary_id"])
            .returning(summaries.c.id)
        ).first()
        if inserted is None:
            existing = conn.execute(
                sa.select(summaries.c.body_hash).where(
                    summaries.c.organisation_id == organisation_id,
                    summaries.c.summary_id == summary_id,
                )
            ).scalar_one()
            return Outcome.REPLAYED if existing == digest else Outcome.CONFLICT
        if idempotency_key is not None:
            conn.execute(
                sa.insert(idempotency_keys).values(
                    organisation_id=organisation_id,
                    key=idempotency_key,
                    summary_id=summary_id,
                    body_hash=digest,
                )
            )
        parts = _contributions(summary.month, figures)
        _add_to_atoms(conn, network_id, organisation_id, parts, sign=1)
    return Outcome.STORED


def withdraw_summary(engine: sa.Engine, network_id: int, organisation_id: int, sid: str) -> bool:
    """Delete one of the organisation's own summaries and its share of the atoms."""
    with write_transaction(engine) as conn:
        row = conn.execute(
            sa.select(summaries.c.id, summaries.c.month, summaries.c.figures).where(
                summaries.c.organisation_id == organisation_id, summaries.c.summary_id == sid
            )
        ).first()
        if row is None:
            return False
        parts = _contributions(row.month, json.loads(row.figures))
        _add_to_atoms(conn, network_id, organisation_id, parts, sign=-1)
        conn.execute(sa.delete(summaries).where(summaries.c.id == row.id))
        conn.execute(
            sa.delete(idempotency_keys).where(
                idempotency_keys.c.organisation_id == organisation_id,
                idempotency_keys.c.summary_id == sid,
            )
        )
    return True


_RATING_FIELDS = ("dimension", "role_group", "mean", "spread", "count", "distribution")
_KEYS = ("template", "dimension", "role_group", "care_setting", "phase", "month")
_COUNTERS = ("sessions", "organisations", "people", "sum_mean", "sum_square")


@functools.cache
def _atom_statements(dialect: str) -> tuple[Any, Any]:
    """Return the (cached, compiled-once) upserts for per-organisation and per-atom counters."""
    module: Any = postgresql if dialect == "postgresql" else sqlite
    org = module.insert(rating_atom_orgs)
    org = org.on_conflict_do_update(
        index_elements=["network_id", *_KEYS, "organisation_id"],
        set_={"sessions": rating_atom_orgs.c.sessions + org.excluded.sessions},
    ).returning(*(rating_atom_orgs.c[k] for k in _KEYS), rating_atom_orgs.c.sessions)
    atom = module.insert(rating_atoms)
    atom = atom.on_conflict_do_update(
        index_elements=["network_id", *_KEYS],
        set_={c: rating_atoms.c[c] + atom.excluded[c] for c in (*_COUNTERS, *SPLIT_COLUMNS)},
    )
    return org, atom


def _add_to_atoms(
    conn: sa.Connection,
    network_id: int,
    organisation_id: int,
    parts: Sequence[_Contribution],
    sign: int,
) -> None:
    """Add (sign=1) or remove (sign=-1) contributions, keeping distinct-organisation counts."""
    if not parts:
        return
    org_stmt, atom_stmt = _atom_statements(conn.dialect.name)
    org_rows = [
        {**p.key, "network_id": network_id, "organisation_id": organisation_id, "sessions": sign}
        for p in parts
    ]
    after = {tuple(row[:-1]): row[-1] for row in conn.execute(org_stmt, org_rows)}
    atom_rows = []
    for p in parts:
        sessions_now = after[tuple(p.key.values())]
        org_delta = 0
        if sign > 0 and sessions_now == 1:
            org_delta = 1
        elif sign < 0 and sessions_now == 0:
            org_delta = -1
        atom_rows.append(
            {
                **p.key,
                "network_id": network_id,
                "sessions": sign,
                "organisations": org_delta,
                **{name: sign * value for name, value in p.counters.items()},
            }
        )
    conn.execute(atom_stmt, atom_rows)
