"""Tests of the live-server helper itself: a port taken between choosing and binding."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sync.server.db import make_engine, migrate
from tests.sync.server import live


def test_a_port_taken_after_it_was_chosen_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first port offered is already listened on; the helper starts on the next one."""
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        taken_port = int(taken.getsockname()[1])
        real = live.free_port
        offered: Iterator[int] = iter([taken_port])
        monkeypatch.setattr(live, "free_port", lambda: next(offered, None) or real())
        with live.live_server(url, tmp_path, release_every_days="off") as server:
            assert server.port != taken_port
            assert httpx.get(f"{server.base_url}/healthz").status_code == 200
        assert (tmp_path / f"server-{taken_port}.log").exists()  # the first try, kept
