"""Provides TimerPanel: the round's large countdown, its progress bar and a state line.

Time's up shows as text and a border change, never as colour alone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, ProgressBar, Static

from facilitator.round_clock import RoundClock
from screens.base import AppPart
from screens.run.text import timer_texts


class TimerPanel(AppPart, Vertical):
    """Shows a RoundClock: time left (or overrun), progress and running/paused/time's up."""

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="timer-digits")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="timer-bar")
        yield Static("", id="timer-state")

    def show(self, clock: RoundClock, *, plain: bool = False) -> None:
        """Render the clock's current state (in plain mode with the minutes-left band)."""
        up = clock.is_up
        digits, state = timer_texts(self.t, clock, plain=plain)
        self.query_one(Digits).update(digits)
        self.query_one(ProgressBar).update(progress=round(clock.progress * 100, 1))
        self.query_one("#timer-state", Static).update(state)
        self.set_class(up, "-up")
        self.set_class(not clock.running and not up, "-paused")
