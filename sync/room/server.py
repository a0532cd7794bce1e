"""Provides RoomServer: the room's web app on uvicorn, in a thread of the app's own process.

The socket is bound before start() returns, so the address is known and taken at once;
stop() asks uvicorn to finish and joins its thread.
"""

from __future__ import annotations

import logging
import socket
import threading

import uvicorn

from facilitator.room.ballots import Room
from sync.room.app import room_app

STOP_SECONDS = 5.0


class RoomServer:
    """Serves one room on one local address and port until stopped."""

    def __init__(self, room: Room, host: str, port: int = 0) -> None:
        self.room = room
        self.host = host
        # IPPROTO_TCP named outright: asyncio turns Nagle off (TCP_NODELAY) only on sockets
        # that say so, and with Nagle on every answer waited ~40 ms for a delayed ACK.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._sock.bind((host, port))
        except OSError:
            self._sock.close()
            raise
        self.port = int(self._sock.getsockname()[1])
        config = uvicorn.Config(
            room_app(room, host=host),
            log_config=None,  # leave the app's logging alone
            log_level=logging.WARNING,
            access_log=False,  # no line per request, so no client address anywhere
            lifespan="off",
            ws="none",  # plain forms only: no WebSocket upgrade is ever accepted
            server_header=False,
            date_header=False,
            proxy_headers=False,
            timeout_graceful_shutdown=1,
            h11_max_incomplete_event_size=16 * 1024,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, name="room-server", daemon=True)

    @property
    def origin(self) -> str:
        """The scheme, address and port phones use."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Start serving in the background; requests wait in the socket's backlog meanwhile."""
        self._sock.listen(128)
        self._thread.start()

    def _serve(self) -> None:
        self._server.run(sockets=[self._sock])

    def stop(self) -> None:
        """Close the room, stop the server and wait for its thread to end."""
        self.room.close()
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(STOP_SECONDS)
        self._sock.close()

    @property
    def running(self) -> bool:
        """Whether the server's thread is still serving."""
        return self._thread.is_alive()
