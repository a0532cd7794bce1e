"""A process saving in a loop is SIGKILLed at random moments; the vault always reopens intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from facilitator.session import Note
from facilitator.vault import Vault
from tests.facilitator.fixtures import sample_session
from tests.facilitator.vault.conftest import MadeVault, Opener

ROOT = Path(__file__).resolve().parents[3]
KILLS = 200

WRITER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from facilitator.session import Note
    from facilitator.vault import Vault

    key = bytes.fromhex(sys.stdin.readline().strip())
    vault = Vault._open_with_key(Path(sys.argv[1]), key)
    session = vault.load_session(sys.argv[2])
    n = int(session.notes_in("counter")[0].text)
    print("ready", flush=True)
    while True:
        n += 1
        session = session.with_note(Note("counter", "counter", str(n)))
        session = session.with_note(Note(f"n{n % 7}", "resources", "said " * 30 + str(n)))
        if n % 5 == 0:
            session = replace(session, title=f"title {n}")
        if n % 11 == 0:
            vault.save_document("settings", {"n": n})
        vault.save_session(session)
        print(n, flush=True)
    """
)


def _counter(vault: Vault, session_id: str) -> int:
    return int(vault.load_session(session_id).notes_in("counter")[0].text)


@pytest.mark.slow
def test_killed_writer_loses_at_most_the_unsaved_edit(
    vault_dir: Path, open_vault: type[Opener], made_vault: MadeVault
) -> None:
    rng = random.Random(20261126)
    session = sample_session().with_note(Note("counter", "counter", "0"))
    vault = open_vault.at(vault_dir)
    vault.save_session(session)
    vault.close()
    acknowledged = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(vault_dir), session.id],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(made_vault.data_key.hex() + "\n")  # the key travels by pipe, not argv
        child.stdin.flush()
        assert child.stdout.readline().strip() == "ready", f"writer failed to start (kill {kill})"
        first = int(child.stdout.readline())  # it is writing: the kill lands within a write loop
        time.sleep(rng.uniform(0.0, 0.03))
        child.send_signal(signal.SIGKILL)
        lines = child.stdout.read().split()
        child.wait(timeout=30)
        child.stdin.close()
        child.stdout.close()
        acknowledged = int(lines[-1]) if lines else first
        reopened = open_vault.at(vault_dir)
        counter = _counter(reopened, session.id)
        assert acknowledged <= counter <= acknowledged + 1, (kill, acknowledged, counter)
        acknowledged = counter
        loaded = reopened.load_session(session.id)
        assert reopened.list_sessions()[0].title == loaded.title
        assert reopened.load_document("settings").get("n", 0) <= counter + 1
        assert reopened.check() == [], kill
        assert not list(vault_dir.rglob("*.tmp"))
        reopened.close()
    assert acknowledged >= KILLS  # every run acknowledged a write before it was killed
