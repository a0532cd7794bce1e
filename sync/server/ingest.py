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


@functools.cache
def _upload_statements(dialect: str) -> tuple[Any, Any]:
    """Return the (built-once) inserts that claim a key and store a summary, or do nothing.

    Their values come as parameters, so each upload skips building and caching a statement.
    """
    module: Any = postgresql if dialect == "postgresql" else sqlite
    claim = (
        module.insert(idempotency_keys)
        .on_conflict_do_nothing(index_elements=["organisation_id", "key"])
        .returning(idempotency_keys.c.key)
    )
    store = (
        module.insert(summaries)
        .on_conflict_do_nothing(index_elements=["organisation_id", "summary_id"])
        .returning(summaries.c.id)
    )
    return claim, store


class _Undo(Exception):
    """Rolls back an upload's transaction and carries the outcome to answer with."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome


# A concurrent writer can win a unique key or a row lock between our check and our write;
# the whole upload then runs again and sees the winner's committed row.
_ATTEMPTS = 5
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock


def _retryable(exc: sa.exc.DBAPIError) -> bool:
    """Return whether a failed upload lost a race and may simply run again."""
    if isinstance(exc, sa.exc.IntegrityError):
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


def store_summary(
    engine: sa.Engine,
    network_id: int,
    organisation_id: int,
    summary: SummaryV2,
    idempotency_key: str | None,
) -> Outcome:
    """Store a summary once; a replay of the same body is REPLAYED, a different one CONFLICT.

    Races between processes end the same way as sequential requests: one upload stores,
    the others see its committed rows and answer REPLAYED, CONFLICT or KEY_REUSED.
    """
    for attempt in range(_ATTEMPTS):
        try:
            return _store_once(engine, network_id, organisation_id, summary, idempotency_key)
        except _Undo as undo:
            return undo.outcome
        except sa.exc.DBAPIError as exc:
            if attempt + 1 == _ATTEMPTS or not _retryable(exc):
                raise
    raise AssertionError("unreachable")


def _store_once(
    engine: sa.Engine,
    network_id: int,
    organisation_id: int,
    summary: SummaryV2,
    idempotency_key: str | None,
) -> Outcome:
    """Run one attempt of an upload in one transaction; raise _Undo to answer and roll back."""
    body = summary.canonical_json()
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    summary_id = str(summary.summary_id)
    figures = figures_of(summary)
    with write_transaction(engine) as conn:
        if idempotency_key is not None:
            _claim_key(conn, organisation_id, idempotency_key, summary_id, digest)
        inserted = conn.execute(
            _upload_statements(conn.dialect.name)[1],
            {
                "organisation_id": organisation_id,
                "network_id": network_id,
                "summary_id": summary_id,
                "body_hash": digest,
                "month": summary.month,
                "figures": json.dumps(figures, sort_keys=True, separators=(",", ":")),
            },
        ).first()
        if inserted is None:
            existing = conn.execute(
                sa.select(summaries.c.body_hash).where(
                    summaries.c.organisation_id == organisation_id,
                    summaries.c.summary_id == summary_id,
                )
            ).scalar_one()
            if existing != digest:
                raise _Undo(Outcome.CONFLICT)
            return Outcome.REPLAYED
        parts = _contributions(summary.month, figures)
        _add_to_atoms(conn, network_id, organisation_id, parts, sign=1)
    return Outcome.STORED


def _claim_key(
    conn: sa.Connection, organisation_id: int, key: str, summary_id: str, digest: str
) -> None:
    """Claim an Idempotency-Key for this upload, or raise _Undo with the answer of its owner.

    The insert waits for a concurrent claim of the same key to commit or roll back, so the
    read after it sees the winner (an absent row means the winner was withdrawn: run again).
    """
    claimed = conn.execute(
        _upload_statements(conn.dialect.name)[0],
        {
            "organisation_id": organisation_id,
            "key": key,
            "summary_id": summary_id,
            "body_hash": digest,
        },
    ).first()
    if claimed is not None:
        return
    seen = conn.execute(
        sa.select(idempotency_keys.c.summary_id, idempotency_keys.c.body_hash).where(
            idempotency_keys.c.organisation_id == organisation_id,
            idempotency_keys.c.key == key,
        )
    ).first()
    if seen is None:
        raise sa.exc.IntegrityError("idempotency key vanished", None, Exception("retry"))
    same = seen.summary_id == summary_id and seen.body_hash == digest
    raise _Undo(Outcome.REPLAYED if same else Outcome.KEY_REUSED)


def withdraw_summary(engine: sa.Engine, network_id: int, organisation_id: int, sid: str) -> bool:
    """Delete one of the organisation's own summaries and its share of the atoms.

    The delete comes first and returns the body, so of two concurrent withdrawals only the
    one that deleted the row subtracts it.
    """
    with write_transaction(engine) as conn:
        row = conn.execute(
            sa.delete(summaries)
            .where(summaries.c.organisation_id == organisation_id, summaries.c.summary_id == sid)
            .returning(summaries.c.month, summaries.c.figures)
        ).first()
        if row is None:
            return False
        parts = _contributions(row.month, json.loads(row.figures))
        _add_to_atoms(conn, network_id, organisation_id, parts, sign=-1)
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
