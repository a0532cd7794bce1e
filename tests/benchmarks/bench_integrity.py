"""Benchmarks of costs that must not grow with the vault: listing updates, unlock, check.

Run by tests/benchmarks/run.py. Each vault is built once per benchmark (fsync skipped while
building only); overheads over the KDF are medians of per-run differences of paired timings.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from facilitator.vault.header import read_header  # noqa: E402
from facilitator.vault.records import write_session  # noqa: E402
from tests.facilitator.fixtures import TEMPLATE  # noqa: E402

PASSPHRASE = "benchmark passphrase"
KDF = KdfParams.MINIMUM
PAIRS = 15
UPDATES = 41


@contextmanager
def _no_fsync() -> Iterator[None]:
    """Building the test vault only: durability is not what is measured there."""
    real = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = real


def _sessions(count: int, notes: int, rng: random.Random) -> list[Session]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rounds = [r.id for r in TEMPLATE.rounds]
    made = []
    for i in range(count):
        created = start + timedelta(hours=7 * i)
        session = Session.plan(f"Session {i}", TEMPLATE, created=created, project="Discharge")
        text = " ".join(rng.choice(["time", "money", "voice", "room", "plan"]) for _ in range(12))
        made.append(
            replace(
                session,
                notes=tuple(
                    Note(f"n{i}-{j}", rng.choice(rounds), text, created=created, edited=created)
                    for j in range(notes)
                ),
            )
        )
    return made


def _build(directory: Path, sessions: list[Session]) -> None:
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=KDF)
    with _no_fsync():
        for session in sessions:
            file_id = os.urandom(16)
            write_session(vault._store.storage(FileKind.SESSION, file_id), session)
            vault._index.put(SessionSummary.of(session), file_id.hex())
        vault._index.persist()
    vault.close()


def _kdf_once(directory: Path) -> float:
    header = read_header(directory)
    started = time.perf_counter()
    header.kdf.derive(PASSPHRASE, header.salt)
    return time.perf_counter() - started


def _paired(directory: Path, work: Callable[[Vault], object], runs: int) -> tuple[float, float]:
    """Median over `runs` of (unlock + work) - (KDF alone), and the median KDF time, in ms."""
    differences, derive = [], []
    for _ in range(runs):
        kdf = _kdf_once(directory)
        started = time.perf_counter()
        with Vault.unlock(directory, PASSPHRASE) as vault:
            work(vault)
        total = time.perf_counter() - started
        differences.append(total - kdf)
        derive.append(kdf)
    return statistics.median(differences) * 1000, statistics.median(derive) * 1000


def _single_fsynced_write(directory: Path) -> float:
    """The cost of writing one small file durably: the floor of any durable update."""
    path = directory / "single.bin"
    times = []
    for k in range(UPDATES):
        started = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, os.urandom(512) + bytes([k % 256]))
            os.fsync(fd)
        finally:
            os.close(fd)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _index_update(directory: Path, sessions: list[Session]) -> tuple[float, float]:
    """Median ms to make one session's changed listing durable, alone and within a save."""
    listing, saving = [], []
    with Vault.unlock(directory, PASSPHRASE) as vault:
        session = sessions[0]
        file_id = vault._index.file_of(session.id)
        assert file_id is not None
        for k in range(UPDATES):
            session = replace(session, title=f"Renamed {k}")
            summary = SessionSummary.of(session)
            vault._index.put(summary, file_id)
            started = time.perf_counter()
            vault._index.record_put(summary, file_id)  # what a title change writes for the index
            listing.append(time.perf_counter() - started)
            session = replace(session, title=f"Saved {k}")
            index_before = vault._index.generation
            started = time.perf_counter()
            vault.save_session(session)  # the session file and the listing, as the app does
            saving.append(time.perf_counter() - started)
            assert vault._index.generation > index_before  # the listing was written
    return statistics.median(listing) * 1000, statistics.median(saving) * 1000


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
    """Build vaults of 10,000 small and 1,000 full sessions and time the integrity costs."""
    rng = random.Random(12)
    kdf = f"kdf_argon2id_{KDF.memory_kib // 1024}MiB_t{KDF.iterations}"
    entries = []
    with tempfile.TemporaryDirectory(prefix="bench-integrity-") as temp:
        big = Path(temp) / "ten-thousand"
        _build(big, _sessions(10_000, 2, rng))
        small = Path(temp) / "one-thousand"
        _build(small, _sessions(1_000, 100, rng))
        single = _single_fsynced_write(Path(temp))
        with Vault.unlock(big, PASSPHRASE) as vault:
            listed = [vault.load_session(vault.list_sessions()[5_000].id)]
        update, save = _index_update(big, listed)
        entries.append(_entry("index_update_10000", update, "ms", "single_fsynced_write", single))
        entries.append(
            _entry("save_with_listing_10000", save, "ms", "single_fsynced_write", single)
        )
        for name, directory, count in (("1000", small, 1_000), ("10000", big, 10_000)):

            def listing(vault: Vault, count: int = count) -> None:
                assert len(vault.list_sessions()) == count

            overhead, derive = _paired(directory, listing, PAIRS)
            entries.append(_entry(f"unlock_list_{name}_overhead", overhead, "ms", kdf, derive))
        overhead, derive = _paired(small, lambda vault: vault.check(), 5)
        entries.append(_entry("check_1000_overhead", overhead, "ms", kdf, derive))
    return entries


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
