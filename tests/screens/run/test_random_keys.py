"""Seeded random key sequences on the run screen over a real encrypted vault.

Letters, Enter, Tab, shift+Tab, Escape, F-keys, ctrl-keys, clicks and resizes, up to 40 in a
sequence, delivered as fast as a terminal sends them. After each sequence the app still runs,
still answers a known key, and every note filed with Enter is in the vault (unless the
sequence itself deleted it or undid its filing). A failure names the seed that reproduces it.

The 300 default sequences (and the soak run's 2,000) are tests of consecutive seeds, each with
its own app and vault, so a parallel runner spreads them over its workers. The time goes to
Textual drawing the screen after each key; the vault's key derivation is its minimum setting,
run once per chunk.
"""

from __future__ import annotations

import os
import random
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import ModalScreen

from facilitator.clock import FakeClock
from facilitator.session import Session, new_id
from facilitator.vault import Vault
from screens.factory import make_app
from screens.home import HomeScreen
from screens.presenter import PresenterScreen
from screens.run import RunScreen
from screens.run.capture import CaptureController
from tests.screens.conftest import make_services
from tests.screens.helpers import settle
from tests.screens.run.harness import planned_session
from tests.screens.run.real_vault import create_vault

BASE_SEED = int(os.environ.get("RANDOM_KEYS_SEED", "20261206"))
BATCH = 100  # sequences sharing one running app
SIZE = (80, 24)  # the smallest full size: the least drawing per key
MAX_KEYS = 40
# ctrl+q quits, ctrl+l locks and ctrl+p runs any command of the app: they leave the run screen
# by design, so they are not among the random keys.
CTRL_KEYS = ["ctrl+n", "ctrl+r", "ctrl+o", "ctrl+f", "ctrl+t", "ctrl+g", "ctrl+b", "ctrl+z"]
CTRL_KEYS += ["ctrl+c", "ctrl+x", "ctrl+v", "ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w"]
CTRL_KEYS += ["ctrl+d", "ctrl+j", "ctrl+y"]
F_KEYS = [f"f{n}" for n in range(1, 13)]
NAMED = ["enter", "enter", "tab", "shift+tab", "escape", "space", "backspace", "delete"]
NAMED += ["up", "down", "left", "right", "home", "end"]
LETTERS = list(string.ascii_lowercase + "åäö0123456789.,-")
SIZES = [(100, 30), (80, 24), (79, 24), (80, 23), (120, 40), (70, 20)]
CHARACTERS = {"enter": "\r", "tab": "\t", "space": " ", "escape": "\x1b", "backspace": "\x7f"}


@dataclass
class Tracked:
    """Ids of notes filed with Enter, and of notes the sequence itself removed (delete, undo)."""

    filed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    stored: set[str] = field(default_factory=set)  # seen in the vault
    owner: dict[str, str] = field(default_factory=dict)  # note id -> its session's id


TRACKED = Tracked()


def track(monkeypatch: pytest.MonkeyPatch) -> None:
    """Note which notes the run screen files, and which the sequence takes away on purpose."""
    file_notes, remember, undo = (
        CaptureController.file_notes,
        CaptureController.remember,
        CaptureController.undo,
    )

    def filing(self: CaptureController) -> None:
        before = {n.id for n in self.state.session.notes}
        file_notes(self)
        new = {n.id for n in self.state.session.notes} - before
        TRACKED.filed.update(new)
        TRACKED.owner.update(dict.fromkeys(new, self.state.session.id))

    def remembering(self: CaptureController, before: Session) -> None:
        remember(self, before)
        after = {n.id for n in self.state.session.notes}
        TRACKED.removed.update({n.id for n in before.notes} - after)

    def undoing(self: CaptureController) -> None:
        before = {n.id for n in self.state.session.notes}
        undo(self)
        TRACKED.removed.update(before - {n.id for n in self.state.session.notes})

    monkeypatch.setattr(CaptureController, "file_notes", filing)
    monkeypatch.setattr(CaptureController, "remember", remembering)
    monkeypatch.setattr(CaptureController, "undo", undoing)


