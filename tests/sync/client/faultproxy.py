"""A small TCP proxy that injects faults between the sync client and the real server.

Each accepted connection takes the next fault from a queue ("pass" when empty): answer 400,
429, 500 or 503 without forwarding, forward then delay the answer past the client's timeout, reset the
connection before forwarding, or forward and reset before the answer gets back.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import deque

FAULTS = (
    "pass",
    "400",
    "429",
    "500",
    "503",
    "503-retry-after",
    "slow",
    "reset-before",
    "reset-after",
)


def _read_request(conn: socket.socket) -> bytes:
    """One HTTP request (headers and a Content-Length body) from a client socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _reset(conn: socket.socket) -> None:
    """Close with RST instead of FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _forward_once(request: bytes, upstream: tuple[str, int]) -> bytes:
    """Send one request upstream with Connection: close and return the whole answer."""
    head, _, body = request.partition(b"\r\n\r\n")
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    request = b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body
    with socket.create_connection(upstream, timeout=10) as up:
        up.sendall(request)
        answer = b""
        while chunk := up.recv(65536):
            answer += chunk
    return answer


def _status(code: int, extra: bytes = b"") -> bytes:
    body = b'{"detail":"injected"}'
    return (
        f"HTTP/1.1 {code} Injected\r\nContent-Type: application/json\r\n".encode()
        + extra
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )


class FaultProxy:
    """Listens on 127.0.0.1 and forwards to `upstream`, one fault per connection from `faults`."""

    def __init__(self, upstream: tuple[str, int], slow_seconds: float = 1.5) -> None:
        self.upstream = upstream
        self.slow_seconds = slow_seconds
        self.faults: deque[str] = deque()
        self.seen: list[str] = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """Base URL of the proxy."""
        return f"http://127.0.0.1:{self.port}"

    def inject(self, *faults: str) -> None:
        """Queue faults for the next connections."""
        assert all(f in FAULTS for f in faults), faults
        self.faults.extend(faults)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            fault = self.faults.popleft() if self.faults else "pass"
            self.seen.append(fault)
            threading.Thread(target=self._handle, args=(conn, fault), daemon=True).start()

    def _handle(self, conn: socket.socket, fault: str) -> None:
        try:
            request = _read_request(conn)
            if not request:
                conn.close()
                return
            if fault == "reset-before":
                _reset(conn)
                return
            if fault in {"400", "429", "500", "503"}:
                conn.sendall(_status(int(fault)))
            elif fault == "503-retry-after":
                conn.sendall(_status(503, b"Retry-After: 7\r\n"))
            else:
                answer = _forward_once(request, self.upstream)
                if fault == "reset-after":
                    _reset(conn)
                    return
                if fault == "slow":
                    time.sleep(self.slow_seconds)
                conn.sendall(answer)
            conn.close()
        except OSError:
            conn.close()

    def close(self) -> None:
        """Stop listening."""
        self._stop.set()
        self._server.close()
