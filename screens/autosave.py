"""Provides AutoSaver: collects the latest Session and writes it to the vault within a second.

Writes run in one thread worker at a time, in order, so typing never waits on the disk and
an older snapshot can never overwrite a newer one. Failures keep the data and retry.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from facilitator.errors import FacilitatorError
from facilitator.session import Session


class AutoSaver(Widget):
    """Debounced saving: `mark_dirty()` after every edit; `snapshot()` is read when it saves."""

    DEFAULT_CSS = "AutoSaver { display: none; }"

    @dataclass
    class Saved(Message):
        """A snapshot reached the vault."""

        session_id: str

    @dataclass
    class SaveFailed(Message):
        """A write failed; the data is still in memory and will be retried."""

        error: FacilitatorError  # rendered in the user's language by whoever shows it

    def __init__(
        self,
        snapshot: Callable[[], Session],
        save: Callable[[Session], None],
        *,
        delay: float = 0.5,
        retry: float = 2.0,
    ) -> None:
        super().__init__()
        self._snapshot = snapshot
        self._save = save
        self.delay = delay
        self.retry = retry
        self._timer: Timer | None = None
        self._lock = threading.Lock()  # guards _pending, _writing and _sequence
        self._write_lock = threading.Lock()  # one vault write at a time, in order
        self._pending: tuple[int, Session] | None = None
        self._sequence = 0
        self._written = 0
        self._writing = False
        self.dirty = False
        self.failing = False

    def mark_dirty(self) -> None:
        """Note that something changed; a save follows within `delay` seconds."""
        self.dirty = True
        if self._timer is None:
            self._timer = self.set_timer(self.delay, self._due)

    def _due(self) -> None:
        self._timer = None
        self.save_soon()

    def save_soon(self) -> None:
        """Take a snapshot now and hand it to the writer thread."""
        if not self.dirty:
            return
        self.dirty = False
        session = self._snapshot()
        with self._lock:
            self._sequence += 1
            self._pending = (self._sequence, session)
            start = not self._writing
            self._writing = True
        if start:
            self._writer()

    # Not exclusive: `_writing` already keeps one writer looping at a time, and an exclusive
    # start would cancel a writer that has left its loop but not yet returned, so waiting on
    # it raised WorkerCancelled. A writer that finds nothing pending simply returns.
    @work(thread=True, exclusive=False, exit_on_error=False, group="autosave")
    def _writer(self) -> None:
        while True:
            with self._lock:
                if self._pending is None:
                    self._writing = False
                    return
                sequence, session = self._pending
                self._pending = None
            try:
                self._write(sequence, session)
            except FacilitatorError as error:
                with self._lock:
                    self._writing = False
                self.app.call_from_thread(self._failed, error)
                return
            self.post_message(self.Saved(session.id))

    def _write(self, sequence: int, session: Session) -> None:
        with self._write_lock:
            if sequence <= self._written:
                return
            self._save(session)
            self._written = sequence

    def _failed(self, error: FacilitatorError) -> None:
        self.failing = True
        self.post_message(self.SaveFailed(error))
        self.dirty = True
        if self._timer is None:
            self._timer = self.set_timer(self.retry, self._due)

    def on_auto_saver_saved(self, event: Saved) -> None:
        self.failing = False

    async def flush(self) -> None:
        """Save now and wait until the write finished (tests, leaving a screen)."""
        self.dirty = True
        self.save_soon()
        await self.workers.wait_for_complete()

    def save_blocking(self) -> None:
        """Write the latest snapshot on this thread; for the last save when a screen closes."""
        with self._lock:
            self._sequence += 1
            sequence = self._sequence
        try:
            self._write(sequence, self._snapshot())
            self.dirty = False
        except FacilitatorError:
            pass  # the app is closing; the last completed save is intact
