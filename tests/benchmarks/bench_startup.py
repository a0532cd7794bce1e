"""Benchmark `startup`: the installed `facilitator` command to its first focused screen.

The command runs its own code path (argument parsing, settings, templates, composition) in
a pseudo-terminal, with a temporary config folder and an existing vault, so the unlock
screen comes first. The baseline is a minimal Textual app (one focused Input) started the
same way; the two are interleaved and each is timed from just before its process starts to
the first frame drawn with a focused widget (tests/benchmarks/ready_driver.py, selected by
Textual's TEXTUAL_DRIVER switch). Median of RUNS each. `startup_cpu` is the CPU time each
process had used by then, steadier than wall time on a busy machine.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 9
TIMEOUT = 60.0
SIZE = (30, 100)  # rows, columns
DRIVER = "tests.benchmarks.ready_driver:ReadyDriver"
PASSPHRASE = "benchmark passphrase"

MINIMAL = '''"""A minimal Textual app: one label, one focused password Input, a footer."""
from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, Label


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Passphrase")
        yield Input(password=True)
        yield Footer()


Minimal().run()
'''


def facilitator_command() -> list[str]:
    """The installed console script beside this interpreter, run by this interpreter."""
    script = shutil.which("facilitator", path=str(Path(sys.executable).parent))
    if script is None:
        raise RuntimeError("no `facilitator` command beside this Python; run pip install -e .")
    return [sys.executable, script]


def clean_environment() -> dict[str, str]:
    """This environment without facilitator's or Textual's settings, and writing bytecode, so
    the warm-up run leaves compiled modules as an installed command has."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FACILITATOR_", "TEXTUAL")) and key != "PYTHONDONTWRITEBYTECODE"
    }


def launch(command: list[str], ready_file: Path) -> tuple[float, float, str]:
    """Wall seconds from starting `command` in a pty to its first focused frame, the CPU
    seconds it had used by then, and the name of the screen shown."""
    ready_file.unlink(missing_ok=True)
    env = clean_environment()
    env.update(
        PYTHONPATH=str(ROOT),
        TERM="xterm-256color",
        TEXTUAL_DRIVER=DRIVER,
        BENCH_READY_FILE=str(ready_file),
    )
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    started = time.time()
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            readable, _, _ = select.select([leader], [], [], 0.5)
            if readable:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal closed: the process has gone
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        else:
            process.kill()
        process.wait(timeout=TIMEOUT)
    finally:
        os.close(leader)
    if not ready_file.exists():
        tail = output[-400:].decode("utf-8", "replace")
        raise RuntimeError(
            f"{command[-1]} never showed a focused screen; its last output: {tail!r}"
        )
    stamp, cpu, screen, _focused = ready_file.read_text(encoding="utf-8").split()
    return float(stamp) - started, float(cpu), screen


def existing_vault(directory: Path) -> None:
    """A vault at `directory` (cheapest key derivation), so the app opens on its unlock screen."""
    from facilitator.vault import KdfParams, Vault

    vault, _recovery_key = Vault.create(directory, PASSPHRASE, kdf=KdfParams.MINIMUM)
    vault.close()


def _row(name: str, values: list[float], baselines: list[float], what: str) -> dict[str, Any]:
    value, baseline = statistics.median(values), statistics.median(baselines)
    return {
        "name": name,
        "value": value,
        "unit": "s",
        "baseline_name": f"minimal Textual app{what}",
        "baseline_value": baseline,
        "ratio": value / baseline,
    }


def run() -> list[dict[str, Any]]:
    """Wall time to the first focused screen and the CPU time used by then, each against
    the minimal app."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as temp:
        folder = Path(temp)
        minimal = folder / "minimal_app.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        existing_vault(folder / "vault")
        real = [*facilitator_command(), "--vault", str(folder / "vault")]
        real += ["--config", str(folder / "config")]
        baseline = [sys.executable, str(minimal)]
        ready = folder / "ready"
        for command in (baseline, real):  # warm the file cache and bytecode
            launch(command, ready)
        wall: dict[str, list[float]] = {"real": [], "minimal": []}
        cpu: dict[str, list[float]] = {"real": [], "minimal": []}
        order = [("minimal", baseline), ("real", real)]
        for index in range(RUNS):
            for which, command in order if index % 2 == 0 else order[::-1]:
                seconds, cpu_seconds, screen = launch(command, ready)
                if which == "real" and screen != "UnlockScreen":
                    raise RuntimeError(f"facilitator opened on {screen}, not the unlock screen")
                wall[which].append(seconds)
                cpu[which].append(cpu_seconds)
    return [
        _row("startup", wall["real"], wall["minimal"], ""),
        _row("startup_cpu", cpu["real"], cpu["minimal"], " (CPU time)"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
