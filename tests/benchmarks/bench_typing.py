"""Benchmarks typing: 1,000 keystrokes into the notes editor with autosave on, via Pilot.

The run screen works on a real encrypted vault on disk and a session that already holds 100
notes; the baseline is a bare TextArea app receiving the same keystrokes in the same run.
Each is measured REPEATS times, alternating, and the medians are compared; target at most 1.3.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import TextArea

from facilitator.clock import FakeClock
from facilitator.session import Note, Session
from facilitator.vault import Vault
from facilitator.vault.kdf import KdfParams
from facilitator.vocabulary import NoteKind
from screens.run import RunScreen
from tests.screens.run.harness import ScreenApp, make_services, planned_session

KEYSTROKES = 1_000
REPEATS = 3
NOTES = 100
SENTENCE = "relatives get the papers too late to prepare "


def keys() -> list[str]:
    """1,000 key names typing sentences, with a space as 'space'."""
    text = (SENTENCE * (KEYSTROKES // len(SENTENCE) + 1))[:KEYSTROKES]
    return ["space" if c == " " else c for c in text]


class BareTextArea(App[None]):
    """The baseline: one focused TextArea and nothing else."""

    def compose(self) -> ComposeResult:
        yield TextArea(id="editor")


async def type_into(app: App[Any], ready: Any) -> float:
    """Seconds to press every key after `ready(pilot)` set the app up."""
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        started = time.perf_counter()
        await pilot.press(*keys())
        await pilot.pause()
        return time.perf_counter() - started


async def bare() -> float:
    async def focus(pilot: Any) -> None:
        pilot.app.query_one(TextArea).focus()
        await pilot.pause()

    return await type_into(BareTextArea(), focus)


def busy_session(clock: FakeClock) -> Session:
    """A session in its first round that already holds 100 filed notes."""
    session = planned_session(clock)
    for i in range(NOTES):
        text = f"note {i}: " + SENTENCE * 2
        session = session.with_note(Note(f"n{i}", "opening", text, NoteKind.OBSERVATION))
    return replace(session, id="session-1")


async def notes_editor(directory: Path) -> tuple[float, int]:
    clock = FakeClock()
    vault, _ = Vault.create(directory, "benchmark passphrase", kdf=KdfParams.MINIMUM, clock=clock)
    session = busy_session(clock)
    vault.save_session(session)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(session))

    async def settle(pilot: Any) -> None:
        await pilot.pause()

    try:
        seconds = await type_into(app, settle)
        saved = vault.load_session(session.id)
    finally:
        vault.close()
    if len(saved.notes) != NOTES:
        raise AssertionError(f"the vault holds {len(saved.notes)} of {NOTES} notes")
    return seconds, len(saved.draft.text) if saved.draft else 0


def run() -> list[dict[str, Any]]:
    """Medians of REPEATS alternating runs of each (Pilot keystrokes are slow)."""
    bare_times, editor_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        for repeat in range(REPEATS):
            bare_times.append(asyncio.run(bare()))
            seconds, saved_chars = asyncio.run(notes_editor(Path(folder) / f"vault{repeat}"))
            if saved_chars != KEYSTROKES:
                raise AssertionError(f"autosave kept {saved_chars} of {KEYSTROKES} characters")
            editor_times.append(seconds)
    value, baseline = statistics.median(editor_times), statistics.median(bare_times)
    return [
        {
            "name": "typing",
            "value": round(value, 3),
            "unit": "s",
            "baseline_name": "bare TextArea app",
            "baseline_value": round(baseline, 3),
            "ratio": round(value / baseline, 3),
            "runs": {"value": editor_times, "baseline": bare_times},
        }
    ]


if __name__ == "__main__":
    print(run())
