"""AutoSaver's writers never cancel each other: a second start while one ends is harmless."""

from __future__ import annotations

import threading
from dataclasses import replace

from textual.app import App, ComposeResult
from textual.worker import WorkerState

from facilitator.session import Session
from screens.autosave import AutoSaver
from tests.facilitator.fixtures import sample_session


class SaverApp(App[None]):
    """Just an AutoSaver whose save waits for the test to let it through."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.saved: list[Session] = []
        self.current = sample_session()
        self.saver = AutoSaver(lambda: self.current, self._save)

    def _save(self, session: Session) -> None:
        assert self.gate.wait(30), "the test never opened the gate"
        self.saved.append(session)

    def compose(self) -> ComposeResult:
        yield self.saver


async def test_a_writer_started_while_another_runs_cancels_nothing() -> None:
    """The window where one writer has finished its loop but not yet returned, made wide."""
    app = SaverApp()
    async with app.run_test() as pilot:
        saver = app.saver
        saver.dirty = True
        saver.save_soon()  # first writer, held at the gate
        app.current = replace(app.current, title="newer")
        first = saver.workers._workers.copy()
        second = saver._writer()  # what save_soon does when the first just cleared _writing
        app.gate.set()
        await saver.workers.wait_for_complete()  # raised WorkerCancelled before the fix
        await pilot.pause()
        assert all(w.state is WorkerState.SUCCESS for w in (*first, second))
        assert [s.title for s in app.saved] == ["Ward 12 reflection"]
        saver.dirty = True
        await saver.flush()
        assert [s.title for s in app.saved] == ["Ward 12 reflection", "newer"]
