"""Provides storing and withdrawing summaries, keeping the rating atoms in step.

One transaction per upload: the summary row, its idempotency key and the atom counters
commit together or not at all, so replays and races never double count.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.db import PreparedStatement, write_transaction
from sync.server.models import (
    ATOM_KEYS,
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
    """One rating's share of one atom: its key and counters, by column name."""

    key: dict[str, str]
    counters: dict[str, float]


def _counters(rating: Rating) -> dict[str, float]:
    """Return what one rating adds: a mean (with its spread, if sent) or counts per point."""
    out: dict[str, float] = dict.fromkeys((*_COUNTERS, *SPLIT_COLUMNS), 0)
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


def _parts(
    template: str, care_setting: str, phase: str, month: str, ratings: Iterable[Rating]
) -> list[_Contribution]:
    """Return the atoms ratings add to, sorted so concurrent writers lock in one order."""
    out = []
    for rating in ratings:
        key = {
            "template": template,
            "dimension": rating.dimension,
            "role_group": rating.role_group.value,
            "care_setting": care_setting,
            "phase": phase,
            "month": month,
        }
        out.append(_Contribution(key=key, counters=_counters(rating)))
    return sorted(out, key=lambda c: tuple(c.key.values()))


def _stored_parts(month: str, figures: dict[str, Any]) -> list[_Contribution]:
    """Return the atoms a stored summary's figures were added to."""
    ratings = (Rating.model_validate(data) for data in figures["ratings"])
    return _parts(figures["template"], figures["care_setting"], figures["phase"], month, ratings)


def _v(name: str) -> Any:
    """Return the bound value `name` of the upload statements (prefixed: columns keep theirs)."""
    return sa.bindparam(f"v_{name}")


@dataclass(frozen=True)
class _UploadSQL:
    """The statements of an upload and a withdrawal, compiled once per dialect."""

    claim: PreparedStatement
    store: PreparedStatement
    org: PreparedStatement
    atom: PreparedStatement

    @classmethod
    def compile(cls, dialect: sa.Dialect) -> _UploadSQL:
        """Build and compile the statements for `dialect` (SQLite or PostgreSQL)."""
        module: Any = postgresql if dialect.name == "postgresql" else sqlite
        claim = (
            module.insert(idempotency_keys)
            .values({c: _v(c) for c in ("organisation_id", "key", "summary_id", "body_hash")})
            .on_conflict_do_nothing(index_elements=["organisation_id", "key"])
            .returning(idempotency_keys.c.key)
        )
        store = (
            module.insert(summaries)
            .values({c: _v(c) for c in _SUMMARY_COLUMNS})
            .on_conflict_do_nothing(index_elements=["organisation_id", "summary_id"])
            .returning(summaries.c.id)
        )
        owner = ("network_id", *ATOM_KEYS, "organisation_id")
        org = module.insert(rating_atom_orgs).values(
            {**{c: _v(c) for c in owner}, "sessions": _v("sign")}
        )
        org = org.on_conflict_do_update(
            index_elements=list(owner),
            set_={"sessions": rating_atom_orgs.c.sessions + org.excluded.sessions},
        )
        # The organisation is counted in an atom when its first session arrives there and
        # uncounted when its last leaves: read from its row the statement before updated.
        o = rating_atom_orgs.c
        edge = (
            sa.select(sa.case((o.sessions == _v("edge"), _v("sign")), else_=sa.literal_column("0")))
            .where(*(o[c] == _v(c) for c in owner))
            .scalar_subquery()
        )
        atom = module.insert(rating_atoms).values(
            {
                **{c: _v(c) for c in ("network_id", *ATOM_KEYS)},
                "sessions": _v("sign"),
                "organisations": edge,
                **{c: _v(c) for c in (*_COUNTERS, *SPLIT_COLUMNS)},
            }
        )
        atom = atom.on_conflict_do_update(
            index_elements=["network_id", *ATOM_KEYS],
            set_={
                c: rating_atoms.c[c] + atom.excluded[c]
                for c in ("sessions", "organisations", *_COUNTERS, *SPLIT_COLUMNS)
            },
        )
        return cls(*(PreparedStatement.of(x, dialect) for x in (claim, store, org, atom)))


