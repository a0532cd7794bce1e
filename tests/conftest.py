"""Suite-wide fixtures: a private home per test process, and each Argon2id key derived once.

New vaults take their passphrase salts from a sequence that restarts with every test, so the
same passphrase gives the same salt in test after test and its key comes from the cache.

The default run spreads tests over parallel worker processes (pytest-xdist), so nothing may
fall back to the real home folder, where two workers would share the vault, the settings
file and the rollback mark.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from facilitator.vault import keys
from facilitator.vault.header import VaultHeader
from facilitator.vault.kdf import SALT_BYTES, KdfParams

_HOME_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` starts two workers per core, since a Pilot test mostly waits.

    Textual's `Pilot.press` waits for the app to go idle twice per key, 20 ms or more each
    time, so one worker per core keeps each core under half busy (about 40% measured on the
    random-keys tests); two per core keep both busy.
    """
    return 2 * (os.cpu_count() or 1)


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
        patch.setattr(keys, "VaultHeader", _header_with_known_salt)
        patch.setattr(keys, "os", _KnownRewrapSalt())
        yield


# ----- passphrase salts of new vaults: the same sequence in every test ----------------------

_salt_numbers = itertools.count()


def _next_salt() -> bytes:
    """The next salt of this test's sequence (public data, so a known one proves as much)."""
    number = next(_salt_numbers)
    return hashlib.sha256(f"test vault salt {number}".encode()).digest()[:SALT_BYTES]


def _header_with_known_salt(**fields: Any) -> VaultHeader:
    """The header `keys.new_header` drafts, with the next known salt in place of a random one.

    The first vault a test makes with a passphrase then has the same salt as the first vault
    of the test before, so its Argon2id key comes from `each_key_derived_once`: one real
    derivation per process instead of one per test. Vaults made within one test still get
    different salts; the vault id, data key and recovery salt stay random.
    """
    if fields.get("wrapped_by_passphrase") == b"":  # the draft, before the key is wrapped
        fields["salt"] = _next_salt()
    return VaultHeader(**fields)


class _KnownRewrapSalt:
    """`os` as `keys` sees it, except that the salt `rewrap_passphrase` draws is the next known one.

    A changed passphrase then also derives its key once per process, not once per test.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def urandom(size: int) -> bytes:
        if sys._getframe(1).f_code is _REWRAP_CODE and size == SALT_BYTES:
            return _next_salt()
        return os.urandom(size)


_REWRAP_CODE = keys.rewrap_passphrase.__code__


def _restart_salts() -> None:
    """Start the salt sequence again from its first salt."""
    global _salt_numbers
    _salt_numbers = itertools.count()


@pytest.fixture(autouse=True)
def restart_salts() -> Callable[[], None]:
    """Every test starts the salt sequence from the beginning; calling the value starts it again.

    A test that repeats one operation on fresh copies (a sweep over fault points) calls it
    before each repeat, so each repeat derives the same keys as the first.
    """
    _restart_salts()
    return _restart_salts


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
