"""End-to-end journey in tmux against the installed `facilitator` command: nothing is faked.

Fresh vault, plan, run two rounds with notes and ratings, finish, quit, reopen, find it all.
Needs tmux (installed by .ci/run); fails loudly, never skips, when a part is missing.
"""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PASSPHRASE = "esther tmux journey words"
TIMEOUT = 30.0


class Tmux:
    """One detached tmux server on its own socket, polled instead of slept on."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        """Run `command` in a 100x30 window; the shell prints its exit code when it ends."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = f"env {exports} {command}; echo FACILITATOR-EXIT-$?; sleep 600"
        # A fresh socket each start: a server just killed may still hold the old one.
        self.socket = f"{self.socket.split('~')[0]}~{uuid.uuid4().hex[:6]}"
        for attempt in range(3):
            try:
                self._tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "journey", script)
                return
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise
                self.kill()
                time.sleep(0.5)

    def screen(self) -> str:
        """What the window shows now."""
        return self._tmux("capture-pane", "-p", "-t", "journey")

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Poll until `text` is on screen; fail with the screen when it never shows."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen}")

    def keys(self, *keys: str) -> None:
        """Press named keys (Enter, F5, C-s)."""
        self._tmux("send-keys", "-t", "journey", *keys)

    def type(self, text: str) -> None:
        """Type literal text."""
        self._tmux("send-keys", "-t", "journey", "-l", text)

    def type_line(self, text: str) -> None:
        """Type literal text and Enter in one write, as fast as a terminal can deliver them."""
        self._tmux("send-keys", "-t", "journey", "-l", text + "\r")

    def settle(self) -> None:
        """Let a focus move finish: focus is invisible to capture-pane, so this cannot poll."""
        time.sleep(0.5)

    def kill(self) -> None:
        """Stop the server and everything in it."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A tmux server of our own; tmux missing is a failure, not a skip."""
    assert subprocess.run(["tmux", "-V"], capture_output=True).returncode == 0, "install tmux"
    # tmux's server cannot start when something replaced the null device with a plain file.
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode), f"{os.devnull} is not a device any more"
    server = Tmux(f"facilitator-e2e-{uuid.uuid4().hex[:8]}")
    yield server
    server.kill()


def _command() -> str:
    installed = Path(sys.executable).parent / "facilitator"
    assert installed.exists(), f"the facilitator command is not installed at {installed}"
    return shlex.quote(str(installed))


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "FACILITATOR_VAULT": str(tmp_path / "vault"),
        "FACILITATOR_CONFIG": str(tmp_path / "config"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }


def _vault_notes(command: str, env: dict[str, str]) -> list[tuple[str, str]]:
    """(round id, text) of every note of the one session, read back through the CLI."""
    from facilitator.codec import import_session_json

    secret_env = {**env, "FACILITATOR_PASSPHRASE": PASSPHRASE}

    def cli(*args: str) -> str:
        argv = [*shlex.split(command), *args]
        return subprocess.run(
            argv, env=secret_env, capture_output=True, text=True, check=True
        ).stdout

    (row,) = json.loads(cli("sessions", "--json"))
    session = import_session_json(cli("export", row["id"], "--format", "json", "--yes").encode())
    return [(n.round_id, n.text) for n in session.notes]


def _unlock(tmux: Tmux) -> None:
    tmux.wait_for("Unlock your sessions")
    tmux.type(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("Sessions")


def test_plan_run_finish_quit_reopen(tmux: Tmux, tmp_path: Path) -> None:
    command, env = _command(), _env(tmp_path)
    tmux.start(command, env)

    tmux.wait_for("Welcome: protect your sessions")
    tmux.type(PASSPHRASE)
    tmux.wait_for("Strength: strong")
    tmux.keys("Tab")
    tmux.settle()
    tmux.type(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("Your recovery key")
    tmux.keys("Space")
    tmux.keys("C-s")
    tmux.wait_for("No sessions yet")

    tmux.keys("n")
    tmux.wait_for("Plan a session")
    tmux.settle()
    tmux.type("Tmux journey")
    for _ in range(5):  # project, care setting, phase, language, professionals
        tmux.keys("Tab")
        tmux.settle()
    tmux.type("4")
    tmux.keys("Tab")
    tmux.settle()
    tmux.type("2")
    tmux.keys("C-s")
    tmux.wait_for("Tmux journey")
    tmux.wait_for("planned")

    tmux.keys("Enter")  # open the planned session: the run screen
    tmux.wait_for("Opening", timeout=TIMEOUT)
    tmux.keys("F5")
    tmux.settle()
    tmux.type_line("Esther needs one contact person")  # Enter in the same burst as the text
    tmux.keys("F9")  # round two: resources
    tmux.wait_for("Resources")
    tmux.settle()
    tmux.type_line("Meetings are held during work hours only")
    tmux.keys("C-r")
    tmux.settle()
    tmux.type("2 3 3x2")
    tmux.keys("Enter")
    tmux.settle()
    tmux.keys("C-n")
    for _ in range(4):  # leave the rest: finish the session
        tmux.settle()
        tmux.keys("F9")
    tmux.wait_for("Finish session")  # finishing asks first
    tmux.keys("y")
    tmux.wait_for("Summary · Tmux journey")
    tmux.keys("Escape")
    tmux.wait_for("Sessions")
    tmux.keys("C-q")
    tmux.wait_for("FACILITATOR-EXIT-0")

    tmux.kill()
    tmux.start(command, env)
    _unlock(tmux)
    screen = tmux.wait_for("Tmux journey")
    assert "finished" in screen
    tmux.keys("Enter")
    screen = tmux.wait_for("Summary · Tmux journey")
    assert "Resources" in screen  # the triangle first; the notes follow below it
    tmux.keys("Escape")
    tmux.keys("C-q")
    tmux.wait_for("FACILITATOR-EXIT-0")
    assert _vault_notes(command, env) == [
        ("opening", "Esther needs one contact person"),
        ("resources", "Meetings are held during work hours only"),
    ]
