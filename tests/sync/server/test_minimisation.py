"""The server keeps only what releases need, and its access log only method, path and status."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

from sync.server import admin
from sync.server.db import make_engine, migrate
from sync.server.ingest import withdraw_summary
from sync.server.models import idempotency_keys, rating_atoms, summaries
from tests.sync.server.conftest import World, make_summary
from tests.sync.server.live import live_server

KEPT = {"id", "organisation_id", "network_id", "summary_id", "body_hash", "month", "figures"}


def test_an_upload_keeps_its_month_and_ratings_only(world: World) -> None:
    body = make_summary(tags=["money"], ratings=[("resources", "professionals", 2.4, 0.8, 5)])
    headers = {**world.auth("a1"), "Idempotency-Key": str(uuid.uuid4())}
    assert world.client.put(f"/v1/summaries/{body['summary_id']}", json=body, headers=headers)
    with world.engine.connect() as conn:
        (row,) = conn.execute(sa.select(summaries)).mappings().all()
        key_columns = set(conn.execute(sa.select(idempotency_keys)).keys())
    assert set(row) == KEPT
    assert row["month"] == "2026-11"
    figures = json.loads(row["figures"])
    assert set(figures) == {"template", "care_setting", "phase", "ratings"}
    for dropped in ("SE-F", "money", "observation", "planned_minutes", "participants"):
        assert dropped not in row["figures"]
    assert "created_at" not in key_columns
    assert world.client.delete(f"/v1/summaries/{body['summary_id']}", headers=world.auth("a1"))
    with world.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.sum(rating_atoms.c.sessions))).scalar_one() == 0


def test_the_migration_reduces_stored_bodies(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate(engine, "0004")
    admin.create_network(engine, "alpha")
    admin.create_organisation(engine, "alpha", "a1")
    body = make_summary()
    with engine.begin() as conn:
        ids = conn.exec_driver_sql("SELECT n.id, o.id FROM networks n, organisations o").one()
        conn.execute(
            sa.text(
                "INSERT INTO summaries (organisation_id, network_id, summary_id, body_hash, body,"
                " created_at) VALUES (:o, :n, :s, 'h', :b, :t)"
            ),
            {"o": ids[1], "n": ids[0], "s": body["summary_id"], "b": json.dumps(body),
             "t": datetime.now(UTC)},
        )  # fmt: skip
        conn.execute(
            sa.text(
                "INSERT INTO rating_atoms (network_id, template, dimension, role_group,"
                " care_setting, phase, month, sessions, organisations, people, sum_mean,"
                " sum_square) VALUES (:n, 'power-balance', 'resources', 'professionals',"
                " 'primary_care', 'during', '2026-11', 1, 1, 5, 12.0, 0)"
            ),
            {"n": ids[0]},
        )
    migrate(engine)
    with engine.connect() as conn:
        row = conn.execute(sa.select(summaries)).mappings().one()
    assert set(row) == KEPT and row["month"] == "2026-11"
    assert "SE-F" not in row["figures"]
    assert withdraw_summary(engine, ids[0], ids[1], body["summary_id"])
    engine.dispose()


def test_the_access_log_holds_method_path_and_status_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    admin.create_network(engine, "alpha")
    admin.create_organisation(engine, "alpha", "a1")
    token = admin.issue_token(engine, "alpha", "a1")
    engine.dispose()
    with live_server(url, tmp_path, release_every_days="off") as server:
        answer = httpx.get(
            f"{server.base_url}/v1/aggregates?template=power-balance&care_setting=home_care",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answer.status_code == 200
        sid = str(uuid.uuid4())
        gone = httpx.delete(
            f"{server.base_url}/v1/summaries/{sid}", headers={"Authorization": f"Bearer {token}"}
        )
        assert gone.status_code == 404
        log = server.log_text()
    assert '"GET /v1/aggregates" 200' in log
    assert '"DELETE /v1/summaries/{summary_id}" 404' in log and sid not in log
    assert "home_care" not in log and "template=" not in log
    assert "127.0.0.1:" not in log.replace(f"127.0.0.1:{server.port}", "")
    assert token not in log
