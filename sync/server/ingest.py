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


def _counters(row: dict[str, Any], rating: Rating, sign: int) -> None:
    """Set what one rating adds (sign=1) or removes (sign=-1): a mean or counts per point."""
    count = rating.count
    row["v_people"] = sign * count
    if rating.distribution is not None:
        for column, share, ratings in zip(
            _POINT_VALUES, _SHARE_VALUES, rating.distribution, strict=True
        ):
            row[column] = sign * ratings
            row[share] = sign * (ratings / count)
        return
    mean = rating.mean
    assert mean is not None
    row["v_mean_people"] = sign * count
    row["v_sum_mean"] = sign * (mean * count)
    row["v_session_mean_sum"] = sign * mean
    if rating.spread is not None:
        row["v_spread_people"] = sign * count
        row["v_spread_sum_mean"] = sign * (mean * count)
        row["v_sum_square"] = sign * (count * (rating.spread**2 + mean**2))


def _figures(canonical: dict[str, Any]) -> dict[str, Any]:
    """Return the only part of a summary the server keeps: what its atoms were given."""
    return {
        "template": canonical["template"]["id"],
        "care_setting": canonical["care_setting"],
        "phase": canonical["phase"],
        "ratings": canonical["ratings"],
    }


def _atom_rows(
    network_id: int,
    organisation_id: int,
    figures: dict[str, Any],
    month: str,
    ratings: Iterable[Rating],
    sign: int,
) -> list[dict[str, Any]]:
    """Return the statement values that add (sign=1) or remove (sign=-1) ratings.

    Sorted by atom, so concurrent writers lock atoms in one order.
    """
    base = {
        **_ZERO_COUNTERS,
        "v_network_id": network_id,
        "v_organisation_id": organisation_id,
        "v_template": figures["template"],
        "v_care_setting": figures["care_setting"],
        "v_phase": figures["phase"],
        "v_month": month,
        "v_sign": sign,
        "v_edge": 1 if sign > 0 else 0,
    }
    rows = []
    for rating in ratings:
        row = {**base, "v_dimension": rating.dimension, "v_role_group": rating.role_group.value}
        _counters(row, rating, sign)
        rows.append(row)
    rows.sort(key=lambda r: (r["v_dimension"], r["v_role_group"]))
    return rows


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
    return statements_for(conn.dialect)


def statements_for(dialect: sa.Dialect) -> _UploadSQL:
    """Return the upload statements for `dialect`; the app calls it at start, off the clock."""
    key = (dialect.name, dialect.driver, dialect.paramstyle)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = _UploadSQL.compile(dialect)
    return found


