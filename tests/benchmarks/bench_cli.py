"""Benchmark `cli_sessions`: the installed `facilitator sessions` over 1,000 sessions.

Wall time of the whole command (interpreter, imports, key derivation, reading the index,
printing) minus one key derivation with the vault's parameters; the baseline is that key
derivation, timed in this process after each run. `cli_sessions_cpu` is the same in CPU
time, steadier on a busy machine. `cli_sessions_imports_cpu` is the CPU time a fresh
interpreter takes to import what the command imports (its top-level imports, read from one
run under `python -X importtime`), against the command's own CPU time: the ratio is the
share of the command spent importing. Median of RUNS each.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from facilitator.session import Note, Session  # noqa: E402
from facilitator.vault import KdfParams, SessionSummary, Vault  # noqa: E402
from facilitator.vault.crypto import FileKind  # noqa: E402
from facilitator.vault.records import write_session  # noqa: E402
from tests.benchmarks.bench_startup import clean_environment, facilitator_command  # noqa: E402
from tests.facilitator.fixtures import TEMPLATE  # noqa: E402

RUNS = 7
SESSIONS = 1_000
NOTES_PER_SESSION = 10
PASSPHRASE = "benchmark passphrase"
KDF = KdfParams.MINIMUM
_TOP_LEVEL_IMPORT = re.compile(r"^import time:\s+\d+ \|\s+\d+ \| (\S+)$", re.MULTILINE)


def build_vault(directory: Path) -> None:
    """A vault of SESSIONS sessions: session files and the index written directly, one save."""
    vault, _recovery_key = Vault.create(directory, PASSPHRASE, kdf=KDF)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    round_ids = [r.id for r in TEMPLATE.rounds]
    for i in range(SESSIONS):
        created = start + timedelta(hours=7 * i)
        session = Session.plan(f"Session {i}", TEMPLATE, created=created, project="Discharge")
        notes = tuple(
            Note(f"n{i}-{j}", round_ids[j % len(round_ids)], f"note {j}", created=created)
            for j in range(NOTES_PER_SESSION)
        )
        session = replace(session, notes=notes)
        file_id = os.urandom(16)
        write_session(vault._store.storage(FileKind.SESSION, file_id), session)
        vault._index.put(SessionSummary.of(session), file_id.hex())
    vault._index.persist()
    vault.close()


def _sessions(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds and CPU seconds of one run of the command, and its standard error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    lines = done.stdout.splitlines()
    if len(lines) != SESSIONS:
        raise RuntimeError(f"`facilitator sessions` listed {len(lines)} sessions, not {SESSIONS}")
    return seconds, cpu, done.stderr


def _derivation() -> tuple[float, float]:
    """Wall and CPU seconds of one key derivation with the vault's parameters."""
    started, cpu = time.perf_counter(), time.process_time()
    KDF.derive(PASSPHRASE, os.urandom(16))
    return time.perf_counter() - started, time.process_time() - cpu


def _row(name: str, value: float, unit: str, baseline_name: str, baseline: float) -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline_name": baseline_name,
        "baseline_value": baseline,
        "ratio": value / baseline,
    }


def _imports_cpu(modules: list[str], env: dict[str, str], cwd: Path) -> float:
    """CPU seconds a fresh interpreter takes to import `modules`, less one that imports none."""
    code = f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
    costs = []
    for source in (code, "pass"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", source], env=env, check=True, cwd=cwd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        costs.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return costs[0] - costs[1]


def run() -> list[dict[str, Any]]:
    """The command's own wall and CPU time beside the key derivation, and its import share."""
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as temp:
        folder = Path(temp)
        build_vault(folder / "vault")
        interpreter, script = facilitator_command()
        places = ["--vault", str(folder / "vault"), "--config", str(folder / "config")]
        command = [interpreter, script, *places, "sessions"]
        env = clean_environment()
        env.update(FACILITATOR_PASSPHRASE=PASSPHRASE, FACILITATOR_LANG="en")
        _sessions(command, env)  # warm the file cache and bytecode
        stderr = _sessions([interpreter, "-X", "importtime", script, *places, "sessions"], env)[2]
        modules = _TOP_LEVEL_IMPORT.findall(stderr)
        walls, cpus, kdf_walls, kdf_cpus, imports = [], [], [], [], []
        for _ in range(RUNS):
            wall, cpu, _stderr = _sessions(command, env)
            kdf_wall, kdf_cpu = _derivation()
            walls.append(wall - kdf_wall)
            cpus.append(cpu - kdf_cpu)
            kdf_walls.append(kdf_wall)
            kdf_cpus.append(kdf_cpu)
            imports.append(_imports_cpu(modules, env, folder))
    kdf = f"kdf_argon2id_{KDF.memory_kib // 1024}MiB_t{KDF.iterations}"
    median = statistics.median
    own_cpu = median(cpus)
    return [
        _row("cli_sessions", median(walls), "s", kdf, median(kdf_walls)),
        _row("cli_sessions_cpu", own_cpu, "s", f"{kdf} (CPU time)", median(kdf_cpus)),
        _row("cli_sessions_imports_cpu", median(imports), "s", "cli_sessions_cpu", own_cpu),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
