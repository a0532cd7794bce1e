"""Every write point of save, delete, passphrase change, import and restore fails or dies safely.

For each operation the fault layer first counts its points, then for every N fails (OSError),
kills, or cuts the power at the Nth. Reopening must show nothing committed lost, nothing torn,
and a failure must have said so in one line.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from facilitator.backup import Credentials, create_backup, install_backup, verify_backup
from facilitator.clock import FakeClock
from facilitator.codec import export_session_json, import_session_json
from facilitator.errors import FacilitatorError
from facilitator.session import Note, Session
from facilitator.vault import KdfParams, Vault, high_water, keys
from facilitator.vault.files import fsync_directory
from facilitator.vault.header import read_header
from tests.facilitator.fixtures import sample_session
from tests.facilitator.vault.conftest import PASSPHRASE, MadeVault
from tests.facilitator.vault.fault_layer import FaultLayer, Killed, Mode

NEW_PASSPHRASE = "a brand new passphrase for the fault test"
COVERED: dict[str, int] = {}  # "operation/mode" -> fault points run, shown in the summary

A = sample_session()
B = replace(sample_session(), id="b" * 32, title="Second ward")
C = replace(sample_session(), id="c" * 32, title="Imported ward")
A_EDITED = replace(A.with_note(Note("n9", "resources", "typed just now")), title="Renamed")


@dataclass(frozen=True)
class World:
    """A directory holding a vault, the config directory and a backup, copied per fault point."""

    root: Path
    key: bytes

    @property
    def vault(self) -> Path:
        return self.root / "vault"

    @property
    def mark(self) -> Path:
        return self.root / "config" / "high-water.json"

    @property
    def backup(self) -> Path:
        return self.root / "backup.fcb"


@pytest.fixture(scope="module")
def base_world(tmp_path_factory: pytest.TempPathFactory, made_vault: MadeVault) -> World:
    """A vault with sessions A and B and a document, and a backup of it holding only A."""
    root = tmp_path_factory.mktemp("faults") / "world"
    root.mkdir()
    shutil.copytree(made_vault.directory, root / "vault")
    world = World(root, made_vault.data_key)
    vault = Vault._open_with_key(world.vault, world.key, clock=FakeClock())
    vault.save_session(A)
    vault.close()
    create_backup(world.vault, Credentials(PASSPHRASE), world.backup)
    vault = Vault._open_with_key(world.vault, world.key, clock=FakeClock())
    vault.save_session(B)
    vault.save_document("settings", {"v": 1})
    vault.close()
    high_water.raise_to(world.mark, read_header(world.vault).vault_id, 1)
    return world


class Run:
    """One operation under the layer; remembers the vaults it opened so a death can drop them."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.opened: list[Vault] = []

    def open(self) -> Vault:
        vault = Vault._open_with_key(self.world.vault, self.world.key, clock=FakeClock())
        self.opened.append(vault)
        return vault

    def die(self) -> None:
        """What the OS does for a dead process: its locks go."""
        for vault in self.opened:
            if vault._lock is not None:
                vault._lock.release()


def _save(run: Run) -> None:
    with run.open() as vault:
        vault.save_session(A_EDITED)


def _delete(run: Run) -> None:
    with run.open() as vault:
        vault.delete_session(B.id)


def _passwd(run: Run) -> None:
    with run.open() as vault:
        vault.change_passphrase(NEW_PASSPHRASE, KdfParams.MINIMUM)


def _import(run: Run) -> None:
    session = import_session_json(export_session_json(C).encode("utf-8"))
    with run.open() as vault:
        vault.save_session(session)


VERIFIED: dict[str, object] = {}


def _restore(run: Run) -> None:
    backup = VERIFIED["backup"]
    assert not isinstance(backup, dict)
    install_backup(backup, run.world.vault, replace=True)  # type: ignore[arg-type]
    high_water.reset(run.world.mark, read_header(run.world.vault).vault_id)


def _sessions(vault: Vault) -> dict[str, Session]:
    loaded = {s.id: vault.load_session(s.id) for s in vault.list_sessions()}
    listed = {s.id: s.title for s in vault.list_sessions()}  # healed by loading
    assert listed == {i: s.title for i, s in loaded.items()}
    return loaded


OLD = {A.id: A, B.id: B}
OUTCOMES: dict[str, tuple[dict[str, Session], dict[str, Session]]] = {
    "save": (OLD, {A.id: A_EDITED, B.id: B}),
    "delete": (OLD, {A.id: A}),
    "passwd": (OLD, OLD),
    "import": (OLD, {**OLD, C.id: C}),
    "restore": (OLD, {A.id: A}),
}
OPERATIONS: dict[str, Callable[[Run], None]] = {
    "save": _save,
    "delete": _delete,
    "passwd": _passwd,
    "import": _import,
    "restore": _restore,
}


