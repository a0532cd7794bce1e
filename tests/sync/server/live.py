"""Provides a real `facilitator-server serve` on a free loopback port, for tests and benchmarks.

Traffic only ever goes to 127.0.0.1; the process is stopped by its own pid on exit.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sync.server.settings import DB_ENV


@dataclass(frozen=True)
class LiveServer:
    """Where a running server listens and where its log goes."""

    host: str
    port: int
    log_path: Path
    pid: int

    @property
    def base_url(self) -> str:
        """Return the server's base URL."""
        return f"http://{self.host}:{self.port}"

    def log_text(self) -> str:
        """Return everything the server has logged so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


_STARTED = "Application startup complete."  # uvicorn logs it once per worker process


_BIND_ATTEMPTS = 5


class _PortTaken(Exception):
    """The server could not bind: the port free a moment ago was taken meanwhile."""


def free_port() -> int:
    """Return a loopback port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(
    host: str, port: int, proc: subprocess.Popen[bytes], log: Path, workers: int
) -> None:
    """Wait (bounded) until /healthz answers and every worker has started, failing with the
    server's log if it dies. The first worker up answers /healthz while the others may still
    be importing the app, so their own startup lines in the log are counted too."""
    deadline = time.monotonic() + 120  # generous: a busy machine must not fail the suite
    healthy = False
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = log.read_text(errors="replace")
            if "address already in use" in text.lower():
                raise _PortTaken(port)
            raise RuntimeError(f"server exited early:\n{text}")
        if not healthy:
            try:
                conn = http.client.HTTPConnection(host, port, timeout=1)
                conn.request("GET", "/healthz")
                healthy = conn.getresponse().status == 200
                conn.close()
            except OSError:
                pass
        if healthy and log.read_text(errors="replace").count(_STARTED) >= workers:
            return
        time.sleep(0.1)
    raise RuntimeError(f"server did not become healthy:\n{log.read_text()}")


@contextlib.contextmanager
def live_server(
    db_url: str,
    log_dir: Path,
    *,
    rate_per_second: float = 1e6,
    rate_burst: int | None = None,
    access_log: bool = True,
    workers: int = 1,
    release_every_days: str = "7",
) -> Iterator[LiveServer]:
    """Run `facilitator-server serve` against `db_url` until the block ends.

    The database URL (it may hold a password) travels in the environment, never in argv.
    `release_every_days="off"` leaves every release to the caller (tests publish them).
    """
    host = "127.0.0.1"
    for _ in range(_BIND_ATTEMPTS):
        port = free_port()
        log_path = log_dir / f"server-{port}.log"
        proc = _start(
            _serve_args(
                host, port, rate_per_second, rate_burst, access_log, workers, release_every_days
            ),
            db_url,
            log_path,
        )
        try:
            _wait_healthy(host, port, proc, log_path, workers)
        except _PortTaken:
            continue  # another process took the port after free_port saw it free
        except BaseException:
            _stop(proc)
            raise
        break
    else:
        raise RuntimeError(f"no free loopback port after {_BIND_ATTEMPTS} tries")
    try:
        yield LiveServer(host, port, log_path, proc.pid)
    finally:
        _stop(proc)


def _serve_args(
    host: str,
    port: int,
    rate_per_second: float,
    rate_burst: int | None,
    access_log: bool,
    workers: int,
    release_every_days: str,
) -> list[str]:
    """The `facilitator-server serve` command line (no secrets: the database URL is in env)."""
    args = [
        sys.executable,
        "-c",
        "import sys; from sync.server.cli import main; sys.exit(main(sys.argv[1:]))",
        "serve",
        "--host",
        host,
        "--port",
        str(port),
        "--rate-per-second",
        str(rate_per_second),
        "--rate-burst",
        str(rate_burst if rate_burst is not None else int(min(rate_per_second, 1e9))),
        "--workers",
        str(workers),
        "--log-level",
        "info",
        "--release-every-days",
        release_every_days,
    ]
    if not access_log:
        args.append("--no-access-log")
    return args


def _start(args: list[str], db_url: str, log_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", DB_ENV: db_url}
    with log_path.open("wb") as log:
        return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
