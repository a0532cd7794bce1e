"""Provides engine creation, migrations and write transactions for SQLite and PostgreSQL.

SQLite runs in WAL mode and takes its write lock at BEGIN, so concurrent writers queue
instead of failing half-way.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.dialects import sqlite

MIGRATIONS = "sync.server:migrations"
_IMMEDIATE = "facilitator_immediate"
# SQLite allows one writer; queueing writers of one process on a lock is fairer and far
# faster than letting them poll SQLite's busy handler.
_SQLITE_WRITE_LOCKS: weakref.WeakKeyDictionary[sa.Engine, threading.Lock] = (
    weakref.WeakKeyDictionary()
)


def make_engine(url: str) -> sa.Engine:
    """Create an engine that never puts SQL parameters into error messages or logs."""
    if url.startswith("sqlite"):
        args: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if sa.engine.make_url(url).database in (None, "", ":memory:"):
            args["poolclass"] = sa.pool.StaticPool
        else:
            args.update(pool_size=20, max_overflow=20)
        engine = sa.create_engine(url, hide_parameters=True, **args)
        _configure_sqlite(engine)
        _SQLITE_WRITE_LOCKS[engine] = threading.Lock()
        return engine
    return sa.create_engine(
        url, hide_parameters=True, pool_size=10, max_overflow=20, pool_pre_ping=True
    )


def _configure_sqlite(engine: sa.Engine) -> None:
    """Switch SQLite to WAL and let us choose IMMEDIATE transactions for writes."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        # FULL syncs the log at every commit, so a commit survives a power cut, not only a
        # crash of the process (NORMAL may lose the last commits then).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """Yield a connection inside a transaction that holds the write lock from its start."""
    lock = _SQLITE_WRITE_LOCKS.get(engine)
    with lock if lock is not None else nullcontext(), engine.connect() as conn:
        conn = conn.execution_options(**{_IMMEDIATE: True})
        with conn.begin():
            yield conn


@contextmanager
def read_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """Yield a connection inside a read transaction (one consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn


@dataclass(frozen=True)
class PreparedStatement:
    """A Core statement compiled once for a dialect, run on the driver's own cursor.

    The upload path runs a few statements per upload while holding the write lock; compiling
    them once and handing the values straight to the driver (named parameters, so rows go
    as they are) keeps that lock short. Driver errors are raised as SQLAlchemy's, without
    parameters. Only for statements whose parameters are plain strings and numbers.
    """

    sql: str

    @classmethod
    def of(cls, statement: sa.Executable, dialect: sa.Dialect) -> PreparedStatement:
        """Compile `statement` for `dialect`, with named parameters on SQLite."""
        if dialect.name == "sqlite":
            dialect = sqlite.dialect(paramstyle="named")
        compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
        if compiled.positional:
            raise ValueError(f"{dialect.name} compiles positional parameters")
        return cls(str(compiled))

    def first(self, conn: sa.Connection, row: Mapping[str, Any]) -> Any:
        """Run the statement for one row and return the first row it returns, or None."""
        return self._run(conn, lambda cursor: cursor.execute(self.sql, row).fetchone())

    def each(self, conn: sa.Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement once per row, in one driver call."""
        self._run(conn, lambda cursor: cursor.executemany(self.sql, rows))

    def _run(self, conn: sa.Connection, call: Callable[[Any], Any]) -> Any:
        """Call `call` with a driver cursor of the connection's transaction."""
        base = conn.dialect.loaded_dbapi.Error
        cursor = conn.connection.cursor()
        try:
            return call(cursor)
        except base as exc:
            raise sa.exc.DBAPIError.instance(
                self.sql, None, exc, base, hide_parameters=True, dialect=conn.dialect
            ) from exc
        finally:
            cursor.close()


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database schema to the newest revision shipped in the package (or `revision`)."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