def _passphrase_state(world: World) -> str:
    header = read_header(world.vault)
    if keys.unwrap_with_passphrase(header, NEW_PASSPHRASE) is not None:
        return "new"
    assert keys.unwrap_with_passphrase(header, PASSPHRASE) is not None, "no passphrase opens"
    return "old"


def _verify(world: World, name: str, finished: bool) -> None:
    """Reopen as the next process would: intact, and old or new state (new when it finished)."""
    old, new = OUTCOMES[name]
    with Vault._open_with_key(world.vault, world.key, clock=FakeClock()) as vault:
        found = _sessions(vault)
        assert vault.recovered == [], [p.render("en") for p in vault.recovered]
        damage = [p.render("en") for p in vault.check() if not p.note]
        assert damage == []
        assert found in ([new] if finished else [old, new])
        if name != "restore" or found == old:
            assert vault.load_document("settings") == {"v": 1}
    if name == "passwd":
        state = _passphrase_state(world)
        assert state == "new" or not finished


def _run_point(
    base: World, tmp: Path, name: str, mode: Mode, at: int, restart_salts: Callable[[], None]
) -> FaultLayer:
    root = tmp / f"{name}-{mode}-{at}"
    shutil.copytree(base.root, root)
    world = World(root, base.key)
    run = Run(world)
    layer = FaultLayer(root, mode, at)
    restart_salts()  # every point draws the same new salt, so a new passphrase derives once
    finished = False
    message = ""
    try:
        with layer.active():
            OPERATIONS[name](run)
        finished = True
    except Killed:
        run.die()
    except FacilitatorError as error:
        message = str(error)
        run.die()
    if mode == "fail" and not finished:
        assert "\n" not in message and "input/output error" in message, message
    assert layer.fired or mode == "count" or finished
    _verify(world, name, finished and not layer.dead)
    shutil.rmtree(root)
    return layer


@pytest.fixture(scope="module")
def verified(base_world: World) -> Iterator[None]:
    VERIFIED["backup"] = verify_backup(base_world.backup, Credentials(PASSPHRASE))
    yield
    VERIFIED.clear()


def _points(base: World, tmp: Path, name: str, restart_salts: Callable[[], None]) -> int:
    return len(_run_point(base, tmp, name, "count", 0, restart_salts).points)


def _sweep(
    base: World, tmp: Path, name: str, mode: Mode, restart_salts: Callable[[], None]
) -> None:
    total = _points(base, tmp, name, restart_salts)
    assert total > 0
    last = total + 1 if mode == "power" else total  # power: also a cut just after it returned
    for at in range(1, last + 1):
        layer = _run_point(base, tmp, name, mode, at, restart_salts)
        assert layer.fired or at > total, (name, mode, at)
    COVERED[f"{name}/{mode}"] = total


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_every_write_point_fails_cleanly(
    base_world: World,
    verified: None,
    tmp_path: Path,
    name: str,
    restart_salts: Callable[[], None],
) -> None:
    _sweep(base_world, tmp_path, name, "fail", restart_salts)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_a_death_at_any_write_point_loses_nothing_committed(
    base_world: World,
    verified: None,
    tmp_path: Path,
    name: str,
    restart_salts: Callable[[], None],
) -> None:
    _sweep(base_world, tmp_path, name, "kill", restart_salts)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_a_power_cut_at_any_write_point_loses_nothing_committed(
    base_world: World,
    verified: None,
    tmp_path: Path,
    name: str,
    restart_salts: Callable[[], None],
) -> None:
    _sweep(base_world, tmp_path, name, "power", restart_salts)


def test_a_power_cut_drops_what_was_not_fsynced(tmp_path: Path) -> None:
    root = tmp_path / "disk"
    root.mkdir()
    (root / "kept").write_bytes(b"old")
    layer = FaultLayer(root, "power", 99)
    with layer.active():
        fd = os.open(root / "synced", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, b"durable")
        os.fsync(fd)
        os.close(fd)
        fsync_directory(root)
        fd = os.open(root / "unsynced", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, b"lost")
        os.close(fd)
        os.replace(root / "synced", root / "kept")  # the rename is never made durable
    assert layer.points == [
        "create",
        "write",
        "fsync",
        "directory fsync",
        "create",
        "write",
        "rename",
    ]
    assert sorted(p.name for p in root.iterdir()) == ["kept", "synced"]
    assert (root / "kept").read_bytes() == b"old"
    assert (root / "synced").read_bytes() == b"durable"
