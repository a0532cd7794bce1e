"""Fixtures: the real sync server on loopback (SQLite temp file), a token, and a fault proxy."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

pytest.importorskip("uvicorn")
import uvicorn

from sync.server import admin
from sync.server.app import create_app
from sync.server.db import make_engine
from sync.server.settings import ServerSettings
from tests.sync.client.faultproxy import FaultProxy


@dataclass
class LiveServer:
    """A running server, its database and one organisation's token."""

    url: str
    engine: sa.Engine
    token: str
    other_token: str

    def bodies(self) -> dict[str, list[str]]:
        """Every stored summary's body hash (SHA-256 of its bytes) by id (a list: duplicates).

        The server keeps only a body's hash and the figures releases use, never the body.
        """
        with self.engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT summary_id, body_hash FROM summaries")).all()
        out: dict[str, list[str]] = {}
        for sid, digest in rows:
            out.setdefault(sid, []).append(digest)
        return out


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db: Path = tmp_path_factory.mktemp("server") / "server.sqlite3"
    settings = ServerSettings(
        database_url=f"sqlite:///{db}", rate_per_second=1000.0, rate_burst=1000
    )
    engine = make_engine(settings.database_url)
    app = create_app(settings, engine)
    admin.create_network(engine, "esther")
    admin.create_organisation(engine, "esther", "jonkoping-primary")
    admin.create_organisation(engine, "esther", "ryhov-hospital")
    admin.set_policy(engine, "esther", min_sessions=1, min_organisations=1, dp_epsilon=None)
    token = admin.issue_token(engine, "esther", "jonkoping-primary", "tests")
    other = admin.issue_token(engine, "esther", "ryhov-hospital", "tests")
    # The server is handed a socket already bound to a port the OS chose, so parallel test
    # processes can never race for the same port between choosing and binding it.
    listener = socket.create_server(("127.0.0.1", 0))
    port = int(listener.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # generous: a busy machine must not fail the suite
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", engine, token, other)
    server.should_exit = True
    thread.join(5)
    listener.close()


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    host, port = live_server.url.removeprefix("http://").split(":")
    fault_proxy = FaultProxy((host, int(port)))
    yield fault_proxy
    fault_proxy.close()


class MemoryVault:
    """Documents and sessions in memory, standing in for the encrypted vault."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}
        self.sessions: dict[str, Any] = {}

    def load_document(self, name: str) -> dict[str, Any]:
        return dict(self.documents.get(name, {}))

    def save_document(self, name: str, data: dict[str, Any]) -> None:
        self.documents[name] = data

    def list_sessions(self) -> list[Any]:
        return list(self.sessions.values())

    def load_session(self, session_id: str) -> Any:
        return self.sessions[session_id]
