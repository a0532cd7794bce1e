"""Benchmark `startup`: launch to the first interactive screen, against a minimal Textual app.

Both are fresh `python -c` processes run headless; the time is from just before the process
starts until the first screen is mounted with its input focused. Median of several runs each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5

FACILITATOR = """
import asyncio, time
from screens.factory import make_app
from tests.screens.fakes import memory_services

async def main():
    app = make_app(memory_services(passphrase="benchmark", templates=lambda language: []))
    async with app.run_test(size=(100, 30)) as pilot:
        from screens.unlock import UnlockScreen
        while not (isinstance(app.screen, UnlockScreen) and app.screen.focused is not None):
            await pilot.pause()
        print(time.time(), flush=True)

asyncio.run(main())
"""

MINIMAL = """
import asyncio, time
from textual.app import App
from textual.widgets import Footer, Input, Label

class Minimal(App[None]):
    def compose(self):
        yield Label("Passphrase")
        yield Input(password=True)
        yield Footer()

async def main():
    app = Minimal()
    async with app.run_test(size=(100, 30)) as pilot:
        while app.screen.focused is None:
            await pilot.pause()
        print(time.time(), flush=True)

asyncio.run(main())
"""


def _launch(code: str) -> float:
    """Seconds from launching `python -c code` until it reports its first screen ready."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTUAL": ""}
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    return float(done.stdout.strip().splitlines()[-1]) - started


def _median(code: str) -> float:
    _launch(code)  # warm the file cache and bytecode
    return statistics.median(_launch(code) for _ in range(RUNS))


def run() -> list[dict[str, Any]]:
    """The startup benchmark as one result row."""
    baseline = _median(MINIMAL)
    value = _median(FACILITATOR)
    return [
        {
            "name": "startup",
            "value": value,
            "unit": "s",
            "baseline_name": "minimal Textual app",
            "baseline_value": baseline,
            "ratio": value / baseline,
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
