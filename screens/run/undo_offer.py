"""Provides UndoOffer: the line offering to undo the last round move, and what undo restores.

Shown for UNDO_SECONDS after next round or skip (on the injected clock), so a key pressed
once too often costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from facilitator.session import ClockState, RoundRecord
from facilitator.vocabulary import SessionStatus

UNDO_SECONDS = 10.0


@dataclass(frozen=True)
class RoundMove:
    """The round state from just before a move, and when (monotonic seconds) it happened."""

    rounds: tuple[RoundRecord, ...]
    current_round: int
    status: SessionStatus
    clock: ClockState
    prompt_index: int
    at: float

    def expired(self, now: float) -> bool:
        """Whether the offer to undo has been shown long enough."""
        return now - self.at >= UNDO_SECONDS


class UndoOffer(Horizontal):
    """'Moved to round 3 of 5.' with an Undo button; hidden until a move is made."""

    def compose(self) -> ComposeResult:
        yield Static("", id="undo-text", markup=False)
        button = Button("", id="undo-move", compact=True)
        button.can_focus = False  # ctrl+z is the key; Tab stays among the capture fields
        yield button

    def offer(self, text: str, button: str) -> None:
        """Show the offer with its text and button label."""
        self.query_one("#undo-text", Static).update(text)
        self.query_one("#undo-move", Button).label = button
        self.display = True

    def withdraw(self) -> None:
        """Hide the offer."""
        self.display = False