class Undo(Exception):
    """Rolls back an upload's writes and carries the outcome to answer with."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome


# A concurrent writer can win a unique key or a row lock between our check and our write;
# the whole upload then runs again and sees the winner's committed row.
ATTEMPTS = 5
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock


def retryable(exc: sa.exc.DBAPIError) -> bool:
    """Return whether a failed upload lost a race and may simply run again."""
    if isinstance(exc, sa.exc.IntegrityError):
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


@dataclass(frozen=True)
class PreparedUpload:
    """Everything an upload writes, worked out before any database lock is taken."""

    row: dict[str, Any]  # the summary's statement values
    changes: list[dict[str, Any]]  # the atom rows it adds to
    idempotency_key: str | None


def prepare_upload(
    network_id: int, organisation_id: int, summary: SummaryV2, idempotency_key: str | None
) -> PreparedUpload:
    """Return the values an upload writes: hash, kept figures and atom contributions."""
    canonical = summary.model_dump(mode="json", by_alias=True)
    body = summary.canonical_json(canonical)
    figures = _figures(canonical)
    row = {
        "v_organisation_id": organisation_id,
        "v_network_id": network_id,
        "v_summary_id": str(summary.summary_id),
        "v_body_hash": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "v_month": summary.month,
        "v_figures": json.dumps(figures, sort_keys=True, separators=(",", ":")),
    }
    changes = _atom_rows(
        network_id, organisation_id, figures, summary.month, summary.ratings, sign=1
    )
    return PreparedUpload(row=row, changes=changes, idempotency_key=idempotency_key)


def store_summary(
    engine: sa.Engine,
    network_id: int,
    organisation_id: int,
    summary: SummaryV2,
    idempotency_key: str | None,
) -> Outcome:
    """Store a summary once; a replay of the same body is REPLAYED, a different one CONFLICT."""
    upload = prepare_upload(network_id, organisation_id, summary, idempotency_key)
    return store_prepared(engine, upload)


def store_prepared(engine: sa.Engine, upload: PreparedUpload) -> Outcome:
    """Store a prepared upload in its own transaction, running it again if it lost a race.

    Races between processes end the same way as sequential requests: one upload stores,
    the others see its committed rows and answer REPLAYED, CONFLICT or KEY_REUSED.
    """
    for attempt in range(ATTEMPTS):
        try:
            with write_transaction(engine) as conn:
                return apply_upload(conn, upload)
        except Undo as undo:
            return undo.outcome
        except sa.exc.DBAPIError as exc:
            if attempt + 1 == ATTEMPTS or not retryable(exc):
                raise
    raise AssertionError("unreachable")


def apply_upload(conn: sa.Connection, upload: PreparedUpload) -> Outcome:
    """Write one upload inside the caller's transaction; raise Undo to answer and roll back."""
    sql = _sql(conn)
    row = upload.row
    if upload.idempotency_key is not None:
        _claim_key(conn, sql, row, upload.idempotency_key)
    if sql.store.first(conn, row) is None:
        existing = conn.execute(
            sa.select(summaries.c.body_hash).where(
                summaries.c.organisation_id == row["v_organisation_id"],
                summaries.c.summary_id == row["v_summary_id"],
            )
        ).scalar_one()
        if existing != row["v_body_hash"]:
            raise Undo(Outcome.CONFLICT)
        return Outcome.REPLAYED
    _apply(conn, sql, upload.changes)
    return Outcome.STORED


def _claim_key(conn: sa.Connection, sql: _UploadSQL, row: dict[str, Any], key: str) -> None:
    """Claim an Idempotency-Key for this upload, or raise Undo with the answer of its owner.

    The insert waits for a concurrent claim of the same key to commit or roll back, so the
    read after it sees the winner (an absent row means the winner was withdrawn: run again).
    """
    if sql.claim.first(conn, {**row, "v_key": key}) is not None:
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
    raise Undo(Outcome.REPLAYED if same else Outcome.KEY_REUSED)


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
        figures = json.loads(row.figures)
        ratings = (Rating.model_validate(data) for data in figures["ratings"])
        changes = _atom_rows(network_id, organisation_id, figures, row.month, ratings, sign=-1)
        _apply(conn, _sql(conn), changes)
        conn.execute(
            sa.delete(idempotency_keys).where(
                idempotency_keys.c.organisation_id == organisation_id,
                idempotency_keys.c.summary_id == sid,
            )
        )
    return True


_SUMMARY_COLUMNS = ("organisation_id", "network_id", "summary_id", "body_hash", "month", "figures")
_COUNTERS = ("people", "sum_mean", "sum_square")
_ZERO_COUNTERS = {f"v_{name}": 0 for name in (*_COUNTERS, *SPLIT_COLUMNS)}
_POINT_VALUES = tuple(f"v_{c}" for c in POINT_COLUMNS)
_SHARE_VALUES = tuple(f"v_{c}" for c in SHARE_COLUMNS)


def _apply(conn: sa.Connection, sql: _UploadSQL, rows: Sequence[dict[str, Any]]) -> None:
    """Change the per-organisation counters, then the atoms (distinct organisations included)."""
    if rows:
        sql.org.each(conn, rows)
        sql.atom.each(conn, rows)
