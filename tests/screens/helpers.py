"""Helpers for Pilot tests: settle workers and messages without sleeping."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Wait for every worker to finish and for the messages they posted to be handled."""
    app: App[None] = pilot.app
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` key by key, as a person would."""
    keys = ["space" if c == " " else c for c in text]
    await pilot.press(*keys)