def sequence(seed: int) -> list[tuple[Any, ...]]:
    """Up to 40 steps: ('key', name), ('click', x, y) or ('resize', width, height)."""
    rng = random.Random(seed)
    steps: list[tuple[Any, ...]] = []
    for _ in range(rng.randint(1, MAX_KEYS)):
        roll = rng.random()
        if roll < 0.05:
            steps.append(("click", rng.randrange(120), rng.randrange(40)))
        elif roll < 0.08:
            steps.append(("resize", *rng.choice(SIZES)))
        elif roll < 0.18:
            steps.append(("key", rng.choice(F_KEYS)))
        elif roll < 0.28:
            steps.append(("key", rng.choice(CTRL_KEYS)))
        elif roll < 0.45:
            steps.append(("key", rng.choice(NAMED)))
        else:
            steps.append(("key", rng.choice(LETTERS)))
    return steps


def send_keys(pilot: Pilot[None], keys: list[str]) -> None:
    """Hand keys to the app as one terminal read does: no waiting in between."""
    for key in keys:
        character = CHARACTERS.get(key, key if len(key) == 1 else None)
        name = {".": "full_stop", ",": "comma", "-": "minus"}.get(key, key)
        pilot.app._driver.send_message(events.Key(name, character))


async def play(pilot: Pilot[None], steps: list[tuple[Any, ...]]) -> None:
    keys: list[str] = []
    for step in steps:
        if step[0] == "key":
            keys.append(step[1])
            continue
        send_keys(pilot, keys)
        keys = []
        await pilot.pause()
        if step[0] == "click":
            width, height = pilot.app.size
            await pilot.click(offset=(step[1] % width, step[2] % height))
        else:
            await pilot.resize_terminal(step[1], step[2])
    send_keys(pilot, keys)
    await drained(pilot)


async def drained(pilot: Pilot[None]) -> None:
    """Wait until every key sent has been handled, by the app and by whichever screen it reached.

    A key can reach a screen opened by an earlier key of the same read (escape to the list, then
    f1), after one pause has returned on a busy machine; the checks below move screens
    themselves, so they start only when no queue holds anything.
    """
    app: Any = pilot.app
    while True:
        await settle(pilot)
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if not any(node.message_queue_size for node in nodes):
            return


def run_screen(app: Any) -> RunScreen | None:
    return next((s for s in reversed(app.screen_stack) if isinstance(s, RunScreen)), None)


async def back_to_the_run_screen(pilot: Pilot[None], vault: Vault, clock: FakeClock) -> RunScreen:
    """Full size, no dialog on top, and a run screen in a round that can still move on."""
    app: Any = pilot.app
    if tuple(app.size) != SIZE:
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
    while isinstance(app.screen, (ModalScreen, PresenterScreen)):
        app.pop_screen()
        await settle(pilot)
    run = run_screen(app)
    if run is app.screen and run is not None and run.session.current_round < 2:
        return run
    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()
        await settle(pilot)
    session = replace(planned_session(clock), id=new_id())
    vault.save_session(session)
    app.push_screen(RunScreen(session))
    await settle(pilot)
    fresh = app.screen
    assert isinstance(fresh, RunScreen)
    return fresh


