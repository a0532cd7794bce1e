"""Suite-wide fixtures: a private home per test process, and each Argon2id key derived once.

The default run spreads tests over parallel worker processes (pytest-xdist), so nothing may
fall back to the real home folder, where two workers would share the vault, the settings
file and the rollback mark.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from facilitator.vault.kdf import SALT_BYTES, KdfParams

_HOME_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture(scope="session", autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point HOME and the XDG folders at this process's own temporary folder."""
    home = tmp_path_factory.mktemp("home")
    saved = {name: os.environ.get(name) for name in ("HOME", *_HOME_VARIABLES)}
    os.environ["HOME"] = str(home)
    for name in _HOME_VARIABLES:
        folder = home / name.removeprefix("XDG_").removesuffix("_HOME").lower()
        folder.mkdir()
        os.environ[name] = str(folder)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session", autouse=True)
def each_key_derived_once() -> Iterator[None]:
    """Argon2id runs for real, once per (parameters, passphrase, salt) in a test process.

    Derivation is deterministic, so a repeat gives the very same key: a CLI test that runs
    ten commands on one vault pays for one derivation, not ten. Only the time is saved; a
    wrong passphrase still derives its own (wrong) key, and `timed` (calibration) always
    measures a real derivation.
    """
    real_derive = KdfParams.derive
    derived: dict[tuple[KdfParams, str, bytes], bytes] = {}

    def derive_once(self: KdfParams, secret: str, salt: bytes) -> bytes:
        key = (self, secret, bytes(salt))
        if key not in derived:
            derived[key] = real_derive(self, secret, salt)
        return derived[key]

    def timed(self: KdfParams) -> float:
        start = time.perf_counter()
        real_derive(self, "calibration passphrase", b"\x00" * SALT_BYTES)
        return time.perf_counter() - start

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(KdfParams, "derive", derive_once)
        patch.setattr(KdfParams, "timed", timed)
        yield


# ----- fault points covered: counted in whichever process ran the crash tests ---------------

_FAULT_MODULE = "tests.facilitator.vault.test_fault_points"
_FAULT_POINTS = pytest.StashKey[dict[str, int]]()


def _fault_points_here() -> dict[str, int]:
    """The fault points this process ran (empty when it ran no crash test)."""
    module = sys.modules.get(_FAULT_MODULE)
    return dict(getattr(module, "COVERED", {}))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker hands its count of fault points to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["fault_points"] = _fault_points_here()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """The controller adds up what each worker covered."""
    covered = _collected_fault_points(node.config)
    for key, count in getattr(node, "workeroutput", {}).get("fault_points", {}).items():
        covered[key] = covered.get(key, 0) + count


def _collected_fault_points(config: pytest.Config) -> dict[str, int]:
    """The controller's running total of fault points, by operation and mode."""
    collected: dict[str, int] = config.stash.setdefault(_FAULT_POINTS, {})
    return collected


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show how many fault points the crash tests covered, per operation and mode."""
    covered = _collected_fault_points(terminalreporter.config)
    for key, count in _fault_points_here().items():
        covered[key] = covered.get(key, 0) + count
    if covered:
        total = sum(covered.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(covered.items()))
        terminalreporter.write_line(f"fault points covered: {total} ({detail})")
