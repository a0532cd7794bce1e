"""Tests that the server never pulls in the terminal UI."""

from __future__ import annotations

import subprocess
import sys


def test_server_does_not_import_the_ui() -> None:
    code = (
        "import sys, sync.server.app, sync.server.cli, sync.server.asgi;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'screens')];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