_COMPILED: dict[tuple[str, str, str], _UploadSQL] = {}


def _sql(conn: sa.Connection) -> _UploadSQL:
    """Return the upload statements for the connection's dialect, compiled on first use."""
    dialect = conn.dialect
    key = (dialect.name, dialect.driver, dialect.paramstyle)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = _UploadSQL.compile(dialect)
    return found


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
    """Run one attempt of an upload in one transaction; raise _Undo to answer and roll back.

    Everything that needs no database is prepared before the write lock is taken.
    """
    body = summary.canonical_json()
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    summary_id = str(summary.summary_id)
    figures = figures_of(summary)
    row = {
        "v_organisation_id": organisation_id,
        "v_network_id": network_id,
        "v_summary_id": summary_id,
        "v_body_hash": digest,
        "v_month": summary.month,
        "v_figures": json.dumps(figures, sort_keys=True, separators=(",", ":")),
    }
    parts = _parts(
        summary.template.id,
        summary.care_setting.value,
        summary.phase.value,
        summary.month,
        summary.ratings,
    )
    changes = _atom_rows(network_id, organisation_id, parts, sign=1)
    with write_transaction(engine) as conn:
        sql = _sql(conn)
        if idempotency_key is not None:
            _claim_key(conn, sql, row, idempotency_key)
        if sql.store.execute(conn, [row]).first() is None:
            existing = conn.execute(
                sa.select(summaries.c.body_hash).where(
                    summaries.c.organisation_id == organisation_id,
                    summaries.c.summary_id == summary_id,
                )
            ).scalar_one()
            if existing != digest:
                raise _Undo(Outcome.CONFLICT)
            return Outcome.REPLAYED
        _apply(conn, sql, changes)
    return Outcome.STORED


def _claim_key(conn: sa.Connection, sql: _UploadSQL, row: dict[str, Any], key: str) -> None:
    """Claim an Idempotency-Key for this upload, or raise _Undo with the answer of its owner.

    The insert waits for a concurrent claim of the same key to commit or roll back, so the
    read after it sees the winner (an absent row means the winner was withdrawn: run again).
    """
    if sql.claim.execute(conn, [{**row, "v_key": key}]).first() is not None:
        return
    seen = conn.execute(
        sa.select(idempotency_keys.c.summary_id, idempotency_keys.c.body_hash).where(
            idempotency_keys.c.organisation_id == row["v_organisation_id"],
            idempotency_keys.c.key == key,
        )
    ).first()
    if seen is None:
        raise sa.exc.IntegrityError("idempotency key vanished", None, Exception("retry"))
    same = seen.summary_id == row["v_summary_id"] and seen.body_hash == row["v_body_hash"]
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
        parts = _stored_parts(row.month, json.loads(row.figures))
        _apply(conn, _sql(conn), _atom_rows(network_id, organisation_id, parts, sign=-1))
        conn.execute(
            sa.delete(idempotency_keys).where(
                idempotency_keys.c.organisation_id == organisation_id,
                idempotency_keys.c.summary_id == sid,
            )
        )
    return True


_RATING_FIELDS = ("dimension", "role_group", "mean", "spread", "count", "distribution")
_SUMMARY_COLUMNS = ("organisation_id", "network_id", "summary_id", "body_hash", "month", "figures")
_COUNTERS = ("people", "sum_mean", "sum_square")


def _atom_rows(
    network_id: int, organisation_id: int, parts: Sequence[_Contribution], sign: int
) -> list[dict[str, Any]]:
    """Return the statement values that add (sign=1) or remove (sign=-1) contributions."""
    return [
        {
            **{f"v_{k}": v for k, v in p.key.items()},
            "v_network_id": network_id,
            "v_organisation_id": organisation_id,
            "v_sign": sign,
            "v_edge": 1 if sign > 0 else 0,
            **{f"v_{name}": sign * value for name, value in p.counters.items()},
        }
        for p in parts
    ]


def _apply(conn: sa.Connection, sql: _UploadSQL, rows: Sequence[dict[str, Any]]) -> None:
    """Change the per-organisation counters, then the atoms (distinct organisations included)."""
    if rows:
        sql.org.execute(conn, rows)
        sql.atom.execute(conn, rows)