async def check(pilot: Pilot[None], vault: Vault, clock: FakeClock, seed: int) -> None:
    """The app runs, answers ctrl+t, and the vault holds every note filed and not removed."""
    app: Any = pilot.app
    assert app.is_running and app._exception is None, f"seed {seed}: the app stopped"
    stack_run = run_screen(app)  # a run screen replaced below saves as it closes
    run = await back_to_the_run_screen(pilot, vault, clock)
    kind = run.capture.draft_kind
    await pilot.press("ctrl+t")
    where = (
        f"stack {app.screen_stack}, focus {app.screen.focused}, round {run.session.current_round}"
    )
    assert run.capture.draft_kind != kind, f"seed {seed}: ctrl+t did not answer ({where})"
    await run.saver.flush()
    # Escape leaves the run screen (saving) and keys then act on the session list, where x and
    # a confirmation delete a session on purpose: its notes count as removed, not lost.
    existing = {s.id for s in vault.list_sessions()}
    owners = set(TRACKED.owner.values()) | {run.session.id}
    if stack_run is not None:
        owners.add(stack_run.session.id)
    TRACKED.stored.clear()  # what the vault holds now, read afresh
    for session_id in owners:
        if session_id not in existing:
            TRACKED.removed |= {n for n, owner in TRACKED.owner.items() if owner == session_id}
            continue
        TRACKED.stored |= {n.id for n in vault.load_session(session_id).notes}
    missing = TRACKED.filed - TRACKED.removed - TRACKED.stored
    assert not missing, f"seed {seed}: {len(missing)} filed notes are not in the vault"


async def random_sequences(
    tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch, base: int = BASE_SEED
) -> None:
    monkeypatch.chdir(tmp_path)  # anything an export writes stays in the test's folder
    clock = FakeClock()
    vault = create_vault(tmp_path / "vault", clock)
    TRACKED.filed.clear()
    TRACKED.removed.clear()
    TRACKED.stored.clear()
    TRACKED.owner.clear()
    track(monkeypatch)
    try:
        for start in range(0, count, BATCH):
            await one_app(vault, clock, range(base + start, base + min(start + BATCH, count)))
    finally:
        vault.close()


async def one_app(vault: Vault, clock: FakeClock, seeds: range) -> None:
    """Play `seeds` in one running app; a failure names its seed and the keys that caused it.

    Keys still queued when a check fails reach an app that is being shut down, whose screens
    are already gone; the error that causes is not the one to report, so the seed's failure
    is raised in its place.
    """
    services = make_services(clock)
    services.vault = vault
    app = make_app(services)
    failure: AssertionError | None = None
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await back_to_the_run_screen(pilot, vault, clock)
            for seed in seeds:
                steps = sequence(seed)
                try:
                    await play(pilot, steps)
                    await check(pilot, vault, clock, seed)
                except Exception as error:
                    print(f"random keys failed at seed {seed}: {steps}")
                    failure = AssertionError(f"seed {seed}: {error!r}")
                    failure.__cause__ = error
                    break
    except Exception:
        if failure is None:
            raise
    if failure is not None:
        raise failure


@pytest.mark.parametrize("seed", [20261235, 20261409])
async def test_sequences_that_once_crashed_the_app(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Help over the projector over help (duplicate screen ids); keys reaching a closed view."""
    await random_sequences(tmp_path, 1, monkeypatch, base=seed)


CHUNK = 30  # sequences per test: a parallel runner spreads the 300 over its workers
SOAK_CHUNK = 100


@pytest.mark.timeout(900)  # about 20 seconds alone on two cores; far longer on a busy machine
@pytest.mark.parametrize("chunk", range(300 // CHUNK))
async def test_300_random_key_sequences(
    chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeds BASE_SEED to BASE_SEED + 299, CHUNK of them per test."""
    await random_sequences(tmp_path, CHUNK, monkeypatch, base=BASE_SEED + chunk * CHUNK)


@pytest.mark.soak
@pytest.mark.timeout(3600)
@pytest.mark.parametrize("chunk", range(2000 // SOAK_CHUNK))
async def test_2000_random_key_sequences(
    chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeds BASE_SEED to BASE_SEED + 1999, SOAK_CHUNK of them per test."""
    await random_sequences(tmp_path, SOAK_CHUNK, monkeypatch, base=BASE_SEED + chunk * SOAK_CHUNK)
