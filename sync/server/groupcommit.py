"""Provides where uploads are written: per request on PostgreSQL, by group commit on SQLite.

SQLite has one writer at a time and makes each commit durable with an fsync. Writing every
upload in its own transaction queues request threads on the write lock and pays one fsync per
upload; one writer thread that commits whatever uploads are waiting in one transaction pays
one fsync per batch, and answers each upload only after that commit, so an acknowledged upload
survives a crash or power cut as before.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from sync.server.db import write_transaction
from sync.server.ingest import (
    ATTEMPTS,
    Outcome,
    PreparedUpload,
    Undo,
    apply_upload,
    retryable,
    statements_for,
    store_prepared,
)

# Enough to take every waiting upload of a busy server in one commit, few enough that the
# write lock is never held long.
MAX_BATCH = 64


class UploadStore(Protocol):
    """Stores prepared uploads and answers each once its outcome is durable."""

    async def store(self, upload: PreparedUpload) -> Outcome:
        """Store `upload` and return what it did, after the commit that made it durable."""
        ...

    def close(self) -> None:
        """Stop any background work; later uploads start it again."""
        ...


class PerRequestStore:
    """Writes each upload in its own transaction from a worker thread (PostgreSQL).

    Concurrent transactions from every worker process are what PostgreSQL is for; races
    between them are settled in `store_prepared`.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    async def store(self, upload: PreparedUpload) -> Outcome:
        """Store `upload` in a worker thread."""
        return await run_in_threadpool(store_prepared, self._engine, upload)

    def close(self) -> None:
        """Nothing runs in the background."""


@dataclass(frozen=True)
class _Job:
    """One upload waiting for the writer, and where its answer goes."""

    upload: PreparedUpload
    answer: Future[Outcome]


class GroupCommit:
    """Commits every upload waiting at the time in one SQLite transaction (one process).

    Each upload runs inside its own savepoint, so one that ends as a conflict or fails
    leaves the others of its batch untouched; answers go out after the batch commits, and
    if the commit fails every upload of the batch fails with it.
    """

    def __init__(self, engine: sa.Engine, max_batch: int = MAX_BATCH) -> None:
        self._engine = engine
        self._max_batch = max_batch
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    async def store(self, upload: PreparedUpload) -> Outcome:
        """Queue `upload` for the next commit and wait for its outcome without a thread."""
        return await asyncio.wrap_future(self.submit(upload))

    def submit(self, upload: PreparedUpload) -> Future[Outcome]:
        """Queue `upload` for the next commit; the future resolves once it is durable."""
        answer: Future[Outcome] = Future()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, args=(self._jobs,), name="upload-writer", daemon=True
                )
                self._thread.start()
            self._jobs.put(_Job(upload, answer))
        return answer

    def close(self) -> None:
        """Let the writer commit what is queued, then stop it."""
        with self._lock:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            self._jobs.put(None)
            self._jobs = queue.SimpleQueue()
        thread.join()

    def _run(self, jobs: queue.SimpleQueue[_Job | None]) -> None:
        """Take every waiting job (up to a batch) and commit them together, until closed."""
        stopping = False
        while not stopping:
            first = jobs.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    job = jobs.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stopping = True
                    break
                batch.append(job)
            # An upload whose caller stopped waiting is not written; the rest can no longer
            # be cancelled, so each gets its answer.
            batch = [job for job in batch if job.answer.set_running_or_notify_cancel()]
            if batch:
                self._commit(batch)

    def _commit(self, batch: list[_Job]) -> None:
        """Write a batch in one transaction, then answer each job."""
        results: list[Outcome | BaseException] = []
        try:
            with write_transaction(self._engine) as conn:
                results = [_one(conn, job.upload) for job in batch]
        except BaseException as exc:  # the batch did not commit: no upload of it is stored
            for job in batch:
                job.answer.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for job, result in zip(batch, results, strict=True):
            if isinstance(result, BaseException):
                job.answer.set_exception(result)
            else:
                job.answer.set_result(result)


def _one(conn: sa.Connection, upload: PreparedUpload) -> Outcome | Exception:
    """Write one upload of a batch inside a savepoint; return its outcome or its error.

    An error the savepoint cannot undo (the transaction itself is gone) propagates and
    fails the whole batch.
    """
    for attempt in range(ATTEMPTS):
        conn.exec_driver_sql("SAVEPOINT upload")
        try:
            outcome = apply_upload(conn, upload)
        except Undo as undo:
            _undo(conn)
            return undo.outcome
        except Exception as exc:
            _undo(conn)
            again = isinstance(exc, sa.exc.DBAPIError) and retryable(exc)
            if attempt + 1 == ATTEMPTS or not again:
                return exc
            continue
        conn.exec_driver_sql("RELEASE upload")
        return outcome
    raise AssertionError("unreachable")


def _undo(conn: sa.Connection) -> None:
    """Drop everything written since the upload's savepoint, keeping the batch's transaction."""
    conn.exec_driver_sql("ROLLBACK TO upload")
    conn.exec_driver_sql("RELEASE upload")


def upload_store_for(engine: sa.Engine) -> UploadStore:
    """Return how this database takes uploads: group commit on SQLite, per request otherwise."""
    statements_for(engine.dialect)
    if engine.dialect.name == "sqlite":
        return GroupCommit(engine)
    return PerRequestStore(engine)
