"""Provides ReadyDriver: Textual's Linux driver that notes the first frame shown with focus.

The startup benchmark selects it through Textual's own switch (TEXTUAL_DRIVER), so the app
under test runs unchanged. After the first frame in which the active screen has a focused
widget, it writes `wall-clock-time cpu-seconds screen focused-widget` to the file named by
BENCH_READY_FILE and asks the app to exit.
"""

from __future__ import annotations

import os
import time

from textual.drivers.linux_driver import LinuxDriver

READY_FILE = "BENCH_READY_FILE"


class ReadyDriver(LinuxDriver):
    """A Linux driver that reports when the first focused screen reaches the terminal."""

    _reported = False

    def flush(self) -> None:
        """Flush as usual; after the first frame with focus, record the time and exit."""
        super().flush()
        if self._reported:
            return
        try:
            screen = self._app.screen
        except Exception:  # no screen yet: the driver is still setting up the terminal
            return
        focused = screen.focused
        if focused is None:
            return
        self._reported = True
        now, cpu = time.time(), time.process_time()
        line = f"{now} {cpu} {type(screen).__name__} {type(focused).__name__}\n"
        with open(os.environ[READY_FILE], "w", encoding="utf-8") as handle:
            handle.write(line)
        self._app.exit()
