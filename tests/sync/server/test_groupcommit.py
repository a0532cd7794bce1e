"""Tests SQLite's group commit: uploads waiting together commit together, each with its own answer.

Batches are formed by holding the write lock while uploads queue, so every upload queued
meanwhile is written after it and answered only once its batch has committed.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sync.server import admin
from sync.server.db import make_engine, migrate, write_transaction
from sync.server.groupcommit import GroupCommit
from sync.server.ingest import Outcome, PreparedUpload, prepare_upload
from sync.server.models import idempotency_keys, rating_atoms, summaries
from sync.server.schemas import SummaryV2
from tests.sync.server.conftest import make_summary


@dataclass
class Site:
    """A migrated SQLite database with one network and organisation, and its writer."""

    engine: sa.Engine
    writer: GroupCommit
    network_id: int
    organisation_id: int

    def upload(self, body: dict[str, Any], key: str | None = None) -> PreparedUpload:
        """Return the prepared upload of a wire body from the organisation."""
        summary = SummaryV2.model_validate(body)
        return prepare_upload(self.network_id, self.organisation_id, summary, key)

    def count(self, table: sa.Table) -> int:
        """Return how many rows a table holds, read on a connection of its own."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

    def sessions(self) -> int:
        """Return the sessions counted over all rating atoms."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.sum(rating_atoms.c.sessions))).scalar() or 0)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """Yield a fresh SQLite site whose writer is stopped afterwards."""
    engine = make_engine(f"sqlite:///{tmp_path / 'group.sqlite3'}")
    migrate(engine)
    network_id = admin.create_network(engine, "alpha")
    organisation_id = admin.create_organisation(engine, "alpha", "a1")
    writer = GroupCommit(engine)
    yield Site(engine, writer, network_id, organisation_id)
    writer.close()
    engine.dispose()


def _submit_together(site: Site, uploads: list[PreparedUpload]) -> list[Future[Outcome]]:
    """Queue uploads while the write lock is held, so they commit after it, as one batch."""
    with write_transaction(site.engine):
        answers = [site.writer.submit(u) for u in uploads]
        assert not any(a.done() for a in answers)
    return answers


def test_one_batch_answers_each_upload_as_if_sent_alone(site: Site) -> None:
    first = make_summary()
    site.writer.submit(site.upload(first)).result(timeout=60)
    key = str(uuid.uuid4())
    fresh, twin = make_summary(), make_summary()
    twin_again = {**twin}
    uploads = [
        site.upload(first),  # the same body again: a replay
        site.upload({**first, "phase": "study"}),  # another body under a stored id
        site.upload(fresh, key),
        site.upload(make_summary(), key),  # the key again, for another summary
        site.upload(twin),
        site.upload(twin_again),  # the same id twice in one batch
        site.upload({**twin, "phase": "study"}),
    ]
    answers = [a.result(timeout=60) for a in _submit_together(site, uploads)]
    assert answers == [
        Outcome.REPLAYED,
        Outcome.CONFLICT,
        Outcome.STORED,
        Outcome.KEY_REUSED,
        Outcome.STORED,
        Outcome.REPLAYED,
        Outcome.CONFLICT,
    ]
    assert site.count(summaries) == 3
    assert site.count(idempotency_keys) == 1
    assert site.sessions() == 3


def test_a_failing_upload_leaves_the_rest_of_its_batch_stored(site: Site) -> None:
    good = site.upload(make_summary())
    stranger = replace(good, row={**good.row, "v_organisation_id": site.organisation_id + 99})
    stranger = replace(stranger, row={**stranger.row, "v_summary_id": str(uuid.uuid4())})
    other = site.upload(make_summary())
    answers = _submit_together(site, [good, stranger, other])
    assert answers[0].result(timeout=60) is Outcome.STORED
    with pytest.raises(sa.exc.IntegrityError):
        answers[1].result(timeout=60)
    assert answers[2].result(timeout=60) is Outcome.STORED
    assert site.count(summaries) == 2
    assert site.sessions() == 2


def test_a_batch_whose_commit_fails_stores_and_acknowledges_nothing(site: Site) -> None:
    def refuse(_conn: sa.Connection) -> None:
        if threading.current_thread().name == "upload-writer":
            raise OSError("disk went away")

    sa.event.listen(site.engine, "commit", refuse)
    answers = _submit_together(site, [site.upload(make_summary()) for _ in range(3)])
    for answer in answers:
        with pytest.raises(OSError):
            answer.result(timeout=60)
    sa.event.remove(site.engine, "commit", refuse)
    assert site.count(summaries) == 0
    assert site.count(rating_atoms) == 0
    # The writer carries on with the next batch.
    assert site.writer.submit(site.upload(make_summary())).result(timeout=60) is Outcome.STORED


def test_an_upload_is_answered_only_once_it_is_committed(site: Site) -> None:
    body = make_summary()
    with write_transaction(site.engine):
        answer = site.writer.submit(site.upload(body))
        assert site.count(summaries) == 0
        assert not answer.done()
    assert answer.result(timeout=60) is Outcome.STORED
    with site.engine.connect() as conn:
        stored = conn.execute(sa.select(summaries.c.body_hash, summaries.c.figures)).one()
    summary = SummaryV2.model_validate(body)
    # The hash and the kept figures are the canonical forms the wire format defines.
    assert stored.body_hash == hashlib.sha256(summary.canonical_json().encode()).hexdigest()
    figures = {
        "template": summary.template.id,
        "care_setting": summary.care_setting.value,
        "phase": summary.phase.value,
        "ratings": [r.model_dump(mode="json") for r in summary.ratings],
    }
    assert json.loads(stored.figures) == figures


def test_an_upload_given_up_before_its_batch_is_not_written(site: Site) -> None:
    """With one upload per batch, the second is still queued while the first waits."""
    writer = GroupCommit(site.engine, max_batch=1)
    with write_transaction(site.engine):
        answers = [writer.submit(site.upload(make_summary())) for _ in range(3)]
        assert answers[1].cancel()
    assert answers[0].result(timeout=60) is Outcome.STORED
    assert answers[2].result(timeout=60) is Outcome.STORED
    assert site.count(summaries) == 2
    assert writer.submit(site.upload(make_summary())).result(timeout=60) is Outcome.STORED
    writer.close()


def test_closing_commits_what_is_queued_and_a_later_upload_starts_again(site: Site) -> None:
    with write_transaction(site.engine):
        answers = [site.writer.submit(site.upload(make_summary())) for _ in range(4)]
    site.writer.close()
    assert [a.result(timeout=0) for a in answers] == [Outcome.STORED] * 4
    assert site.writer.submit(site.upload(make_summary())).result(timeout=60) is Outcome.STORED
    assert site.count(summaries) == 5


def test_sqlite_file_syncs_every_commit(tmp_path: Path) -> None:
    """An acknowledged upload must survive a power cut, not only a crash: synchronous=FULL."""
    engine = make_engine(f"sqlite:///{tmp_path / 'sync.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    engine.dispose()
