"""Tests that the shipped migrations build exactly the tables the code uses, on both databases."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from facilitator.vocabulary import LEGACY_PHASES
from sync.server import admin
from sync.server.aggregates import AggregateFilter, GroupBy, aggregate
from sync.server.db import make_engine, migrate
from sync.server.ingest import store_summary, withdraw_summary
from sync.server.models import metadata, rating_atom_orgs, rating_atoms, summaries
from sync.server.schemas import SummaryV2
from tests.sync.server.conftest import make_summary


def test_migrations_match_models(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # a second run is a no-op
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_file_runs_in_wal_mode(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/wal.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


# Sessions as (organisation index, phase sent, care setting, mean): the first batch is stored
# as a first-edition server stored it (old phase names), the second as today's server does.
_FIRST_BATCH = [
    (0, "during", "primary_care", 2.0),
    (0, "during", "primary_care", 3.0),
    (1, "evaluation", "primary_care", 4.0),
    (2, "before_planning", "hospital", 1.5),
]
_SECOND_BATCH = [
    (0, "do", "primary_care", 5.0),
    (1, "do", "primary_care", 2.5),
    (1, "study", "primary_care", 3.5),
    (2, "plan", "hospital", 4.5),
]


def _upload(engine: sa.Engine, network_id: int, orgs: list[int], batch: list[Any]) -> list[str]:
    """Store a batch of sessions for a network's organisations; return their summary ids."""
    ids = []
    for org, phase, care, mean in batch:
        sid = f"00000000-0000-4000-8000-{round(mean * 10) + 100 * org:012d}"  # same in both
        rating = ("resources", "managers", mean, 0.5, 5)
        body = make_summary(summary_id=sid, phase=phase, care_setting=care, ratings=[rating])
        store_summary(engine, network_id, orgs[org], SummaryV2.model_validate(body), None)
        ids.append(sid)
    return ids


def _as_first_edition(engine: sa.Engine, network_id: int) -> None:
    """Rewrite a network's stored phases to the first-edition names, as that server kept them."""
    back = {new.value: old for old, new in LEGACY_PHASES.items()}
    with engine.begin() as conn:
        for table in (rating_atoms, rating_atom_orgs):
            old = sa.case(back, value=table.c.phase, else_=table.c.phase)
            conn.execute(sa.update(table).where(table.c.network_id == network_id).values(phase=old))
        rows = conn.execute(
            sa.select(summaries.c.id, summaries.c.figures).where(
                summaries.c.network_id == network_id
            )
        ).all()
        for row_id, text in rows:
            figures = json.loads(text)
            figures["phase"] = back.get(figures["phase"], figures["phase"])
            conn.execute(
                sa.update(summaries).where(summaries.c.id == row_id).values(figures=json.dumps(figures, sort_keys=True, separators=(",", ":")))
            )  # fmt: skip


def _stored(engine: sa.Engine, network_id: int, orgs: list[int]) -> dict[str, list[Any]]:
    """Return a network's stored uploads and counters, organisations by index, sorted."""
    out: dict[str, list[Any]] = {}
    with engine.connect() as conn:
        for table in (summaries, rating_atoms, rating_atom_orgs):
            rows = []
            for row in conn.execute(
                sa.select(table).where(table.c.network_id == network_id)
            ).mappings():
                data = {k: v for k, v in row.items() if k not in ("id", "network_id")}
                if "organisation_id" in data:
                    data["organisation_id"] = orgs.index(data["organisation_id"])
                if "figures" in data:
                    data["figures"] = json.loads(data["figures"])
                rows.append(data)
            out[table.name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out  # fmt: skip


def test_upgrade_renames_first_edition_phases(database_url: str) -> None:
    """Old phase names become the PDSA ones: twins merge, organisations are counted once."""
    engine = make_engine(database_url)
    migrate(engine, "0006")
    networks, orgs = {}, {}
    for name in ("legacy", "today"):
        networks[name] = admin.create_network(engine, name)
        admin.set_policy(engine, name, dp_epsilon=None, min_sessions=1, min_organisations=1)
        orgs[name] = [admin.create_organisation(engine, name, f"o{i}") for i in range(3)]
    first = _upload(engine, networks["legacy"], orgs["legacy"], _FIRST_BATCH)
    _as_first_edition(engine, networks["legacy"])
    _upload(engine, networks["legacy"], orgs["legacy"], _SECOND_BATCH)
    old_release = admin.release(engine, "legacy")
    reference = _upload(engine, networks["today"], orgs["today"], _FIRST_BATCH)
    _upload(engine, networks["today"], orgs["today"], _SECOND_BATCH)
    before = _stored(engine, networks["legacy"], orgs["legacy"])
    assert {a["phase"] for a in before["rating_atoms"]} >= {"during", "do", "evaluation"}

    migrate(engine)

    legacy = _stored(engine, networks["legacy"], orgs["legacy"])
    assert legacy == _stored(engine, networks["today"], orgs["today"])
    do_atom = next(a for a in legacy["rating_atoms"] if a["phase"] == "do")
    assert (do_atom["sessions"], do_atom["organisations"]) == (4, 2)
    # A release published before the upgrade reads its old names as the new ones.
    new_release = admin.release(engine, "today")
    by_phase = [GroupBy.PHASE, GroupBy.CARE_SETTING]
    old_cells = aggregate(engine, old_release, AggregateFilter(), by_phase)
    assert old_cells == aggregate(engine, new_release, AggregateFilter(), by_phase)
    assert {c.key["phase"] for c in old_cells} == {"do", "study", "before_start", "plan"}
    # Withdrawing an upload stored under an old name takes it out of the merged atom.
    assert withdraw_summary(engine, networks["legacy"], orgs["legacy"][0], first[0])
    assert withdraw_summary(engine, networks["today"], orgs["today"][0], reference[0])
    assert _stored(engine, networks["legacy"], orgs["legacy"]) == _stored(
        engine, networks["today"], orgs["today"]
    )
    engine.dispose()
