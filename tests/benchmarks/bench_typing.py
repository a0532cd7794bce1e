"""Benchmarks typing: 1,000 keystrokes into the notes editor with autosave on, via Pilot.

The baseline is a bare TextArea app receiving the same keystrokes in the same run; the
target is a ratio of at most 1.3.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import TextArea

from facilitator.clock import FakeClock
from facilitator.vault import Vault
from screens.run import RunScreen
from tests.screens.run.harness import ScreenApp, make_services, planned_session

KEYSTROKES = 1_000
REPEATS = 1
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


async def notes_editor() -> tuple[float, int]:
    clock = FakeClock()
    vault = Vault.in_memory(clock=clock)
    session = planned_session(clock)
    app = ScreenApp(make_services(vault, clock), lambda: RunScreen(session))

    async def settle(pilot: Any) -> None:
        await pilot.pause()

    seconds = await type_into(app, settle)
    saved = vault.load_session(session.id).notes
    return seconds, len(saved[0].text) if saved else 0


def run() -> list[dict[str, Any]]:
    """Measure both once each (Pilot keystrokes are slow; one run of each takes about a minute)."""
    bare_times, editor_times = [], []
    for _ in range(REPEATS):
        bare_times.append(asyncio.run(bare()))
        seconds, saved_chars = asyncio.run(notes_editor())
        if saved_chars != KEYSTROKES:
            raise AssertionError(f"autosave kept {saved_chars} of {KEYSTROKES} characters")
        editor_times.append(seconds)
    value, baseline = min(editor_times), min(bare_times)
    return [
        {
            "name": "typing",
            "value": round(value, 3),
            "unit": "s",
            "baseline_name": "bare TextArea app",
            "baseline_value": round(baseline, 3),
            "ratio": round(value / baseline, 3),
        }
    ]


if __name__ == "__main__":
    print(run())
