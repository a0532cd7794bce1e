"""Benchmarks of the vault: autosave in a large vault, unlock and list, and peak memory.

Run by tests/benchmarks/run.py; each entry compares against a baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from facilitator.codec import session_to_dict  # noqa: E402
from facilitator.session import Note, Session  # noqa: E402
from facilitator.templates.model import Template  # noqa: E402
from facilitator.vault import KdfParams, SessionSummary, Vault  # noqa: E402
from facilitator.vault.crypto import FileKind  # noqa: E402
from facilitator.vault.records import write_session  # noqa: E402

SESSIONS = 1_000
NOTES_PER_SESSION = 100
PASSPHRASE = "benchmark passphrase"
KDF = KdfParams.MINIMUM
WORDS = [
    "time",
    "money",
    "information",
    "meeting",
    "relatives",
    "staff",
    "expectation",
    "resources",
    "attitude",
    "role",
    "Esther",
    "discharge",
    "plan",
    "listened",
    "decision",
    "professional",
    "user",
    "voice",
    "room",
    "chair",
    "agenda",
]


def _template() -> Template:
    try:
        from facilitator.templates import default_template

        template = default_template()
        if isinstance(template, Template):
            return template
    except Exception:
        pass
    from tests.facilitator.fixtures import TEMPLATE

    return TEMPLATE


def _text(rng: random.Random) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < rng.randint(120, 180):
        words.append(rng.choice(WORDS))
    return " ".join(words)


def _sessions(rng: random.Random) -> list[Session]:
    template = _template()
    round_ids = [r.id for r in template.rounds] or ["r"]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    sessions = []
    for i in range(SESSIONS):
        created = start + timedelta(hours=7 * i)
        session = Session.plan(f"Session {i}", template, created=created, project="Discharge")
        notes = tuple(
            Note(f"n{i}-{j}", rng.choice(round_ids), _text(rng), created=created, edited=created)
            for j in range(NOTES_PER_SESSION)
        )
        sessions.append(replace(session, notes=notes))
    return sessions


def _build_vault(directory: Path, sessions: list[Session]) -> None:
    """Write the session files and the index directly: one key derivation, one index write."""
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KDF)
    for session in sessions:
        file_id = os.urandom(16)
        write_session(vault._store.storage(FileKind.SESSION, file_id), session)
        vault._index.put(SessionSummary.of(session), file_id.hex())
    vault._index.persist()
    vault.close()


def _bench_autosave(directory: Path, sessions: list[Session]) -> tuple[float, float]:
    rng = random.Random(2)
    with Vault.unlock(directory, PASSPHRASE) as vault:
        session = vault.load_session(sessions[500].id)
        times = []
        for k in range(50):
            note = replace(session.notes[k], text=_text(rng))
            session = replace(session.with_note(note), updated=session.created)
            started = time.perf_counter()
            vault.save_session(session)
            times.append(time.perf_counter() - started)
    single = directory.parent / "single.json"
    db = TinyDB(single, storage=JSONStorage)
    db.table("sessions").insert_multiple(session_to_dict(s) for s in sessions)
    baseline = []
    table = db.table("sessions")
    for k in range(5):
        doc = table.get(doc_id=501)
        assert isinstance(doc, dict)
        notes = doc["notes"]
        notes[k] = {**notes[k], "text": _text(rng)}
        started = time.perf_counter()
        table.update({"notes": notes}, doc_ids=[501])
        baseline.append(time.perf_counter() - started)
    db.close()
    return statistics.median(times) * 1000, statistics.median(baseline) * 1000


def _bench_unlock(directory: Path) -> tuple[float, float]:
    unlock, derive = [], []
    for _ in range(5):
        started = time.perf_counter()
        with Vault.unlock(directory, PASSPHRASE) as vault:
            assert len(vault.list_sessions()) == SESSIONS
        unlock.append(time.perf_counter() - started)
        started = time.perf_counter()
        KDF.derive(PASSPHRASE, os.urandom(16))
        derive.append(time.perf_counter() - started)
    return statistics.median(unlock) * 1000, statistics.median(derive) * 1000


_PEAK = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from facilitator.vault import Vault
    if len(sys.argv) > 1:
        with Vault.unlock(Path(sys.argv[1]), sys.stdin.readline().rstrip("\\n")) as vault:
            vault.list_sessions()
    # VmHWM belongs to this program's memory map; ru_maxrss would include the forking parent's
    try:
        status = Path("/proc/self/status").read_text()
        print(next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:")))
    except (OSError, StopIteration):
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_rss_mib(*args: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, *args],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return int(result.stdout.strip()) / 1024


def _entry(name: str, value: float, unit: str, base_name: str, base: float) -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline_name": base_name,
        "baseline_value": base,
        "ratio": value / base if base else float("inf"),
    }


def run() -> list[dict[str, Any]]:
    """Build a 1,000-session, 100,000-note vault in a temporary directory and time it."""
    sessions = _sessions(random.Random(1))
    with tempfile.TemporaryDirectory(prefix="bench-vault-") as temp:
        directory = Path(temp) / "vault"
        _build_vault(directory, sessions)
        autosave, single = _bench_autosave(directory, sessions)
        unlock, derive = _bench_unlock(directory)
        peak = _peak_rss_mib(str(directory))
        imported = _peak_rss_mib()
    kdf = f"argon2id_{KDF.memory_kib // 1024}MiB_t{KDF.iterations}"
    save = _entry("autosave", autosave, "ms", "tinydb_single_file", single)
    save["ratio"] = single / autosave
    return [
        save,
        _entry("unlock_list", unlock, "ms", f"kdf_{kdf}", derive),
        _entry("unlock_list_overhead", unlock - derive, "ms", "target_max", 200.0),
        _entry("peak_memory", peak, "MiB", "import_facilitator_vault", imported),
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
